"""The identifier rules: AVS, decision number, IBAN, payment references, name folding."""

from datetime import date

import pytest

from beneficiary.domain import identifiers
from beneficiary.domain.problems import BadValue

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("raw", ["756.1234.5678.97", "7561234567897", " 756 1234 5678 97 "])
def test_avs_is_accepted_with_or_without_dots_and_stored_compact(raw: str) -> None:
    assert identifiers.avs(raw) == "7561234567897"
    assert identifiers.avs_display("7561234567897") == "756.1234.5678.97"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("756.0005.0000.02", "avs_check_digit"),
        ("756.0005.0000.18", "avs_check_digit"),
        ("756.1234.5678", "avs_format"),
        ("123.4567.8901.23", "avs_format"),
        ("756.1234.5678.9x", "avs_format"),
    ],
)
def test_bad_avs_numbers(raw: str, code: str) -> None:
    with pytest.raises(BadValue) as refused:
        identifiers.avs(raw)
    assert refused.value.code == code


@pytest.mark.parametrize(
    "raw", ["32320251000896", "323.2025.1000896", "350 2000 0000001", "30120261234567"]
)
def test_decision_numbers(raw: str) -> None:
    assert len(identifiers.decision_number(raw, today=TODAY)) == 14


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("3232025100089", "decision_format"),
        ("323202510008961", "decision_format"),
        ("32A20251000896", "decision_format"),
        ("30020251000896", "decision_office"),
        ("32820251000896", "decision_office"),
        ("32319991000896", "decision_year"),
        ("32320271000896", "decision_year"),
    ],
)
def test_bad_decision_numbers(raw: str, code: str) -> None:
    with pytest.raises(BadValue) as refused:
        identifiers.decision_number(raw, today=TODAY)
    assert refused.value.code == code


def test_iban_ch_li_only_and_qr_iban_recognised() -> None:
    assert not identifiers.is_qr_iban(identifiers.iban("CH93 0076 2011 6238 5295 7"))
    assert identifiers.is_qr_iban(identifiers.iban("CH4431999123000889012"))
    assert identifiers.iban("LI21 0881 0000 2324 013A A").country_code == "LI"
    for raw, code in [
        ("DE89370400440532013000", "iban_country"),
        ("CH93 0076 2011 6238 5295 8", "iban_invalid"),
        ("not an iban", "iban_invalid"),
    ]:
        with pytest.raises(BadValue) as refused:
            identifiers.iban(raw)
        assert refused.value.code == code


def test_payment_references() -> None:
    qr = "21 00000 00003 13947 14300 09017"
    assert identifiers.payment_reference(qr, qr_iban=True) == "210000000003139471430009017"
    assert identifiers.payment_reference("RF18 5390 0754 7034", qr_iban=False) == (
        "RF18539007547034"
    )
    assert identifiers.payment_reference(None, qr_iban=False) is None
    assert identifiers.payment_reference("  ", qr_iban=False) is None
    for raw, qr_iban, code in [
        (None, True, "qr_reference_required"),
        ("210000000003139471430009018", True, "qr_reference_invalid"),
        ("RF18539007547034", True, "qr_reference_invalid"),
        (qr, False, "qr_reference_needs_qr_iban"),
        ("RF19 5390 0754 7034", False, "creditor_reference_invalid"),
    ]:
        with pytest.raises(BadValue) as refused:
            identifiers.payment_reference(raw, qr_iban=qr_iban)
        assert refused.value.code == code


def test_folding_ignores_case_and_accents() -> None:
    assert identifiers.folded("Müller-GÉRALD Noël") == "muller-gerald noel"
    assert identifiers.digits("756.12") == "75612"
