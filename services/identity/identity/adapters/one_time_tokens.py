"""Reset and invitation tokens (digests only) in PostgreSQL."""

from datetime import datetime
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from identity.adapters.orm import one_time_token_table
from identity.domain.one_time_token import OneTimeToken, TokenPurpose

_t = one_time_token_table


class SqlOneTimeTokens:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: OneTimeToken) -> None:
        await self._session.execute(
            sa.insert(_t).values(
                digest=token.digest,
                account_id=token.account_id,
                purpose=token.purpose.value,
                created_at=token.created_at,
                expires_at=token.expires_at,
            )
        )

    async def find(self, digest: str, *, for_update: bool = False) -> OneTimeToken | None:
        query = sa.select(_t).where(_t.c.digest == digest)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return OneTimeToken(
            digest=row.digest,
            account_id=row.account_id,
            purpose=TokenPurpose(row.purpose),
            created_at=row.created_at,
            expires_at=row.expires_at,
            used_at=row.used_at,
            voided_at=row.voided_at,
        )

    async def update(self, token: OneTimeToken) -> None:
        await self._session.execute(
            sa.update(_t)
            .where(_t.c.digest == token.digest)
            .values(used_at=token.used_at, voided_at=token.voided_at)
        )

    async def void_open(self, account_id: UUID, purpose: TokenPurpose, now: datetime) -> None:
        await self._session.execute(
            sa.update(_t)
            .where(
                _t.c.account_id == account_id,
                _t.c.purpose == purpose.value,
                _t.c.used_at.is_(None),
                _t.c.voided_at.is_(None),
            )
            .values(voided_at=now)
        )

    async def count_since(self, account_id: UUID, purpose: TokenPurpose, since: datetime) -> int:
        query = sa.select(sa.func.count()).where(
            _t.c.account_id == account_id, _t.c.purpose == purpose.value, _t.c.created_at > since
        )
        return int((await self._session.execute(query)).scalar_one())
