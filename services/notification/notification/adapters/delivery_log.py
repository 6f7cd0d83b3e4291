"""The ``delivery`` table as the courier's DeliveryLog: each change is its own committed
transaction, independent of the consumer's (see application/courier.py for why)."""

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.sql.dml import Update
from sqlalchemy.sql.elements import ColumnElement

from kernel.db import SessionFactory
from notification.adapters.orm import delivery_table
from notification.domain.delivery import DeliveryKey, DeliveryState, DeliveryStatus, Dispatch

t = delivery_table


class SqlDeliveryLog:
    def __init__(self, session_factory: SessionFactory) -> None:
        self._session_factory = session_factory

    async def claim(self, dispatch: Dispatch) -> DeliveryState:
        key = dispatch.key
        async with self._session_factory() as session, session.begin():
            await session.execute(
                pg_insert(t)
                .values(
                    event_id=key.event_id,
                    channel=key.channel.value,
                    event_type=dispatch.event_type,
                    template=dispatch.template.value,
                    language=dispatch.language,
                    recipient=dispatch.recipient,
                    status=DeliveryStatus.PENDING.value,
                )
                .on_conflict_do_nothing(index_elements=["event_id", "channel"])
            )
            row = (
                await session.execute(select(t.c.status, t.c.attempts).where(*self._match(key)))
            ).one()
        return DeliveryState(DeliveryStatus(row.status), row.attempts)

    async def record_attempt(self, key: DeliveryKey) -> None:
        await self._apply(
            self._update(key).values(
                status=DeliveryStatus.PENDING.value,
                attempts=t.c.attempts + 1,
                last_attempt_at=func.now(),
            )
        )

    async def note_failure(self, key: DeliveryKey, error: str) -> None:
        await self._apply(self._update(key).values(last_error=error[:1000]))

    async def mark_sent(self, key: DeliveryKey, reference: str | None) -> None:
        await self._apply(
            self._update(key).values(
                status=DeliveryStatus.SENT.value,
                sent_at=func.now(),
                provider_reference=reference[:200] if reference else None,
            )
        )

    async def mark_failed(self, key: DeliveryKey, error: str) -> None:
        await self._apply(
            self._update(key).values(status=DeliveryStatus.FAILED.value, last_error=error[:1000])
        )

    async def mark_skipped(self, key: DeliveryKey, reason: str) -> None:
        await self._apply(
            self._update(key).values(status=DeliveryStatus.SKIPPED.value, last_error=reason)
        )

    @staticmethod
    def _match(key: DeliveryKey) -> tuple[ColumnElement[bool], ...]:
        return (t.c.event_id == key.event_id, t.c.channel == key.channel.value)

    def _update(self, key: DeliveryKey) -> Update:
        # A row once sent stays sent, whatever a late or concurrent attempt reports.
        return (
            update(t)
            .where(*self._match(key), t.c.status != DeliveryStatus.SENT.value)
            .values(updated_at=func.now())
        )

    async def _apply(self, statement: Update) -> None:
        async with self._session_factory() as session, session.begin():
            await session.execute(statement)
