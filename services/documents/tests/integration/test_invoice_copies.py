"""Invoice events delivered through the kernel's consumer render, re-render and keep one PDF
copy per invoice version, on the real database."""

from io import BytesIO
from uuid import uuid4

import pytest
from pypdf import PdfReader

from services.documents.tests import examples
from services.documents.tests.delivery import pdf_files, record

pytestmark = pytest.mark.stack


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(path.read_bytes())).pages)


async def rows(db, event) -> list:
    return await db(
        "SELECT status, message, storage_key, size, printable IS NOT NULL FROM invoice_copy"
        " WHERE invoice_id = :id ORDER BY version",
        id=event.invoice_id,
    )


async def test_a_submission_renders_the_copy_of_its_version(documents, db, storage_dir) -> None:
    event = examples.submitted()

    assert await documents.handle(record(event)) == "processed"

    ((status, message, key, size, has_snapshot),) = await rows(db, event)
    assert (status, message, has_snapshot) == ("submitted", "", True)
    (pdf,) = pdf_files(storage_dir)
    assert pdf == storage_dir / key
    assert pdf.stat().st_size == size
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = text_of(pdf)
    for expected in (
        "Office cantonal AI du Valais",
        "Copie de la facture F-2026-000042",
        "318.632.2 – Allocation pour impotent",
        "Fondation Les Érables",
        "7601001234560",
        "Müller Zoé",
        "756.1234.5678.97",
        "1000 Lausanne",
        "32320251000896",
        "CH93 0076 2011 6238 5295 7",
        "05.08.2025",
        "01.07.2025 - 31.07.2025",
        "Degré d'impotence",
        "Nuits à domicile",
        "2'083.20",
        "Supplément pour soins intenses",
        "Total CHF",
        "4'687.20",
        "Séjour à l'hôpital <aucun> & rien d'autre",
        "decompte-juillet.pdf",
        "En traitement",
        "Envoyée le",
        "27.11.2026 13:05",
        "Page 1 sur 1",
    ):
        assert expected in text, expected


async def test_replaying_a_submission_changes_nothing(documents, db, storage_dir) -> None:
    event = examples.submitted()
    assert await documents.handle(record(event)) == "processed"
    first = await rows(db, event)
    content = pdf_files(storage_dir)[0].read_bytes()

    assert await documents.handle(record(event, offset=1)) == "duplicate"
    # The same version announced again by another event (a re-publication) renders nothing.
    again = event.model_copy(update={"event_id": uuid4()})
    assert await documents.handle(record(again, offset=2)) == "processed"

    assert await rows(db, event) == first
    (pdf,) = pdf_files(storage_dir)
    assert pdf.read_bytes() == content


@pytest.mark.parametrize(
    ("decide", "status", "label", "caption", "message"),
    [
        (examples.accepted, "accepted", "Acceptée", "", ""),
        (
            examples.correction_requested,
            "correction_requested",
            "À corriger",
            "Message de l'office",
            "Joindre le décompte d'août.",
        ),
        (examples.refused, "refused", "Refusée", "Motif du refus", "Décision échue."),
    ],
)
async def test_a_decision_re_renders_the_copy_with_its_status(
    documents, db, storage_dir, decide, status, label, caption, message
) -> None:
    event = examples.submitted()
    await documents.handle(record(event))
    ((_, _, first_key, _, _),) = await rows(db, event)

    assert await documents.handle(record(decide(event), offset=1)) == "processed"

    ((found_status, found_message, key, _, _),) = await rows(db, event)
    assert (found_status, found_message) == (status, message)
    assert key != first_key
    (pdf,) = pdf_files(storage_dir)  # the previous render is gone
    assert pdf == storage_dir / key
    text = text_of(pdf)
    assert label in text
    assert "En traitement" not in text
    assert "Statut modifié le" in text
    assert "30.11.2026 09:30" in text
    assert caption in text
    assert message in text


async def test_a_decision_before_the_submission_is_kept_for_the_render(
    documents, db, storage_dir
) -> None:
    event = examples.submitted()

    assert await documents.handle(record(examples.refused(event))) == "processed"
    assert await rows(db, event) == [("refused", "Décision échue.", None, None, False)]
    assert pdf_files(storage_dir) == []

    assert await documents.handle(record(event, offset=1)) == "processed"
    ((status, _, key, _, _),) = await rows(db, event)
    assert status == "refused"
    text = text_of(storage_dir / key)
    assert "Refusée" in text
    assert "Décision échue." in text


async def test_each_version_has_its_own_copy(documents, db, storage_dir) -> None:
    first = examples.submitted()
    second = examples.submitted(
        invoice_id=first.invoice_id, company_id=first.institution_id, version=2
    )
    await documents.handle(record(first))
    await documents.handle(record(examples.correction_requested(first), offset=1))
    await documents.handle(record(second, offset=2))

    found = await rows(db, first)
    assert [(status, has_snapshot) for status, _, _, _, has_snapshot in found] == [
        ("correction_requested", True),
        ("submitted", True),
    ]
    assert len(pdf_files(storage_dir)) == 2


async def test_a_german_copy_speaks_german(documents, db, storage_dir) -> None:
    event = examples.submitted(language="de")
    await documents.handle(record(event))
    await documents.handle(record(examples.accepted(event), offset=1))

    text = text_of(pdf_files(storage_dir)[0])
    for expected in (
        "Kantonale IV-Stelle Wallis",
        "Kopie der Rechnung",
        "AHV-Nr.",
        "Rechnungsdatum",
        "Angenommen",
        "Eingereicht am",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
