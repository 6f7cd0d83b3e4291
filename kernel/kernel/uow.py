"""The unit of work: one transaction that holds the state change and its outbox rows."""

from types import TracebackType
from typing import Self

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import IntegrationEvent
from kernel import correlation
from kernel.db import SessionFactory
from kernel.messaging import Envelope, outbox_message


class UnitOfWork:
    """Handlers change state via ``session`` and announce it with ``emit``; ``commit`` saves both.

    Nothing is sent to Kafka here: the relay publishes the outbox rows after the commit, so a
    crash between commit and publish loses nothing.
    """

    def __init__(self, session_factory: SessionFactory) -> None:
        self._session_factory = session_factory
        self._pending: list[Envelope] = []
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self._pending = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Whatever was not committed is rolled back, including emitted events.
        await self.session.rollback()
        await self.session.close()
        self._session = None

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        """Queue an event; ``key`` is the aggregate id, which keeps per-aggregate order on Kafka."""
        self._pending.append(
            Envelope.wrap(event, key=key, correlation_id=correlation.correlation_id.get())
        )

    async def commit(self) -> None:
        if self._pending:
            await self.session.execute(
                insert(outbox_message), [envelope.as_outbox_row() for envelope in self._pending]
            )
            # Delivered at commit only: the relay wakes up for rows it can already see.
            await self.session.execute(text("SELECT pg_notify('outbox', '')"))
        await self.session.commit()
        self._pending = []
