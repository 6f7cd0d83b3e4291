"""Checks every form shares: beneficiary, payee, decision number, dates, number, attachments."""

from datetime import date

import pytest

from invoicing.domain.forms import AttachmentRef, InvalidInput

from .factories import ACCOUNT, FILE, checked, problems

FORM = "318.632"
CONTENT = {"lines": [{"date": "2025-07-01", "description": "Séance", "quantity": 1, "rate": "80"}]}


def test_every_missing_header_field_is_reported_in_french_and_german() -> None:
    with pytest.raises(InvalidInput) as refused:
        checked(
            FORM,
            CONTENT,
            beneficiary_id=None,
            payee_kind=None,
            decision_number=" ",
            invoice_date=None,
            invoice_number="",
        )

    messages = {problem.field: problem.message for problem in refused.value.problems}
    assert list(messages) == [
        "beneficiary_id",
        "payee.kind",
        "decision.number",
        "invoice_date",
        "invoice_number",
    ]
    assert messages["invoice_date"] == {
        "fr": "Le champ Date de la facture est obligatoire.",
        "de": "Das Feld Rechnungsdatum ist obligatorisch.",
    }


def test_a_company_payee_needs_its_bank_account() -> None:
    assert problems(FORM, CONTENT, bank_account_id=None) == {"payee.bank_account_id": "required"}
    assert problems(FORM, CONTENT, payee_kind="beneficiary") == {
        "payee.bank_account_id": "not_applicable"
    }
    assert checked(FORM, CONTENT, payee_kind="beneficiary", bank_account_id=None).total > 0
    assert problems(FORM, CONTENT, payee_kind="office") == {"payee.kind": "invalid_choice"}


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("323.2025.100089", "decision_format"),
        ("328.2025.1000896", "decision_office"),
        ("300.2025.1000896", "decision_office"),
        ("323.2026.1000896", "decision_year"),
        ("323.1999.1000896", "decision_year"),
    ],
)
def test_decision_number_rules(number: str, code: str) -> None:
    assert problems(FORM, CONTENT, decision_number=number) == {"decision.number": code}


@pytest.mark.parametrize("number", ["350 2025 1000896", "32720241234567", "301.2000.0000001"])
def test_decision_numbers_ignore_dots_and_spaces(number: str) -> None:
    expected = "".join(number.replace(".", "").split())
    assert checked(FORM, CONTENT, decision_number=number).decision_number == expected


def test_dates_and_lengths() -> None:
    assert problems(
        FORM,
        CONTENT,
        invoice_date=date(2025, 8, 16),
        invoice_number="x" * 51,
        remark="x" * 2001,
        decision_description="x" * 201,
    ) == {
        "invoice_date": "future_date",
        "invoice_number": "too_long",
        "remark": "too_long",
        "decision.description": "too_long",
    }


def test_attachment_kinds_are_known() -> None:
    assert problems(FORM, CONTENT, attachments=(AttachmentRef(FILE, "photo"),)) == {
        "attachments[0].kind": "invalid_choice"
    }


def test_the_missing_document_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        checked("318.536", {"month": "2025-07", "assistants": [{"name": "A", "hours": 1}]})

    (problem,) = refused.value.problems
    assert problem.message == {
        "fr": "La pièce jointe « Fiche de salaire » est obligatoire.",
        "de": "Der Anhang «Lohnabrechnung» ist obligatorisch.",
    }


def test_an_unknown_form_is_refused() -> None:
    assert problems("318.999", CONTENT) == {"form": "unknown_form"}


def test_account_is_kept_out_of_the_checked_invoice() -> None:
    assert ACCOUNT not in checked(FORM, CONTENT).content.values()
