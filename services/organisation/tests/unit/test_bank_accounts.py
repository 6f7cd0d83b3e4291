"""Bank account rules: CH/LI IBANs checked by schwifty, QR-IBANs recognised by bank code."""

import pytest

from organisation.domain import bank_accounts as rules
from organisation.domain.bank_accounts import BankAccountForm
from organisation.domain.problems import InvalidInput

QR_IBAN = "CH44 3199 9123 0008 8901 2"  # bank code 31999
IBAN = "CH93 0076 2011 6238 5295 7"  # bank code 00762
LI_IBAN = "LI21 0881 0000 2324 013A A"


def form(**overrides: str | None) -> BankAccountForm:
    values: dict[str, str | None] = {
        "iban": IBAN,
        "holder": "Atelier Rhône SA",
        "label": "Compte principal",
        "nif": None,
    }
    values.update(overrides)
    return BankAccountForm(**values)  # type: ignore[arg-type]


def codes(error: InvalidInput) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.problems}


def test_an_iban_is_stored_compact_and_shown_in_groups() -> None:
    details = rules.check(form(iban=" ch93 0076 2011 6238 5295 7 "))
    assert details.iban == "CH9300762011623852957"
    assert rules.formatted(details.iban) == "CH93 0076 2011 6238 5295 7"
    assert not details.is_qr_iban


@pytest.mark.parametrize(
    ("iban", "is_qr"),
    [
        (QR_IBAN, True),
        ("CH57 3000 0123 4567 8901 2", True),  # lower bound 30000
        (IBAN, False),
        (LI_IBAN, False),
    ],
)
def test_qr_iban_is_recognised_by_the_bank_code(iban: str, is_qr: bool) -> None:
    details = rules.check(form(iban=iban))
    assert details.is_qr_iban is is_qr


def test_qr_range_bounds() -> None:
    assert rules.is_qr_iban("CH0030000000000000000")
    assert rules.is_qr_iban("CH0031999000000000000")
    assert not rules.is_qr_iban("CH0029999000000000000")
    assert not rules.is_qr_iban("CH0032000000000000000")


@pytest.mark.parametrize(
    ("iban", "code"),
    [
        ("CH93 0076 2011 6238 5295 8", "iban_invalid"),  # wrong check digits
        ("not an iban", "iban_invalid"),
        ("DE89 3704 0044 0532 0130 00", "iban_country"),
        ("FR14 2004 1010 0505 0001 3M02 606", "iban_country"),
    ],
)
def test_bad_or_foreign_ibans_are_refused(iban: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check(form(iban=iban))
    assert codes(refused.value) == {("iban", code)}


def test_every_problem_at_once_with_both_languages() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check(form(iban="", holder=" ", label="", nif="12a"))
    assert codes(refused.value) == {
        ("iban", "required"),
        ("holder", "required"),
        ("label", "required"),
        ("nif", "nif_invalid"),
    }
    for problem in refused.value.problems:
        assert problem.message["fr"]
        assert problem.message["de"]


def test_the_nif_is_optional_and_digits_only() -> None:
    assert rules.check(form(nif="")).nif is None
    assert rules.check(form(nif=" 123 456 ")).nif == "123456"
