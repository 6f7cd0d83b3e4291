"""The form rules: every problem at once, under its JSON path; the minor's representative."""

from dataclasses import replace
from datetime import date

import pytest

from beneficiary.domain.beneficiary import (
    AddressForm,
    BankForm,
    DecisionForm,
    RepresentativeForm,
    check,
)
from beneficiary.domain.problems import InvalidInput

TODAY = date(2026, 11, 27)


def problems(form) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        check(form, today=TODAY)
    return {p.field: p.code for p in refused.value.problems}


def test_a_valid_form_is_normalised(form) -> None:
    details = check(form(last_name="  Müller  ", first_name="Élodie"), today=TODAY)
    assert details.avs == "7561234567897"
    assert details.last_name == "Müller"
    assert details.search_name == "muller elodie"
    assert details.decisions[0].number == "32320251000896"
    assert details.bank is not None
    assert (details.bank.iban, details.bank.qr_iban) == ("CH9300762011623852957", False)


def test_every_problem_is_reported_with_its_path(form) -> None:
    found = problems(
        form(
            last_name="",
            first_name="A\u202eB",
            address=AddressForm("", "12345", " "),
            avs="756.0005.0000.02",
            decisions=(
                DecisionForm("32320251000896", "x"),
                DecisionForm("323.2025.1000896", "dup"),
                DecisionForm("", ""),
            ),
            bank=BankForm("CH44 3199 9123 0008 8901 2"),
        )
    )
    assert found == {
        "last_name": "required",
        "first_name": "text_invalid_characters",
        "address.street": "required",
        "address.postcode": "postcode_format",
        "address.locality": "required",
        "avs": "avs_check_digit",
        "decisions[1].number": "decision_duplicate",
        "decisions[2].number": "required",
        "decisions[2].description": "required",
        "bank.reference": "qr_reference_required",
    }


def test_messages_are_in_french_and_german(form) -> None:
    with pytest.raises(InvalidInput) as refused:
        check(form(avs="756.0005.0000.18"), today=TODAY)
    (problem,) = refused.value.problems
    assert "AVS" in problem.message["fr"]
    assert "AHV" in problem.message["de"]


def test_a_minor_needs_a_legal_representative(form) -> None:
    minor = form(birth_date=date(2008, 11, 28))
    assert problems(minor) == {"representative": "representative_required"}
    representative = RepresentativeForm(
        "Paul Müller", AddressForm("Rue du Rhône 3", "1950", "Sion"), "père"
    )
    details = check(replace(minor, representative=representative), today=TODAY)
    assert details.representative is not None
    # Eighteen today: an adult, no representative needed.
    assert check(form(birth_date=date(2008, 11, 27)), today=TODAY).representative is None


def test_representative_fields_are_checked(form) -> None:
    representative = RepresentativeForm("", AddressForm("Rue 1", "99", "Sion"), "")
    assert problems(form(representative=representative)) == {
        "representative.name": "required",
        "representative.address.postcode": "postcode_format",
        "representative.relationship": "required",
    }


def test_birth_date_in_the_future_is_refused(form) -> None:
    assert problems(form(birth_date=date(2027, 1, 1))) == {"birth_date": "birth_date_future"}


def test_bank_is_optional_but_its_iban_is_not(form) -> None:
    assert check(form(bank=None), today=TODAY).bank is None
    assert problems(form(bank=BankForm(" "))) == {"bank.iban": "required"}
    holder = check(form(bank=BankForm("CH9300762011623852957", holder=" Paul  Rey ")), today=TODAY)
    assert holder.bank is not None
    assert holder.bank.holder == "Paul Rey"
