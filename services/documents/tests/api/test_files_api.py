"""Uploads, downloads and deletions over HTTP on the real database, with their audit trail."""

import hashlib
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from documents.domain.files import MAX_BYTES

pytestmark = pytest.mark.stack

FILES = "/api/documents/files"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 500
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 500


def files_in(directory) -> list:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


async def upload(api, headers, content, *, filename="procuration.pdf", **extra):
    return await api.post(
        FILES,
        params={"purpose": "power_of_attorney", "filename": filename},
        content=content,
        headers={**headers, "Content-Type": "application/octet-stream", **extra},
    )


@pytest.mark.parametrize(
    ("content", "media_type", "filename"),
    [(PDF, "application/pdf", "a.pdf"), (PNG, "image/png", "b.png"), (JPEG, "image/jpeg", "c.jpg")],
)
async def test_upload_then_download_the_same_bytes(
    api, user_headers, company, db, content, media_type, filename
) -> None:
    headers = user_headers(company)
    response = await upload(api, headers, content, filename=filename)
    assert response.status_code == 201, response.text
    file = response.json()
    assert file["media_type"] == media_type
    assert file["size"] == len(content)
    assert file["sha256"] == hashlib.sha256(content).hexdigest()
    assert file["company_id"] == str(company)

    metadata = await api.get(f"{FILES}/{file['id']}", headers=headers)
    assert metadata.json() == file
    download = await api.get(f"{FILES}/{file['id']}/content", headers=headers)
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == media_type
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith(f'attachment; filename="{filename}"')

    rows = await db("SELECT sha256, size FROM stored_file WHERE id = :id", id=file["id"])
    assert rows == [(file["sha256"], len(content))]
    (event,) = await db(
        "SELECT topic, event_type FROM outbox_message WHERE key = :key", key=file["id"]
    )
    assert tuple(event) == ("documents.file", "documents.FileUploaded")


async def test_the_declared_type_and_name_are_not_trusted(api, user_headers, company) -> None:
    response = await upload(
        api,
        user_headers(company),
        PNG,
        filename="../../evil.pdf",
        **{"Content-Type": "application/pdf"},
    )
    assert response.status_code == 201
    assert response.json()["media_type"] == "image/png"
    assert response.json()["filename"] == "evil.pdf.png"


@pytest.mark.parametrize("language", ["fr", "de"])
async def test_a_renamed_executable_is_refused_and_nothing_is_stored(
    api, user_headers, company, db, storage_dir, language
) -> None:
    response = await upload(
        api,
        user_headers(company),
        b"\x7fELF\x02\x01\x01" + b"\0" * 4000,
        filename="x.pdf",
        **{"Accept-Language": language},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("file", "unsupported_file_type")
    assert "PDF" in error["message"]
    assert ("Seuls" in error["message"]) == (language == "fr")
    assert await db("SELECT id FROM stored_file WHERE company_id = :c", c=company) == []
    assert files_in(storage_dir) == []


async def test_an_empty_body_is_refused(api, user_headers, company, storage_dir) -> None:
    response = await upload(api, user_headers(company), b"")
    assert response.status_code == 422
    assert files_in(storage_dir) == []


async def test_over_10_mb_is_refused_while_streaming(
    api, user_headers, company, db, storage_dir
) -> None:
    # Chunked, without Content-Length: the service counts the bytes as they arrive.
    async def body() -> AsyncIterator[bytes]:
        yield b"%PDF-1.7\n"
        for _ in range(11):
            yield b"0" * (1024 * 1024)

    response = await api.post(
        FILES,
        params={"purpose": "invoice_attachment"},
        content=body(),
        headers=user_headers(company),
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "file_too_large"
    assert await db("SELECT id FROM stored_file WHERE company_id = :c", c=company) == []
    assert files_in(storage_dir) == []


async def test_exactly_10_mb_is_accepted(api, user_headers, company) -> None:
    content = b"%PDF-" + b"0" * (MAX_BYTES - 5)
    response = await upload(api, user_headers(company), content)
    assert response.status_code == 201
    assert response.json()["size"] == MAX_BYTES


async def test_another_institution_gets_404_everywhere(api, user_headers, company) -> None:
    file_id = (await upload(api, user_headers(company), PDF)).json()["id"]
    other = user_headers(uuid4(), subject="bruno")
    for method, path in (
        ("GET", f"{FILES}/{file_id}"),
        ("GET", f"{FILES}/{file_id}/content"),
        ("DELETE", f"{FILES}/{file_id}"),
    ):
        response = await api.request(method, path, headers=other)
        assert response.status_code == 404, (method, path)
        assert response.json()["code"] == "file_not_found"
    assert (await api.get(f"{FILES}/{file_id}", headers=user_headers(company))).status_code == 200


async def test_unknown_file_and_bad_requests(api, user_headers, company) -> None:
    headers = user_headers(company)
    assert (await api.get(f"{FILES}/{uuid4()}", headers=headers)).status_code == 404
    assert (await api.get(f"{FILES}/not-a-uuid", headers=headers)).status_code == 422
    response = await api.post(FILES, params={"purpose": "selfie"}, content=PDF, headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.purpose"
    assert (await upload(api, {}, PDF)).status_code == 401
    assert (await upload(api, user_headers(None), PDF)).status_code == 403


async def test_the_office_downloads_with_its_scope(
    api, user_headers, office_headers, company
) -> None:
    file_id = (await upload(api, user_headers(company), PNG, filename="p.png")).json()["id"]
    path = f"/internal/documents/files/{file_id}/content"
    assert (await api.get(path)).status_code == 401
    assert (await api.get(path, headers=office_headers("registrations:review"))).status_code == 403
    assert (await api.get(path, headers=user_headers(company))).status_code == 401
    response = await api.get(path, headers=office_headers("documents:read"))
    assert response.status_code == 200
    assert response.content == PNG
    assert response.headers["content-type"] == "image/png"


async def test_deletion_by_the_owner(api, user_headers, company, db, storage_dir) -> None:
    headers = user_headers(company)
    file_id = (await upload(api, headers, PDF)).json()["id"]
    assert len(files_in(storage_dir)) == 1
    assert (await api.delete(f"{FILES}/{file_id}", headers=headers)).status_code == 204
    assert files_in(storage_dir) == []
    assert (await api.get(f"{FILES}/{file_id}", headers=headers)).status_code == 404
    assert (await api.delete(f"{FILES}/{file_id}", headers=headers)).status_code == 404
    (row,) = await db("SELECT deleted_by FROM stored_file WHERE id = :id", id=file_id)
    assert row.deleted_by == "anne"


async def test_reads_and_writes_are_audited_with_the_correlation_id(
    api, user_headers, office_headers, company, db
) -> None:
    headers = {**user_headers(company), "X-Correlation-Id": "audit-test-1"}
    file_id = (await upload(api, headers, PDF)).json()["id"]
    await api.get(f"{FILES}/{file_id}", headers=headers)
    await api.get(f"{FILES}/{file_id}/content", headers=headers)
    await api.get(
        f"/internal/documents/files/{file_id}/content", headers=office_headers("documents:read")
    )
    await api.delete(f"{FILES}/{file_id}", headers=headers)
    rows = await db(
        "SELECT action, actor, actor_kind, company_id, correlation_id FROM audit_entry"
        " WHERE file_id = :id ORDER BY id",
        id=file_id,
    )
    assert [(r.action, r.actor, r.actor_kind) for r in rows] == [
        ("uploaded", "anne", "user"),
        ("read_metadata", "anne", "user"),
        ("downloaded", "anne", "user"),
        ("downloaded", "office-test", "office"),
        ("deleted", "anne", "user"),
    ]
    assert {r.company_id for r in rows} == {company}
    assert rows[0].correlation_id == "audit-test-1"
