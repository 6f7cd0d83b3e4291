"""PDF copies of invoices: kept up to date from invoicing's events, and downloaded.

Each event about an invoice version updates that version's row. A submission brings the
printable snapshot and renders the PDF; a decision re-renders it with the new status and the
office's message. The PDF is stored under a key of its own before the row points to it; a
failure removes it, and a crash in between leaves a file that the re-delivery of the same event
rewrites under the same key. The previous render is removed once the new one is committed.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from time import perf_counter
from typing import Protocol
from uuid import UUID

import anyio

from contracts.invoicing import (
    InvoiceAccepted,
    InvoiceCorrectionRequested,
    InvoiceRefused,
    InvoiceSubmitted,
)
from documents.application import errors
from documents.application.files import FilesUnitOfWork, _company, _content
from documents.application.ports import CopyObserver, CopyRenderer, FileStorage, InvoiceCopies
from documents.domain.files import AuditAction
from documents.domain.invoice_copies import (
    CopyChange,
    CopyStatus,
    Office,
    copy_filename,
    layout,
)
from kernel.auth import Principal

InvoiceEvent = InvoiceSubmitted | InvoiceAccepted | InvoiceCorrectionRequested | InvoiceRefused


@dataclass(frozen=True)
class CopyWriter:
    storage: FileStorage
    renderer: CopyRenderer
    office: Office
    observer: CopyObserver


def change_of(event: InvoiceEvent) -> CopyChange:
    common = {
        "invoice_id": event.invoice_id,
        "version": event.version,
        "company_id": event.institution_id,
        "reference": event.reference,
    }
    match event:
        case InvoiceSubmitted():
            return CopyChange(
                **common,
                status=CopyStatus.SUBMITTED,
                at=event.printable.submitted_at,
                printable=event.printable,
            )
        case InvoiceAccepted():
            return CopyChange(**common, status=CopyStatus.ACCEPTED, at=event.decided_at)
        case InvoiceCorrectionRequested():
            return CopyChange(
                **common,
                status=CopyStatus.CORRECTION_REQUESTED,
                at=event.decided_at,
                message=event.message,
            )
        case InvoiceRefused():
            return CopyChange(
                **common, status=CopyStatus.REFUSED, at=event.decided_at, message=event.reason
            )


async def when_invoice_changed_update_copy(
    event: InvoiceEvent,
    *,
    copies: InvoiceCopies,
    commit: Callable[[], Awaitable[None]],
    writer: CopyWriter,
) -> None:
    """Runs inside the consumer's transaction (the inbox row is in it); commits itself once the
    PDF is stored, so that a failed commit can remove the file it no longer needs."""
    change = change_of(event)
    record = await copies.lock(change)
    updated = record.apply(change)
    if updated == record:
        return
    if updated.printable is None:
        # A decision that overtook the submission: the status waits for the snapshot.
        await copies.save(updated)
        return
    started = perf_counter()
    pdf = await anyio.to_thread.run_sync(writer.renderer.render, layout(updated, writer.office))
    key = updated.storage_key_for(event.event_id)
    pending = await writer.storage.begin(key)
    try:
        await pending.write(pdf)
        await pending.commit()
    except BaseException:
        await pending.abort()
        raise
    rendered = replace(updated, storage_key=key, size=len(pdf))
    try:
        await copies.save(rendered)
        await commit()
    except BaseException:
        await writer.storage.delete(key)
        raise
    writer.observer.rendered(rendered.status, perf_counter() - started)
    if record.storage_key is not None and record.storage_key != key:
        await writer.storage.delete(record.storage_key)


class CopiesUnitOfWork(FilesUnitOfWork, Protocol):
    @property
    def invoice_copies(self) -> InvoiceCopies: ...


@dataclass(frozen=True)
class CopyDownload:
    filename: str
    size: int
    chunks: AsyncIterator[bytes]


async def download_invoice_copy(
    invoice_id: UUID,
    version: int | None,
    principal: Principal,
    *,
    uow: CopiesUnitOfWork,
    storage: FileStorage,
) -> CopyDownload:
    """The PDF of one version (the latest without ``version``); a user sees only their
    institution's invoices, an office system every institution's. Audited."""
    company_id = None if principal.kind == "office" else _company(principal)
    async with uow:
        found = await uow.invoice_copies.find(invoice_id, version=version, company_id=company_id)
        if (
            found is None
            or found.printable is None
            or found.storage_key is None
            or found.size is None
            or not await storage.exists(found.storage_key)
        ):
            raise errors.copy_not_ready()
        await uow.files.audit(
            action=AuditAction.INVOICE_COPY_DOWNLOADED,
            file_id=found.id,
            company_id=found.company_id,
            actor=principal.subject,
            actor_kind=principal.kind,
        )
        await uow.commit()
    return CopyDownload(
        filename=copy_filename(found.printable.language, found.reference, found.version),
        size=found.size,
        chunks=_content(storage, found.storage_key),
    )
