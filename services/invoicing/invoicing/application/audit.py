"""Who read or changed invoice data, when and from which request (kept at least a year,
Swiss data-protection ordinance art. 4): written in the same transaction as the effect."""

from datetime import datetime
from uuid import UUID

from invoicing.application.ports import AuditEntry, InvoicingUnitOfWork
from kernel import correlation

READS = frozenset({"list", "read", "office_read"})


async def record(
    uow: InvoicingUnitOfWork,
    subject: str,
    institution_id: UUID,
    action: str,
    invoice_id: UUID | None,
    at: datetime,
    detail: str | None = None,
) -> None:
    entry = AuditEntry(
        at=at,
        subject=subject,
        institution_id=institution_id,
        action=action,
        invoice_id=invoice_id,
        correlation_id=correlation.correlation_id.get(),
        detail=detail[:200] if detail else None,
    )
    if action in READS:
        await uow.audit.record_read(entry)
    else:
        await uow.audit.record(entry)


async def audit_trail(
    institution_id: UUID, invoice_id: UUID | None, uow: InvoicingUnitOfWork, *, limit: int
) -> list[AuditEntry]:
    async with uow:
        return await uow.audit.entries(institution_id, invoice_id, limit=limit)
