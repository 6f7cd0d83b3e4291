"""Documents through the gateway: uploads recognised by content, identical downloads, refusals
that store nothing (renamed executable, 11 MB), and another institution's files answer 404."""

import asyncio
import hashlib
import ipaddress
import random
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from guichet_local import control
from tests.conftest import ROOT

pytestmark = pytest.mark.stack

FILES = "/api/documents/files"
STORAGE = ROOT / ".run" / "files"  # DOCUMENTS_STORAGE_DIR of the local stack
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 64 + b"%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 16 + b"\xff\xd9"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8192

Client = Callable[[], httpx.Client]


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Client]:
    """Clients speaking from a fresh loopback address each (off the shared per-IP rate limit)."""
    opened: list[httpx.Client] = []

    def open_client() -> httpx.Client:
        transport = None
        if _is_loopback(gateway_url):
            source = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            transport = httpx.HTTPTransport(local_address=source)
        http = httpx.Client(base_url=gateway_url, transport=transport, timeout=60.0)
        opened.append(http)
        return http

    yield open_client
    for http in opened:
        http.close()


@pytest.fixture
def company_a() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def as_a(user_token, company_a: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {user_token(subject='anne-e2e', company_id=company_a)}"}


@pytest.fixture
def as_b(user_token) -> dict[str, str]:
    token = user_token(subject="bruno-e2e", company_id=str(uuid.uuid4()))
    return {"Authorization": f"Bearer {token}"}


def stored_rows(company_id: str) -> int:
    async def count() -> int:
        url = control.database_url("documents").replace("postgresql+asyncpg", "postgresql")
        connection = await asyncpg.connect(url)
        try:
            found = await connection.fetchval(
                "SELECT count(*) FROM stored_file WHERE company_id = $1", uuid.UUID(company_id)
            )
            return int(found)
        finally:
            await connection.close()

    return asyncio.run(count())


def stored_files(company_id: str) -> list[Path]:
    directory = STORAGE / company_id
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


def temp_files() -> set[Path]:
    directory = STORAGE / ".tmp"
    return set(directory.iterdir()) if directory.exists() else set()


def upload(http: httpx.Client, headers: dict[str, str], content: bytes, filename: str, **kw):
    return http.post(
        FILES,
        params={"purpose": "power_of_attorney", "filename": filename},
        content=content,
        headers={**headers, "Content-Type": "application/octet-stream", **kw},
    )


@pytest.mark.parametrize(
    ("content", "filename", "media_type"),
    [
        (PDF, "procuration.pdf", "application/pdf"),
        (PNG, "scan.png", "image/png"),
        (JPEG, "photo.jpg", "image/jpeg"),
    ],
)
def test_an_upload_downloads_as_identical_bytes(
    edge: Client, as_a, company_a, content, filename, media_type
) -> None:
    http = edge()
    response = upload(http, as_a, content, filename)
    assert response.status_code == 201, response.text
    file = response.json()
    assert file["media_type"] == media_type
    assert file["sha256"] == hashlib.sha256(content).hexdigest()
    assert file["size"] == len(content)

    download = http.get(f"{FILES}/{file['id']}/content", headers=as_a)
    assert download.status_code == 200
    assert download.content == content
    assert hashlib.sha256(download.content).hexdigest() == file["sha256"]
    assert download.headers["content-type"] == media_type
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert http.get(f"{FILES}/{file['id']}", headers=as_a).json()["id"] == file["id"]
    assert stored_rows(company_a) == 1
    assert len(stored_files(company_a)) == 1


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_renamed_executable_is_refused_and_nothing_is_stored(
    edge: Client, as_a, company_a, language
) -> None:
    before = temp_files()
    response = upload(edge(), as_a, ELF, "x.pdf", **{"Accept-Language": language})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert error["field"] == "file"
    assert error["code"] == "unsupported_file_type"
    expected = "Seuls les fichiers" if language == "fr" else "Nur PDF-"
    assert error["message"].startswith(expected)
    assert stored_rows(company_a) == 0
    assert stored_files(company_a) == []
    assert temp_files() <= before


def test_an_11_mb_upload_is_refused_by_the_gateway_and_nothing_is_stored(
    edge: Client, as_a, company_a
) -> None:
    before = temp_files()
    content = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    try:
        response = upload(edge(), as_a, content, "big.pdf")
    except httpx.WriteError:
        pass  # the gateway may answer 413 and close before the body is sent
    else:
        assert response.status_code == 413
    assert stored_rows(company_a) == 0
    assert stored_files(company_a) == []
    assert temp_files() <= before


def test_another_institution_gets_404_for_the_file(edge: Client, as_a, as_b) -> None:
    http = edge()
    file_id = upload(http, as_a, PDF, "a.pdf").json()["id"]
    for method, path in (
        ("GET", f"{FILES}/{file_id}"),
        ("GET", f"{FILES}/{file_id}/content"),
        ("DELETE", f"{FILES}/{file_id}"),
    ):
        response = http.request(method, path, headers=as_b)
        assert response.status_code == 404, (method, path, response.text)
    assert http.get(f"{FILES}/{file_id}/content", headers=as_a).content == PDF


def test_the_owner_deletes_a_file(edge: Client, as_a, company_a) -> None:
    http = edge()
    file_id = upload(http, as_a, PNG, "p.png").json()["id"]
    assert http.delete(f"{FILES}/{file_id}", headers=as_a).status_code == 204
    assert http.get(f"{FILES}/{file_id}/content", headers=as_a).status_code == 404
    assert stored_files(company_a) == []


def test_the_office_reads_with_its_scope(edge: Client, as_a, office_token) -> None:
    http = edge()
    file_id = upload(http, as_a, JPEG, "j.jpg").json()["id"]
    path = f"/internal/documents/files/{file_id}/content"
    denied = http.get(path, headers={"Authorization": f"Bearer {office_token('diagnostics')}"})
    assert denied.status_code == 403
    allowed = http.get(path, headers={"Authorization": f"Bearer {office_token('documents:read')}"})
    assert allowed.status_code == 200
    assert allowed.content == JPEG
