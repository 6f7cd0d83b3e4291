"""Login throttles in PostgreSQL: one row per e-mail digest, locked while a login is checked."""

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from identity.adapters.orm import login_throttle_table
from identity.domain.lockout import LoginThrottle

_t = login_throttle_table


class SqlThrottles:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, key: str) -> LoginThrottle:
        # Concurrent attempts for one e-mail queue here, so none escapes the count.
        await self._session.execute(insert(_t).values(key=key).on_conflict_do_nothing())
        row = (
            await self._session.execute(select(_t).where(_t.c.key == key).with_for_update())
        ).one()
        return LoginThrottle(
            key=row.key, failures=tuple(row.failures), locked_until=row.locked_until
        )

    async def save(self, throttle: LoginThrottle) -> None:
        await self._session.execute(
            update(_t)
            .where(_t.c.key == throttle.key)
            .values(
                failures=list(throttle.failures),
                locked_until=throttle.locked_until,
                updated_at=func.now(),
            )
        )
