"""Invoices, idempotency keys and the audit log in invoicing's database, and the unit of work
that hands them out."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Any, Literal, Self
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from invoicing.adapters.orm import (
    audit_entry,
    idempotency_key,
    invoice,
    invoice_event,
    invoice_submitter,
    invoice_version,
    reference_sequence,
)
from invoicing.application.ports import (
    After,
    AuditEntry,
    BeneficiaryName,
    Filters,
    Invoice,
    KeyUse,
    MonthTaken,
    QueueFilters,
    Row,
    SubmitterRef,
    VersionDocument,
    VersionInfo,
)
from invoicing.application.queries import folded
from invoicing.domain.forms import Period
from invoicing.domain.lifecycle import Actor, HistoryEntry, Lifecycle, Status
from kernel.uow import UnitOfWork

MONTH_INDEX = "uq_invoice_month"
# More than one per claim, so that the table shrinks back after a busy day.
PURGED_PER_CLAIM = 10


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


def _period(start: date | None, end: date | None) -> Period | None:
    return Period(start, end) if start and end else None


def _values(i: Invoice) -> dict[str, Any]:
    b = i.beneficiary
    return {
        "institution_id": i.institution_id,
        "reference": i.reference,
        "form": i.form,
        "status": i.lifecycle.status.value,
        "revision": i.lifecycle.revision,
        "version": i.lifecycle.version,
        "monthly": i.monthly,
        "beneficiary_id": b.id,
        "beneficiary_last_name": b.last_name,
        "beneficiary_first_name": b.first_name,
        "beneficiary_name_key": folded(f"{b.last_name} {b.first_name}")[:201],
        "beneficiary_name_key_reversed": folded(f"{b.first_name} {b.last_name}")[:201],
        "beneficiary_avs": b.avs,
        "bank_account_id": i.bank_account_id,
        "decision_number": i.decision_number,
        "invoice_date": i.invoice_date,
        "period_start": i.period.start if i.period else None,
        "period_end": i.period.end if i.period else None,
        "total": i.total,
        "submitted_by": i.submitted_by.account_id,
        "submitted_by_name": i.submitted_by.name,
        "submitted_at": i.submitted_at,
        "updated_at": i.updated_at,
    }


def _event_values(invoice_id: UUID, revision: int, entry: HistoryEntry) -> dict[str, Any]:
    return {
        "invoice_id": invoice_id,
        "revision": revision,
        "at": entry.at,
        "status": entry.status.value,
        "by_kind": entry.by.kind,
        "by_id": entry.by.id,
        "by_name": entry.by.name,
        "message": entry.message,
    }


def _row(r: Any) -> Row:
    return Row(
        id=r.id,
        reference=r.reference,
        form=r.form,
        status=Status(r.status),
        beneficiary=BeneficiaryName(
            r.beneficiary_id, r.beneficiary_first_name, r.beneficiary_last_name, r.beneficiary_avs
        ),
        submitted_by=SubmitterRef(r.submitted_by, r.submitted_by_name),
        invoice_date=r.invoice_date,
        period=_period(r.period_start, r.period_end),
        submitted_at=r.submitted_at,
        updated_at=r.updated_at,
        version=r.version,
        institution_id=r.institution_id,
    )


ROW_COLUMNS = (
    invoice.c.id,
    invoice.c.reference,
    invoice.c.form,
    invoice.c.status,
    invoice.c.beneficiary_id,
    invoice.c.beneficiary_first_name,
    invoice.c.beneficiary_last_name,
    invoice.c.beneficiary_avs,
    invoice.c.submitted_by,
    invoice.c.submitted_by_name,
    invoice.c.invoice_date,
    invoice.c.period_start,
    invoice.c.period_end,
    invoice.c.submitted_at,
    invoice.c.updated_at,
    invoice.c.version,
    invoice.c.institution_id,
)


class SqlInvoices:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_reference_number(self) -> int:
        return int(await self._session.scalar(reference_sequence.next_value()))

    async def month_taken(
        self, institution_id: UUID, decision_number: str, month: date, *, other_than: UUID | None
    ) -> bool:
        query = sa.select(invoice.c.id).where(
            invoice.c.institution_id == institution_id,
            invoice.c.decision_number == decision_number,
            invoice.c.period_start == month,
            invoice.c.monthly,
            invoice.c.status != Status.REFUSED.value,
        )
        if other_than is not None:
            query = query.where(invoice.c.id != other_than)
        return (await self._session.execute(query.limit(1))).first() is not None

    async def add(self, i: Invoice) -> None:
        # No savepoint: a refused insert ends the use case, whose transaction is rolled back.
        try:
            await self._session.execute(invoice.insert().values(id=i.id, **_values(i)))
        except IntegrityError as error:
            if MONTH_INDEX in str(error.orig):
                raise MonthTaken() from error
            raise
        await self._session.execute(
            invoice_version.insert().values(
                invoice_id=i.id,
                version=i.lifecycle.version,
                content=i.document,
                submitted_at=i.updated_at,
            )
        )
        await self._session.execute(
            invoice_event.insert(),
            [
                _event_values(i.id, revision, entry)
                for revision, entry in enumerate(i.lifecycle.history, start=1)
            ],
        )

    async def get(self, invoice_id: UUID, *, institution_id: UUID | None) -> Invoice | None:
        query = sa.select(invoice).where(invoice.c.id == invoice_id)
        if institution_id is not None:
            query = query.where(invoice.c.institution_id == institution_id)
        r = (await self._session.execute(query)).first()
        if r is None:
            return None
        history = (
            await self._session.execute(
                sa.select(invoice_event)
                .where(invoice_event.c.invoice_id == invoice_id)
                .order_by(invoice_event.c.revision)
            )
        ).all()
        versions = (
            await self._session.execute(
                sa.select(invoice_version.c.version, invoice_version.c.submitted_at)
                .where(invoice_version.c.invoice_id == invoice_id)
                .order_by(invoice_version.c.version)
            )
        ).all()
        document = await self._session.scalar(
            sa.select(invoice_version.c.content).where(
                invoice_version.c.invoice_id == invoice_id,
                invoice_version.c.version == r.version,
            )
        )
        return Invoice(
            id=r.id,
            institution_id=r.institution_id,
            reference=r.reference,
            form=r.form,
            lifecycle=Lifecycle(
                status=Status(r.status),
                revision=r.revision,
                version=r.version,
                history=tuple(
                    HistoryEntry(
                        at=h.at,
                        status=Status(h.status),
                        by=Actor(kind=h.by_kind, id=h.by_id, name=h.by_name),
                        message=h.message,
                    )
                    for h in history
                ),
            ),
            beneficiary=BeneficiaryName(
                r.beneficiary_id,
                r.beneficiary_first_name,
                r.beneficiary_last_name,
                r.beneficiary_avs,
            ),
            bank_account_id=r.bank_account_id,
            decision_number=r.decision_number,
            invoice_date=r.invoice_date,
            period=_period(r.period_start, r.period_end),
            total=r.total,
            submitted_by=SubmitterRef(r.submitted_by, r.submitted_by_name),
            submitted_at=r.submitted_at,
            updated_at=r.updated_at,
            document=document or {},
            versions=tuple(VersionInfo(v.version, v.submitted_at) for v in versions),
        )

    async def save(self, i: Invoice, *, previous_revision: int) -> bool:
        try:
            saved = await self._session.execute(
                invoice.update()
                .where(invoice.c.id == i.id, invoice.c.revision == previous_revision)
                .values(**_values(i))
                .returning(invoice.c.id)
            )
        except IntegrityError as error:
            if MONTH_INDEX in str(error.orig):
                raise MonthTaken() from error
            raise
        if saved.first() is None:
            return False
        state = i.lifecycle
        await self._session.execute(
            invoice_event.insert().values(**_event_values(i.id, state.revision, state.history[-1]))
        )
        if i.versions and i.versions[-1].version == state.version:
            await self._session.execute(
                insert(invoice_version)
                .values(
                    invoice_id=i.id,
                    version=state.version,
                    content=i.document,
                    submitted_at=i.versions[-1].submitted_at,
                )
                .on_conflict_do_nothing()
            )
        return True

    async def version_documents(self, invoice_id: UUID) -> list[VersionDocument]:
        rows = (
            await self._session.execute(
                sa.select(invoice_version)
                .where(invoice_version.c.invoice_id == invoice_id)
                .order_by(invoice_version.c.version)
            )
        ).all()
        return [VersionDocument(r.version, r.submitted_at, r.content) for r in rows]

    async def search(
        self,
        institution_id: UUID,
        view: Literal["history", "to_correct"],
        filters: Filters,
        *,
        after: After | None,
        limit: int,
    ) -> list[Row]:
        at = invoice.c.updated_at if view == "to_correct" else invoice.c.submitted_at
        query = (
            sa.select(*ROW_COLUMNS)
            .where(invoice.c.institution_id == institution_id)
            .order_by(at.desc(), invoice.c.id.desc())
            .limit(limit)
        )
        if view == "to_correct":
            query = query.where(invoice.c.status == Status.CORRECTION_REQUESTED.value)
        if filters.status is not None:
            query = query.where(invoice.c.status == filters.status.value)
        if filters.submitted_by is not None:
            query = query.where(invoice.c.submitted_by == filters.submitted_by)
        if filters.name:
            pattern = _like_prefix(filters.name)
            query = query.where(
                sa.or_(
                    invoice.c.beneficiary_name_key.like(pattern, escape="\\"),
                    invoice.c.beneficiary_name_key_reversed.like(pattern, escape="\\"),
                )
            )
        if filters.avs:
            query = query.where(
                invoice.c.beneficiary_avs.like(_like_prefix(filters.avs), escape="\\")
            )
        if after is not None:
            query = query.where(sa.tuple_(at, invoice.c.id) < (after.at, after.id))
        if filters.name or filters.avs:
            # A prefix's best plan depends on the prefix: a rare name is found through the name
            # index, a frequent one by reading the newest invoices. A cached generic plan would
            # pick one path for every prefix.
            await self._session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
        return [_row(r) for r in (await self._session.execute(query)).all()]

    async def queue(self, filters: QueueFilters, *, after: After | None, limit: int) -> list[Row]:
        query = sa.select(*ROW_COLUMNS).order_by(invoice.c.updated_at, invoice.c.id).limit(limit)
        if filters.status is not None:
            query = query.where(invoice.c.status == filters.status.value)
        if filters.form is not None:
            query = query.where(invoice.c.form == filters.form)
        if filters.institution_id is not None:
            query = query.where(invoice.c.institution_id == filters.institution_id)
        if after is not None:
            query = query.where(
                sa.tuple_(invoice.c.updated_at, invoice.c.id) > (after.at, after.id)
            )
        return [_row(r) for r in (await self._session.execute(query)).all()]

    async def remember_submitter(
        self, institution_id: UUID, submitter: SubmitterRef, at: datetime
    ) -> None:
        # Neither statement locks an existing row whose name is unchanged: concurrent sendings
        # of one person do not wait for each other here.
        await self._session.execute(
            invoice_submitter.update()
            .where(
                invoice_submitter.c.institution_id == institution_id,
                invoice_submitter.c.account_id == submitter.account_id,
                invoice_submitter.c.name != submitter.name,
            )
            .values(name=submitter.name, named_at=at)
        )
        await self._session.execute(
            insert(invoice_submitter)
            .values(
                institution_id=institution_id,
                account_id=submitter.account_id,
                name=submitter.name,
                named_at=at,
            )
            .on_conflict_do_nothing()
        )

    async def submitters(self, institution_id: UUID) -> list[SubmitterRef]:
        rows = (
            await self._session.execute(
                sa.select(invoice_submitter.c.account_id, invoice_submitter.c.name)
                .where(invoice_submitter.c.institution_id == institution_id)
                .order_by(invoice_submitter.c.name, invoice_submitter.c.account_id)
            )
        ).all()
        return [SubmitterRef(r.account_id, r.name) for r in rows]


class SqlIdempotencyKeys:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, institution_id: UUID, key: str, *, since: datetime) -> KeyUse | None:
        row = (
            await self._session.execute(
                sa.select(idempotency_key.c.request_hash, idempotency_key.c.invoice_id).where(
                    idempotency_key.c.institution_id == institution_id,
                    idempotency_key.c.key == key,
                    idempotency_key.c.created_at >= since,
                )
            )
        ).first()
        return KeyUse(row.request_hash, row.invoice_id) if row else None

    async def claim(
        self, institution_id: UUID, key: str, use: KeyUse, *, at: datetime, since: datetime
    ) -> KeyUse | None:
        await self._purge(since)
        # A concurrent transaction holding the same key makes this insert wait for its end:
        # after its commit the insert does nothing and the earlier use is read back. An expired
        # row of the same key is taken over.
        statement = insert(idempotency_key).values(
            institution_id=institution_id,
            key=key,
            request_hash=use.request_hash,
            invoice_id=use.invoice_id,
            created_at=at,
        )
        claimed = await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[idempotency_key.c.institution_id, idempotency_key.c.key],
                set_={
                    "request_hash": statement.excluded.request_hash,
                    "invoice_id": statement.excluded.invoice_id,
                    "created_at": statement.excluded.created_at,
                },
                where=idempotency_key.c.created_at < since,
            ).returning(idempotency_key.c.key)
        )
        if claimed.first() is not None:
            return None
        earlier = await self.find(institution_id, key, since=since)
        if earlier is None:
            raise RuntimeError("the idempotency key that blocked the insert is gone")
        return earlier

    async def _purge(self, since: datetime) -> None:
        """Forget a few expired keys (oldest first); rows another claim is purging are skipped
        rather than waited for."""
        expired = (
            sa.select(idempotency_key.c.institution_id, idempotency_key.c.key)
            .where(idempotency_key.c.created_at < since)
            .order_by(idempotency_key.c.created_at)
            .limit(PURGED_PER_CLAIM)
            .with_for_update(skip_locked=True)
        )
        await self._session.execute(
            idempotency_key.delete().where(
                sa.tuple_(idempotency_key.c.institution_id, idempotency_key.c.key).in_(expired)
            )
        )


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, entry: AuditEntry) -> None:
        await self._session.execute(audit_entry.insert().values(**asdict(entry)))

    async def record_read(self, entry: AuditEntry) -> None:
        # An asynchronous commit: a crash of the database server may lose the last fraction of
        # a second of read entries, never a change (changes commit synchronously).
        await self._session.execute(sa.text("SET LOCAL synchronous_commit = off"))
        await self.record(entry)

    async def entries(
        self, institution_id: UUID, invoice_id: UUID | None, *, limit: int
    ) -> list[AuditEntry]:
        query = (
            sa.select(audit_entry)
            .where(audit_entry.c.institution_id == institution_id)
            .order_by(audit_entry.c.at.desc(), audit_entry.c.id.desc())
            .limit(limit)
        )
        if invoice_id is not None:
            query = query.where(audit_entry.c.invoice_id == invoice_id)
        rows = (await self._session.execute(query)).all()
        return [
            AuditEntry(
                at=r.at,
                subject=r.subject,
                institution_id=r.institution_id,
                action=r.action,
                invoice_id=r.invoice_id,
                correlation_id=r.correlation_id,
                detail=r.detail,
            )
            for r in rows
        ]


class SqlUnitOfWork(UnitOfWork):
    """The kernel's unit of work (transaction + outbox) with invoicing's repositories."""

    invoices: SqlInvoices
    keys: SqlIdempotencyKeys
    audit: SqlAuditLog

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.invoices = SqlInvoices(self.session)
        self.keys = SqlIdempotencyKeys(self.session)
        self.audit = SqlAuditLog(self.session)
        return self
