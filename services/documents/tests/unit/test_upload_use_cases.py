"""The upload, read and delete use cases with an in-memory storage and unit of work."""

import hashlib
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from contracts.documents import FileDeleted, FileUploaded
from documents.application.errors import PayloadTooLarge
from documents.application.files import (
    Upload,
    delete_file,
    download_file,
    file_metadata,
    upload_file,
)
from documents.domain.files import AuditAction, MediaType, Purpose
from kernel.auth import Principal
from kernel.errors import Forbidden, NotFound, RuleViolated

COMPANY_A = uuid4()
COMPANY_B = uuid4()
ANNE = Principal(subject="anne", kind="user", company_id=COMPANY_A, role="manager")
BRUNO = Principal(subject="bruno", kind="user", company_id=COMPANY_B, role="manager")
OFFICE = Principal(subject="office", kind="office", scopes=frozenset({"documents:read"}))
PDF = b"%PDF-1.7\n" + b"x" * 100


async def chunks(data: bytes, size: int = 16) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def upload(principal=ANNE, name="procuration.pdf", length=None) -> Upload:
    return Upload(principal, Purpose.POWER_OF_ATTORNEY, name, length)


async def test_an_upload_is_stored_recorded_audited_and_announced(storage, uow) -> None:
    stored = await upload_file(upload(), chunks(PDF), storage=storage, uow=uow)
    assert stored.media_type is MediaType.PDF
    assert stored.size == len(PDF)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.company_id == COMPANY_A
    assert storage.objects[stored.storage_key] == PDF
    assert uow.committed.rows[stored.id] == stored
    assert uow.committed.audits[0]["action"] is AuditAction.UPLOADED
    (event,) = uow.events
    assert isinstance(event, FileUploaded)
    assert (event.file_id, event.sha256, event.size) == (stored.id, stored.sha256, stored.size)


async def test_a_renamed_executable_leaves_nothing(storage, uow) -> None:
    with pytest.raises(RuleViolated) as refused:
        await upload_file(
            upload(name="x.pdf"), chunks(b"\x7fELF" + b"\0" * 100), storage=storage, uow=uow
        )
    assert refused.value.errors[0].field == "file"
    assert refused.value.errors[0].code == "unsupported_file_type"
    assert set(refused.value.errors[0].message) == {"fr", "de"}
    assert storage.objects == {}
    assert storage.pending[0].aborted
    assert uow.committed.rows == {}
    assert uow.events == []


async def test_an_empty_body_is_refused(storage, uow) -> None:
    with pytest.raises(RuleViolated):
        await upload_file(upload(), chunks(b""), storage=storage, uow=uow)
    assert storage.objects == {}


async def test_too_many_bytes_are_refused_while_streaming(storage, uow) -> None:
    with pytest.raises(PayloadTooLarge) as refused:
        await upload_file(upload(), chunks(PDF), storage=storage, uow=uow, limit=50)
    assert refused.value.status == 413
    assert storage.objects == {}
    assert storage.pending[0].aborted
    assert len(storage.pending[0].buffer) == 0


async def test_a_declared_length_over_the_limit_is_refused_before_reading(storage, uow) -> None:
    async def never() -> AsyncIterator[bytes]:
        raise AssertionError("the body was read")
        yield b""

    with pytest.raises(PayloadTooLarge):
        await upload_file(upload(length=51), never(), storage=storage, uow=uow, limit=50)
    assert storage.pending == []


async def test_a_database_failure_removes_the_stored_content(storage, uow) -> None:
    uow.committed.fail_on_add = True
    with pytest.raises(RuntimeError):
        await upload_file(upload(), chunks(PDF), storage=storage, uow=uow)
    assert storage.objects == {}


async def test_a_user_without_institution_cannot_upload(storage, uow) -> None:
    nobody = Principal(subject="x", kind="user")
    with pytest.raises(Forbidden):
        await upload_file(upload(principal=nobody), chunks(PDF), storage=storage, uow=uow)


async def test_another_institution_gets_not_found(storage, uow) -> None:
    stored = await upload_file(upload(), chunks(PDF), storage=storage, uow=uow)
    with pytest.raises(NotFound):
        await file_metadata(stored.id, BRUNO, uow=uow)
    with pytest.raises(NotFound):
        await download_file(stored.id, BRUNO, uow=uow, storage=storage)
    with pytest.raises(NotFound):
        await delete_file(stored.id, BRUNO, uow=uow, storage=storage)
    assert stored.storage_key in storage.objects


async def test_owner_and_office_read_and_each_read_is_audited(storage, uow) -> None:
    stored = await upload_file(upload(), chunks(PDF), storage=storage, uow=uow)
    assert (await file_metadata(stored.id, ANNE, uow=uow)) == stored
    for reader in (ANNE, OFFICE):
        download = await download_file(stored.id, reader, uow=uow, storage=storage)
        assert b"".join([chunk async for chunk in download.chunks]) == PDF
    actions = [(a["action"], a["actor"], a["actor_kind"]) for a in uow.committed.audits]
    assert actions == [
        (AuditAction.UPLOADED, "anne", "user"),
        (AuditAction.READ_METADATA, "anne", "user"),
        (AuditAction.DOWNLOADED, "anne", "user"),
        (AuditAction.DOWNLOADED, "office", "office"),
    ]


async def test_deletion_removes_the_content_and_then_answers_not_found(storage, uow) -> None:
    stored = await upload_file(upload(), chunks(PDF), storage=storage, uow=uow)
    await delete_file(stored.id, ANNE, uow=uow, storage=storage)
    assert storage.objects == {}
    assert isinstance(uow.events[-1], FileDeleted)
    with pytest.raises(NotFound):
        await download_file(stored.id, ANNE, uow=uow, storage=storage)


async def test_a_body_that_breaks_off_leaves_nothing(storage, uow) -> None:
    class Disconnected(Exception):
        pass

    async def broken() -> AsyncIterator[bytes]:
        yield PDF[:20]
        raise Disconnected

    with pytest.raises(Disconnected):
        await upload_file(upload(), broken(), storage=storage, uow=uow)
    assert storage.objects == {}
    assert storage.pending[0].aborted
    assert uow.committed.rows == {}
