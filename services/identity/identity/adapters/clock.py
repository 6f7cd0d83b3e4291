"""Identity's clocks: the system's, and in local mode the system's plus an offset kept in the
database (so the API and the worker agree) that tests move to jump over a lockout or an expiry.

Access tokens are always stamped with the real time: other services and the gateway check
them against their own clocks.
"""

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from identity.adapters.orm import dev_clock_table
from kernel.db import SessionFactory


class SystemClock:
    async def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock:
    """Reads the offset at most once per ``ttl`` seconds; its own changes apply at once."""

    def __init__(self, session_factory: SessionFactory, *, ttl: float = 1.0) -> None:
        self._session_factory = session_factory
        self._ttl = ttl
        self._offset = timedelta(0)
        self._read_at = float("-inf")

    async def now(self) -> datetime:
        if time.monotonic() - self._read_at > self._ttl:
            async with self._session_factory() as session:
                seconds = (
                    await session.execute(
                        select(dev_clock_table.c.offset_seconds).where(dev_clock_table.c.id == 1)
                    )
                ).scalar_one_or_none()
            self._offset = timedelta(seconds=seconds or 0)
            self._read_at = time.monotonic()
        return datetime.now(UTC) + self._offset

    async def set_offset(self, seconds: int) -> datetime:
        async with self._session_factory() as session, session.begin():
            statement = insert(dev_clock_table).values(id=1, offset_seconds=seconds)
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[dev_clock_table.c.id],
                    set_={"offset_seconds": seconds, "updated_at": func.now()},
                )
            )
        self._offset = timedelta(seconds=seconds)
        self._read_at = time.monotonic()
        return datetime.now(UTC) + self._offset

    @property
    def offset_seconds(self) -> int:
        return int(self._offset.total_seconds())
