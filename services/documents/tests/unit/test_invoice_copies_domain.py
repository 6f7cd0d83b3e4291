"""The invoice copy's wording and status rules (pure)."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from documents.domain.invoice_copies import (
    STATUS_LABELS,
    CopyChange,
    CopyStatus,
    InvoiceCopyRecord,
    Office,
    chf,
    copy_filename,
    layout,
    swiss_time,
)
from services.documents.tests import examples

OFFICE = Office(
    names={"fr": "Office AI", "de": "IV-Stelle", "it": ""}, address_lines=("1951 Sion",)
)


def record(**changes) -> InvoiceCopyRecord:
    fields = {
        "id": uuid4(),
        "invoice_id": uuid4(),
        "version": 1,
        "company_id": uuid4(),
        "reference": "F-2026-000042",
    }
    return InvoiceCopyRecord(**(fields | changes))


def change(status: CopyStatus, at: datetime, **extra) -> CopyChange:
    return CopyChange(
        invoice_id=uuid4(),
        version=1,
        company_id=uuid4(),
        reference="F-2026-000042",
        status=status,
        at=at,
        **extra,
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["En traitement", "À corriger", "Acceptée", "Refusée"]),
        ("de", ["In Bearbeitung", "Zu korrigieren", "Angenommen", "Abgelehnt"]),
        ("it", ["In elaborazione", "Da correggere", "Accettata", "Rifiutata"]),
    ],
)
def test_status_labels(language, expected) -> None:
    assert [STATUS_LABELS[language][status] for status in CopyStatus] == expected


def test_filenames_and_formats() -> None:
    assert copy_filename("fr", "F-2025-000042", 1) == "facture-F-2025-000042-v1.pdf"
    assert copy_filename("de", "F-2025-000042", 3) == "rechnung-F-2025-000042-v3.pdf"
    assert chf("1234567.50") == "1'234'567.50"
    assert chf("-5.00") == "-5.00"
    assert chf("") == ""
    # Summer and winter time in Zurich.
    assert swiss_time(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)) == "02.07.2026 00:30"
    assert swiss_time(datetime(2026, 1, 1, 22, 30, tzinfo=UTC)) == "01.01.2026 23:30"


def test_layout_in_german_with_a_refusal() -> None:
    copy = examples.printable("de", period="", remark="", attachments=[])
    decided = record(
        printable=copy,
        status=CopyStatus.REFUSED,
        message="Verfügung abgelaufen",
        status_changed_at=examples.DECIDED_AT,
    )

    document = layout(decided, OFFICE)

    assert document.language == "de"
    assert document.title == "Kopie der Rechnung F-2026-000042"
    assert document.office_name == "IV-Stelle"
    assert ("Status", "Abgelehnt") in document.summary
    assert ("Eingereicht am", "27.11.2026 13:05") in document.summary
    assert ("Status geändert am", "30.11.2026 09:30") in document.summary
    assert (document.message_label, document.message) == (
        "Ablehnungsgrund",
        "Verfügung abgelaufen",
    )
    assert document.line_headings == ("Leistung", "Details", "Menge", "Einzelpreis", "Betrag")
    assert document.lines[0] == ("Nuits à domicile", "juillet 2025", "31", "67.20", "2'083.20")
    assert (document.total_label, document.total) == ("Total CHF", "4'687.20")
    invoice = next(s for s in document.sections if s.heading == "Rechnung")
    assert [label for label, _ in invoice.rows] == ["Rechnungsdatum", "Rechnungsnummer"]
    assert [s.heading for s in document.closing] == ["Beilagen"]
    assert document.closing[0].rows == (("", "Keine"),)
    assert document.page_label.format(page=1, pages=2) == "Seite 1 von 2"


def test_italian_falls_back_to_the_french_office_name() -> None:
    document = layout(record(printable=examples.printable("it")), OFFICE)
    assert document.office_name == "Office AI"
    assert ("Stato", "In elaborazione") in document.summary


def test_a_submission_after_a_decision_keeps_the_decision() -> None:
    decided = record().apply(change(CopyStatus.ACCEPTED, examples.DECIDED_AT))
    rendered = decided.apply(
        change(CopyStatus.SUBMITTED, examples.SENT_AT, printable=examples.printable())
    )
    assert rendered.status is CopyStatus.ACCEPTED
    assert rendered.status_changed_at == examples.DECIDED_AT
    assert rendered.printable == examples.printable()


def test_replays_and_older_decisions_change_nothing() -> None:
    submitted = record().apply(
        change(CopyStatus.SUBMITTED, examples.SENT_AT, printable=examples.printable())
    )
    assert (
        submitted.apply(
            change(CopyStatus.SUBMITTED, examples.SENT_AT, printable=examples.printable("de"))
        )
        == submitted
    )
    accepted = submitted.apply(change(CopyStatus.ACCEPTED, examples.DECIDED_AT))
    assert accepted.status is CopyStatus.ACCEPTED
    assert accepted.apply(change(CopyStatus.ACCEPTED, examples.DECIDED_AT)) == accepted
    earlier = examples.DECIDED_AT - timedelta(hours=1)
    assert accepted.apply(change(CopyStatus.REFUSED, earlier, message="x")) == accepted


def test_each_render_has_its_own_key_made_of_ids() -> None:
    copy = record()
    event_id = uuid4()
    assert copy.storage_key_for(event_id) == (
        f"invoice-copies/{copy.company_id}/{copy.invoice_id}/v1-{event_id}.pdf"
    )
