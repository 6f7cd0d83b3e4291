"""Beneficiaries and the audit log in beneficiary's database, and the unit of work that hands
them out."""

from dataclasses import asdict
from typing import Any, Self
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from beneficiary.adapters.orm import audit_entry, beneficiary
from beneficiary.application.ports import (
    After,
    AuditEntry,
    AvsAlreadyRegistered,
    Filters,
    Row,
)
from beneficiary.domain.beneficiary import (
    Address,
    BankDetails,
    Beneficiary,
    Decision,
    Details,
    Representative,
)
from kernel.uow import UnitOfWork

AVS_LENGTH = 13


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _values(b: Beneficiary, search_name: str) -> dict[str, Any]:
    d = b.details
    return {
        "company_id": b.company_id,
        "last_name": d.last_name,
        "first_name": d.first_name,
        "search_name": search_name,
        "birth_date": d.birth_date,
        "street": d.address.street,
        "postcode": d.address.postcode,
        "locality": d.address.locality,
        "avs": d.avs,
        "representative": asdict(d.representative) if d.representative else None,
        "decisions": [asdict(decision) for decision in d.decisions],
        "bank": asdict(d.bank) if d.bank else None,
        "power_of_attorney_document_id": d.power_of_attorney_document_id,
        "referenced": b.referenced,
        "archived_at": b.archived_at,
        "created_at": b.created_at,
        "updated_at": b.updated_at,
        "version": b.version,
    }


def beneficiary_from_row(row: Any) -> Beneficiary:
    rep = row.representative
    return Beneficiary(
        id=row.id,
        company_id=row.company_id,
        details=Details(
            last_name=row.last_name,
            first_name=row.first_name,
            birth_date=row.birth_date,
            address=Address(row.street, row.postcode, row.locality),
            avs=row.avs,
            representative=Representative(
                name=rep["name"],
                address=Address(**rep["address"]),
                relationship=rep["relationship"],
            )
            if rep
            else None,
            decisions=tuple(Decision(**d) for d in row.decisions),
            bank=BankDetails(**row.bank) if row.bank else None,
            power_of_attorney_document_id=row.power_of_attorney_document_id,
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
        referenced=row.referenced,
        archived_at=row.archived_at,
        version=row.version,
    )


class SqlBeneficiaries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def avs_in_use(self, company_id: UUID, avs: str, *, other_than: UUID | None) -> bool:
        query = sa.select(beneficiary.c.id).where(
            beneficiary.c.company_id == company_id,
            beneficiary.c.avs == avs,
            beneficiary.c.archived_at.is_(None),
        )
        if other_than is not None:
            query = query.where(beneficiary.c.id != other_than)
        return (await self._session.execute(query.limit(1))).first() is not None

    async def add(self, b: Beneficiary, search_name: str) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    beneficiary.insert().values(id=b.id, **_values(b, search_name))
                )
        except IntegrityError as error:
            if "uq_beneficiary_company_avs" in str(error.orig):
                raise AvsAlreadyRegistered(b.details.avs) from error
            raise

    async def get(self, company_id: UUID, beneficiary_id: UUID) -> Beneficiary | None:
        row = (
            await self._session.execute(
                sa.select(beneficiary).where(
                    beneficiary.c.id == beneficiary_id, beneficiary.c.company_id == company_id
                )
            )
        ).first()
        return beneficiary_from_row(row) if row else None

    async def save(self, b: Beneficiary, search_name: str) -> bool:
        try:
            async with self._session.begin_nested():
                saved = await self._session.execute(
                    beneficiary.update()
                    .where(
                        beneficiary.c.id == b.id,
                        beneficiary.c.company_id == b.company_id,
                        # Optimistic lock: the version read before the change.
                        beneficiary.c.version == b.version - 1,
                    )
                    # ``referenced`` is only ever set by mark_referenced: a change based on an
                    # older read must not clear it.
                    .values(**_values(b, search_name) | {"referenced": beneficiary.c.referenced})
                    .returning(beneficiary.c.id)
                )
        except IntegrityError as error:
            if "uq_beneficiary_company_avs" in str(error.orig):
                raise AvsAlreadyRegistered(b.details.avs) from error
            raise
        return saved.first() is not None

    async def delete(self, b: Beneficiary) -> bool:
        deleted = await self._session.execute(
            beneficiary.delete()
            .where(
                beneficiary.c.id == b.id,
                beneficiary.c.company_id == b.company_id,
                beneficiary.c.version == b.version,
                # Re-checked under the row lock: an invoice event that marked it meanwhile wins.
                beneficiary.c.referenced.is_(False),
            )
            .returning(beneficiary.c.id)
        )
        return deleted.first() is not None

    async def mark_referenced(self, company_id: UUID, beneficiary_id: UUID) -> None:
        await self._session.execute(
            beneficiary.update()
            .where(
                beneficiary.c.id == beneficiary_id,
                beneficiary.c.company_id == company_id,
                beneficiary.c.referenced.is_(False),
            )
            .values(referenced=True)
        )

    async def search(
        self, company_id: UUID, filters: Filters, *, after: After | None, limit: int
    ) -> list[Row]:
        query = (
            sa.select(
                beneficiary.c.id,
                beneficiary.c.last_name,
                beneficiary.c.first_name,
                beneficiary.c.avs,
                beneficiary.c.postcode,
                beneficiary.c.locality,
                beneficiary.c.birth_date,
                beneficiary.c.power_of_attorney_document_id.is_not(None).label("poa"),
                beneficiary.c.search_name,
            )
            .where(beneficiary.c.company_id == company_id, beneficiary.c.archived_at.is_(None))
            .order_by(beneficiary.c.search_name, beneficiary.c.id)
            .limit(limit)
        )
        if filters.name:
            query = query.where(beneficiary.c.search_name.like(_like(filters.name), escape="\\"))
        if filters.avs and len(filters.avs) == AVS_LENGTH:
            # A whole number: the unique index finds it.
            query = query.where(beneficiary.c.avs == filters.avs)
        elif filters.avs:
            query = query.where(beneficiary.c.avs.like(_like(filters.avs), escape="\\"))
        if after is not None:
            query = query.where(
                sa.tuple_(beneficiary.c.search_name, beneficiary.c.id)
                > (after.search_name, after.id)
            )
        if filters.name or filters.avs:
            # A substring's best plan depends on the substring: under 3 characters the trigram
            # index cannot help, a frequent one is best read in name order. A cached generic
            # plan would pick one path for every pattern (hundreds of ms for "a").
            await self._session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
        rows = (await self._session.execute(query)).all()
        return [
            Row(
                id=r.id,
                last_name=r.last_name,
                first_name=r.first_name,
                avs=r.avs,
                postcode=r.postcode,
                locality=r.locality,
                birth_date=r.birth_date,
                has_power_of_attorney=r.poa,
                search_name=r.search_name,
            )
            for r in rows
        ]


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, entry: AuditEntry) -> None:
        await self._session.execute(audit_entry.insert().values(**asdict(entry)))

    async def entries(
        self, company_id: UUID, beneficiary_id: UUID | None, *, limit: int
    ) -> list[AuditEntry]:
        query = (
            sa.select(audit_entry)
            .where(audit_entry.c.company_id == company_id)
            .order_by(audit_entry.c.at.desc(), audit_entry.c.id.desc())
            .limit(limit)
        )
        if beneficiary_id is not None:
            query = query.where(audit_entry.c.beneficiary_id == beneficiary_id)
        rows = (await self._session.execute(query)).all()
        return [
            AuditEntry(
                at=r.at,
                subject=r.subject,
                company_id=r.company_id,
                action=r.action,
                beneficiary_id=r.beneficiary_id,
                correlation_id=r.correlation_id,
                detail=r.detail,
            )
            for r in rows
        ]


class SqlUnitOfWork(UnitOfWork):
    """The kernel's unit of work (transaction + outbox) with beneficiary's repositories."""

    beneficiaries: SqlBeneficiaries
    audit: SqlAuditLog

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.beneficiaries = SqlBeneficiaries(self.session)
        self.audit = SqlAuditLog(self.session)
        return self
