"""The invoice copies over HTTP: the institution's own only, the office with its scope,
Retry-After until rendered, the download audited."""

from io import BytesIO
from uuid import uuid4

import pytest
from pypdf import PdfReader

from services.documents.tests import examples
from services.documents.tests.delivery import consumer, record

pytestmark = pytest.mark.stack


@pytest.fixture
def documents(runtime, storage_dir, settings):
    return consumer(runtime.session_factory, storage_dir, settings)


def path(invoice_id, prefix="/api") -> str:
    return f"{prefix}/documents/invoices/{invoice_id}/pdf"


def assert_not_ready(response) -> None:
    assert response.status_code == 404, response.text
    assert response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


async def test_the_institution_downloads_its_copy(
    api, documents, user_headers, company, db
) -> None:
    event = examples.submitted(company_id=company)
    await documents.handle(record(event))

    response = await api.get(path(event.invoice_id), headers=user_headers(company))

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        'attachment; filename="facture-F-2026-000042-v1.pdf";'
        " filename*=UTF-8''facture-F-2026-000042-v1.pdf"
    )
    assert int(response.headers["content-length"]) == len(response.content)
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Müller Zoé" in text
    assert "En traitement" in text
    (audit,) = await db(
        "SELECT a.action, a.actor, a.actor_kind, a.company_id FROM audit_entry a"
        " JOIN invoice_copy c ON c.id = a.file_id WHERE c.invoice_id = :id",
        id=event.invoice_id,
    )
    assert tuple(audit) == ("invoice_copy_downloaded", "anne", "user", company)


async def test_without_a_version_the_latest_is_served(
    api, documents, user_headers, company
) -> None:
    first = examples.submitted(company_id=company)
    second = examples.submitted(invoice_id=first.invoice_id, company_id=company, version=2)
    await documents.handle(record(first))
    await documents.handle(record(examples.correction_requested(first), offset=1))
    await documents.handle(record(second, offset=2))
    headers = user_headers(company)

    latest = await api.get(path(first.invoice_id), headers=headers)
    older = await api.get(path(first.invoice_id), params={"version": 1}, headers=headers)

    assert "v2.pdf" in latest.headers["content-disposition"]
    assert "En traitement" in PdfReader(BytesIO(latest.content)).pages[0].extract_text()
    assert "v1.pdf" in older.headers["content-disposition"]
    assert "À corriger" in PdfReader(BytesIO(older.content)).pages[0].extract_text()


async def test_not_rendered_yet_answers_404_with_retry_after(
    api, documents, user_headers, company
) -> None:
    event = examples.submitted(company_id=company)
    headers = user_headers(company)

    assert_not_ready(await api.get(path(event.invoice_id), headers=headers))
    # A decision known before the submission: still nothing to download.
    await documents.handle(record(examples.accepted(event)))
    assert_not_ready(await api.get(path(event.invoice_id), headers=headers))

    await documents.handle(record(event, offset=1))
    assert (await api.get(path(event.invoice_id), headers=headers)).status_code == 200
    missing_version = await api.get(path(event.invoice_id), params={"version": 2}, headers=headers)
    assert_not_ready(missing_version)


async def test_another_institution_gets_404(api, documents, user_headers, company) -> None:
    event = examples.submitted(company_id=company)
    await documents.handle(record(event))

    assert_not_ready(await api.get(path(event.invoice_id), headers=user_headers(uuid4())))
    no_company = await api.get(path(event.invoice_id), headers=user_headers())
    assert no_company.status_code == 403


async def test_the_office_needs_documents_read(
    api, documents, office_headers, user_headers, company, db
) -> None:
    event = examples.submitted(company_id=company)
    await documents.handle(record(event))
    internal = path(event.invoice_id, prefix="/internal")

    assert (await api.get(internal)).status_code == 401
    assert (await api.get(internal, headers=user_headers(company))).status_code == 401
    assert (await api.get(internal, headers=office_headers("invoices:review"))).status_code == 403
    allowed = await api.get(internal, headers=office_headers("documents:read"))

    assert allowed.status_code == 200
    assert allowed.content.startswith(b"%PDF-")
    (audit,) = await db(
        "SELECT a.actor, a.actor_kind FROM audit_entry a"
        " JOIN invoice_copy c ON c.id = a.file_id WHERE c.invoice_id = :id",
        id=event.invoice_id,
    )
    assert tuple(audit) == ("office-test", "office")
    assert_not_ready(
        await api.get(path(uuid4(), prefix="/internal"), headers=office_headers("documents:read"))
    )


@pytest.mark.parametrize("version", [0, 2**31])
async def test_a_bad_version_is_refused(api, user_headers, company, version) -> None:
    response = await api.get(
        path(uuid4()), params={"version": version}, headers=user_headers(company)
    )
    assert response.status_code == 422
