"""File metadata and the audit trail in documents's database, and their unit of work."""

from datetime import UTC, datetime
from typing import Any, Self
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from documents.adapters.invoice_copies import SqlInvoiceCopies
from documents.adapters.orm import audit_entry, stored_file
from documents.domain.files import AuditAction, MediaType, Purpose, StoredFile
from kernel import correlation
from kernel.uow import UnitOfWork


def _from_row(row: Any) -> StoredFile:
    return StoredFile(
        id=row.id,
        company_id=row.company_id,
        uploaded_by=row.uploaded_by,
        filename=row.filename,
        media_type=MediaType(row.media_type),
        size=row.size,
        sha256=row.sha256,
        purpose=Purpose(row.purpose),
        created_at=row.created_at,
        storage_key=row.storage_key,
    )


class SqlFiles:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, file: StoredFile) -> None:
        await self._session.execute(
            stored_file.insert().values(
                id=file.id,
                company_id=file.company_id,
                uploaded_by=file.uploaded_by,
                filename=file.filename,
                media_type=file.media_type.value,
                size=file.size,
                sha256=file.sha256,
                purpose=file.purpose.value,
                storage_key=file.storage_key,
                created_at=file.created_at,
            )
        )

    async def get(self, file_id: UUID, *, company_id: UUID | None) -> StoredFile | None:
        query = sa.select(stored_file).where(
            stored_file.c.id == file_id, stored_file.c.deleted_at.is_(None)
        )
        if company_id is not None:
            query = query.where(stored_file.c.company_id == company_id)
        row = (await self._session.execute(query)).first()
        return _from_row(row) if row else None

    async def mark_deleted(self, file_id: UUID, *, deleted_by: str) -> None:
        await self._session.execute(
            stored_file.update()
            .where(stored_file.c.id == file_id)
            .values(deleted_at=datetime.now(UTC), deleted_by=deleted_by)
        )

    async def audit(
        self,
        *,
        action: AuditAction,
        file_id: UUID,
        company_id: UUID,
        actor: str,
        actor_kind: str,
    ) -> None:
        await self._session.execute(
            audit_entry.insert().values(
                action=action.value,
                file_id=file_id,
                company_id=company_id,
                actor=actor,
                actor_kind=actor_kind,
                correlation_id=correlation.correlation_id.get(),
            )
        )


class SqlUnitOfWork(UnitOfWork):
    files: SqlFiles
    invoice_copies: SqlInvoiceCopies

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.files = SqlFiles(self.session)
        self.invoice_copies = SqlInvoiceCopies(self.session)
        return self
