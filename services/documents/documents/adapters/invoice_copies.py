"""The invoice copies' rows in documents's database."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.invoicing import InvoiceCopy
from documents.adapters.orm import invoice_copy
from documents.domain.invoice_copies import CopyChange, CopyStatus, InvoiceCopyRecord


def _from_row(row: Any) -> InvoiceCopyRecord:
    return InvoiceCopyRecord(
        id=row.id,
        invoice_id=row.invoice_id,
        version=row.version,
        company_id=row.company_id,
        reference=row.reference,
        status=CopyStatus(row.status),
        message=row.message,
        status_changed_at=row.status_changed_at,
        printable=InvoiceCopy.model_validate(row.printable) if row.printable else None,
        storage_key=row.storage_key,
        size=row.size,
    )


class SqlInvoiceCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, change: CopyChange) -> InvoiceCopyRecord:
        """The row of the change's version, created when absent, locked until the commit."""
        await self._session.execute(
            pg_insert(invoice_copy)
            .values(
                id=uuid4(),
                invoice_id=change.invoice_id,
                version=change.version,
                company_id=change.company_id,
                reference=change.reference,
                status=CopyStatus.SUBMITTED.value,
            )
            .on_conflict_do_nothing(index_elements=["invoice_id", "version"])
        )
        row = (
            await self._session.execute(
                sa.select(invoice_copy)
                .where(
                    invoice_copy.c.invoice_id == change.invoice_id,
                    invoice_copy.c.version == change.version,
                )
                .with_for_update()
            )
        ).one()
        return _from_row(row)

    async def save(self, record: InvoiceCopyRecord) -> None:
        await self._session.execute(
            invoice_copy.update()
            .where(invoice_copy.c.id == record.id)
            .values(
                reference=record.reference,
                status=record.status.value,
                message=record.message,
                status_changed_at=record.status_changed_at,
                printable=record.printable.model_dump(mode="json") if record.printable else None,
                storage_key=record.storage_key,
                size=record.size,
                rendered_at=datetime.now(UTC) if record.storage_key else None,
            )
        )

    async def find(
        self, invoice_id: UUID, *, version: int | None, company_id: UUID | None
    ) -> InvoiceCopyRecord | None:
        query = sa.select(invoice_copy).where(invoice_copy.c.invoice_id == invoice_id)
        if company_id is not None:
            query = query.where(invoice_copy.c.company_id == company_id)
        if version is not None:
            query = query.where(invoice_copy.c.version == version)
        row = (await self._session.execute(query.order_by(invoice_copy.c.version.desc()))).first()
        return _from_row(row) if row else None
