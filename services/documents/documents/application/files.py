"""Use cases: upload (streamed), read metadata, download, delete; each audited."""

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID, uuid4

from contracts import IntegrationEvent
from contracts.documents import FileDeleted, FileUploaded
from documents.application import errors
from documents.application.ports import Files, FileStorage, StoredContentMissing
from documents.domain.files import (
    MAX_BYTES,
    AuditAction,
    FileTooLarge,
    Purpose,
    StoredFile,
    UnrecognisedContent,
    UploadInspector,
    sanitise_filename,
)
from kernel.auth import Principal


class FilesUnitOfWork(Protocol):
    @property
    def files(self) -> Files: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def emit(self, event: IntegrationEvent, *, key: str) -> None: ...

    async def commit(self) -> None: ...


@dataclass(frozen=True)
class Upload:
    principal: Principal
    purpose: Purpose
    filename: str
    declared_length: int | None = None


def _company(principal: Principal) -> UUID:
    if principal.company_id is None:
        raise errors.no_institution()
    return principal.company_id


async def upload_file(
    command: Upload,
    body: AsyncIterable[bytes],
    *,
    storage: FileStorage,
    uow: FilesUnitOfWork,
    limit: int = MAX_BYTES,
) -> StoredFile:
    """Stream ``body`` into storage while counting, hashing and recognising it; then record it.

    A refusal (too large, not PDF/JPEG/PNG, database failure) leaves neither content nor row.
    """
    company_id = _company(command.principal)
    if command.declared_length is not None and command.declared_length > limit:
        raise errors.file_too_large(limit)
    file_id = uuid4()
    key = StoredFile.key_for(company_id, file_id)
    inspector = UploadInspector(limit=limit)
    pending = await storage.begin(key)
    try:
        async for chunk in body:
            if not chunk:
                continue
            inspector.feed(chunk)
            await pending.write(chunk)
        inspected = inspector.finish()
        await pending.commit()
    except FileTooLarge as refusal:
        await pending.abort()
        raise errors.file_too_large(refusal.limit) from None
    except UnrecognisedContent:
        await pending.abort()
        raise errors.unsupported_file() from None
    except BaseException:
        await pending.abort()
        raise
    stored = StoredFile(
        id=file_id,
        company_id=company_id,
        uploaded_by=command.principal.subject,
        filename=sanitise_filename(command.filename, inspected.media_type),
        media_type=inspected.media_type,
        size=inspected.size,
        sha256=inspected.sha256,
        purpose=command.purpose,
        created_at=datetime.now(UTC),
        storage_key=key,
    )
    try:
        async with uow:
            await uow.files.add(stored)
            await _audit(uow, AuditAction.UPLOADED, stored, command.principal)
            uow.emit(
                FileUploaded(
                    file_id=stored.id,
                    company_id=stored.company_id,
                    uploaded_by=stored.uploaded_by,
                    purpose=stored.purpose.value,
                    media_type=stored.media_type.value,
                    size=stored.size,
                    sha256=stored.sha256,
                    filename=stored.filename,
                ),
                key=str(stored.id),
            )
            await uow.commit()
    except BaseException:
        await storage.delete(key)
        raise
    return stored


async def _audit(
    uow: FilesUnitOfWork, action: AuditAction, file: StoredFile, principal: Principal
) -> None:
    await uow.files.audit(
        action=action,
        file_id=file.id,
        company_id=file.company_id,
        actor=principal.subject,
        actor_kind=principal.kind,
    )


async def _find(uow: FilesUnitOfWork, file_id: UUID, principal: Principal) -> StoredFile:
    # An office system sees every institution's files; a user only their own institution's.
    company_id = None if principal.kind == "office" else _company(principal)
    found = await uow.files.get(file_id, company_id=company_id)
    if found is None:
        raise errors.file_not_found()
    return found


async def file_metadata(file_id: UUID, principal: Principal, *, uow: FilesUnitOfWork) -> StoredFile:
    async with uow:
        found = await _find(uow, file_id, principal)
        await _audit(uow, AuditAction.READ_METADATA, found, principal)
        await uow.commit()
    return found


@dataclass(frozen=True)
class Download:
    file: StoredFile
    chunks: AsyncIterator[bytes]


async def download_file(
    file_id: UUID, principal: Principal, *, uow: FilesUnitOfWork, storage: FileStorage
) -> Download:
    async with uow:
        found = await _find(uow, file_id, principal)
        if not await storage.exists(found.storage_key):
            raise errors.file_not_found()
        await _audit(uow, AuditAction.DOWNLOADED, found, principal)
        await uow.commit()
    return Download(found, _content(storage, found.storage_key))


async def _content(storage: FileStorage, key: str) -> AsyncIterator[bytes]:
    try:
        async for chunk in storage.read(key):
            yield chunk
    except StoredContentMissing:
        return


async def delete_file(
    file_id: UUID, principal: Principal, *, uow: FilesUnitOfWork, storage: FileStorage
) -> None:
    """Soft delete: the row stays (marked deleted) for the audit trail, the content is removed
    once the deletion is committed; the file then answers 404 everywhere."""
    async with uow:
        found = await _find(uow, file_id, principal)
        await uow.files.mark_deleted(found.id, deleted_by=principal.subject)
        await _audit(uow, AuditAction.DELETED, found, principal)
        uow.emit(
            FileDeleted(
                file_id=found.id, company_id=found.company_id, deleted_by=principal.subject
            ),
            key=str(found.id),
        )
        await uow.commit()
    await storage.delete(found.storage_key)
