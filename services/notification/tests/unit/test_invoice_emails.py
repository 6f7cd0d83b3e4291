"""E-mails about the office's decisions on an invoice: to the submitter, in their language, with
the reference, the form title, the office's message or reason and the link to the invoice."""

from typing import Any
from uuid import uuid4

import pytest

from contracts.invoicing import (
    InvoiceAccepted,
    InvoiceCorrectionRequested,
    InvoiceRefused,
    Submitter,
)
from notification.application.courier import Courier
from notification.application.invoice_emails import (
    when_invoice_accepted_send_email,
    when_invoice_correction_requested_send_email,
    when_invoice_refused_send_email,
)
from notification.domain.delivery import DeliveryStatus
from notification.domain.forms import FORM_TITLES, form_title
from notification.domain.messages import Email

from .conftest import NOW, PUBLIC_URL, Fakes

NO_UOW: Any = None
MESSAGE = "Veuillez joindre la fiche de salaire de juin 2025 de l'assistante."
REASON = "La décision 323.2025.1000896 ne couvre pas la contribution d'assistance."


def make_submitter(**overrides: Any) -> Submitter:
    values: dict[str, Any] = {
        "account_id": uuid4(),
        "first_name": "Jean",
        "last_name": "Dupont",
        "email": "jean.dupont@example.ch",
        "language": "fr",
    }
    return Submitter(**(values | overrides))


def make_decision(event_class: type[Any], language: str = "fr", **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "invoice_id": uuid4(),
        "institution_id": uuid4(),
        "version": 1,
        "reference": "F-2026-000042",
        "form": "318.536",
        "submitter": make_submitter(language=language),
        "decided_at": NOW,
        "occurred_at": NOW,
    }
    if event_class is InvoiceCorrectionRequested:
        values["message"] = MESSAGE
    if event_class is InvoiceRefused:
        values["reason"] = REASON
    return event_class(**(values | overrides))


def only_email(fakes: Fakes) -> Email:
    [email] = fakes.email.sent
    assert isinstance(email, Email)
    return email


def test_every_form_has_a_title_in_every_language() -> None:
    assert len(FORM_TITLES) == 10
    for titles in FORM_TITLES.values():
        assert set(titles) == {"fr", "de", "it"}
    assert form_title("318.536", "de") == "Assistenzbeitrag"
    assert form_title("300.001", "fr") == "Appareillage auditif"


@pytest.mark.parametrize(
    ("language", "subject", "payment", "title"),
    [
        (
            "fr",
            "Office cantonal AI du Valais – Votre facture F-2026-000042 a été acceptée",
            "Centrale de compensation, à Genève, dans un délai d'environ dix jours",
            "318.536 – Contribution d'assistance",
        ),
        (
            "de",
            "Kantonale IV-Stelle Wallis – Ihre Rechnung F-2026-000042 wurde angenommen",
            "Zentrale Ausgleichsstelle in Genf innert etwa zehn Tagen",
            "318.536 – Assistenzbeitrag",
        ),
    ],
)
async def test_accepted_announces_the_payment(
    courier: Courier, fakes: Fakes, language: str, subject: str, payment: str, title: str
) -> None:
    event = make_decision(InvoiceAccepted, language)
    await when_invoice_accepted_send_email(NO_UOW, event, courier=courier)

    email = only_email(fakes)
    assert email.to == "jean.dupont@example.ch"
    assert email.to_name == "Jean Dupont"
    assert email.language == language
    assert email.subject == subject
    for body in (email.text, email.html):
        assert "F-2026-000042" in body
        assert payment in body
        assert "27.11.2026" in body
    assert title in email.text
    assert fakes.log.only().dispatch.event_type == "invoicing.InvoiceAccepted"


@pytest.mark.parametrize(
    ("language", "subject", "heading"),
    [
        (
            "fr",
            "Office cantonal AI du Valais – Votre facture F-2026-000042 est à corriger",
            "Message de l'office",
        ),
        (
            "de",
            "Kantonale IV-Stelle Wallis – Ihre Rechnung F-2026-000042 ist zu korrigieren",
            "Mitteilung der IV-Stelle",
        ),
    ],
)
async def test_correction_quotes_the_message_and_links_to_the_form(
    courier: Courier, fakes: Fakes, language: str, subject: str, heading: str
) -> None:
    event = make_decision(InvoiceCorrectionRequested, language)
    await when_invoice_correction_requested_send_email(NO_UOW, event, courier=courier)

    email = only_email(fakes)
    link = f"{PUBLIC_URL}/factures/{event.invoice_id}"
    assert email.subject == subject
    assert f"\n{link}\n" in email.text
    assert f'href="{link}"' in email.html
    assert MESSAGE in email.text
    assert "fiche de salaire de juin 2025 de l&#39;assistante." in email.html
    for body in (email.text, email.html):
        assert heading in body
        assert "F-2026-000042" in body


@pytest.mark.parametrize(
    ("language", "subject", "pdf"),
    [
        (
            "fr",
            "Office cantonal AI du Valais – Votre facture F-2026-000042 a été refusée",
            "sa copie PDF restent disponibles",
        ),
        (
            "de",
            "Kantonale IV-Stelle Wallis – Ihre Rechnung F-2026-000042 wurde abgelehnt",
            "ihre PDF-Kopie bleiben im Rechnungsverlauf",
        ),
    ],
)
async def test_refusal_gives_the_reason_and_keeps_the_pdf(
    courier: Courier, fakes: Fakes, language: str, subject: str, pdf: str
) -> None:
    event = make_decision(InvoiceRefused, language)
    await when_invoice_refused_send_email(NO_UOW, event, courier=courier)

    email = only_email(fakes)
    assert email.subject == subject
    assert REASON in email.text
    assert "ne couvre pas la contribution d&#39;assistance." in email.html
    assert f"{PUBLIC_URL}/factures/{event.invoice_id}" in email.text
    for body in (email.text, email.html):
        assert pdf in body
        assert "F-2026-000042" in body


async def test_italian_submitters_are_written_to_in_italian(courier: Courier, fakes: Fakes) -> None:
    event = make_decision(InvoiceAccepted, "it", form="300.001")
    await when_invoice_accepted_send_email(NO_UOW, event, courier=courier)

    email = only_email(fakes)
    assert email.subject.endswith("La sua fattura F-2026-000042 è stata accettata")
    assert "300.001 – Apparecchi acustici" in email.text


async def test_a_replayed_decision_is_not_sent_twice(courier: Courier, fakes: Fakes) -> None:
    event = make_decision(InvoiceRefused)
    await when_invoice_refused_send_email(NO_UOW, event, courier=courier)
    await when_invoice_refused_send_email(NO_UOW, event, courier=courier)

    assert len(fakes.email.sent) == 1
    assert fakes.log.only().status is DeliveryStatus.SENT
    assert fakes.email.keys == [f"{event.event_id}.email"]
