"""Session families and their refresh tokens in PostgreSQL."""

from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from identity.adapters.orm import refresh_token_table, session_family_table
from identity.domain.session import RefreshToken, RevokeReason, SessionFamily

_f = session_family_table
_r = refresh_token_table


def _token_row(token: RefreshToken) -> dict[str, Any]:
    return {
        "digest": token.digest,
        "family_id": token.family_id,
        "issued_at": token.issued_at,
        "idle_expires_at": token.idle_expires_at,
        "rotated_at": token.rotated_at,
    }


class SqlSessions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, family: SessionFamily, token: RefreshToken) -> None:
        await self._session.execute(
            sa.insert(_f).values(
                id=family.id,
                account_id=family.account_id,
                created_at=family.created_at,
                absolute_expires_at=family.absolute_expires_at,
            )
        )
        await self._session.execute(sa.insert(_r).values(**_token_row(token)))

    async def get_family(
        self, family_id: UUID, *, for_update: bool = False
    ) -> SessionFamily | None:
        query = sa.select(_f).where(_f.c.id == family_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return SessionFamily(
            id=row.id,
            account_id=row.account_id,
            created_at=row.created_at,
            absolute_expires_at=row.absolute_expires_at,
            revoked_at=row.revoked_at,
            revoked_reason=RevokeReason(row.revoked_reason) if row.revoked_reason else None,
        )

    async def find_token(self, digest: str) -> RefreshToken | None:
        # Locked: two requests racing with one token are served one after the other, and the
        # second sees the token rotated (reuse) instead of rotating it a second time.
        query = sa.select(_r).where(_r.c.digest == digest).with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return RefreshToken(
            digest=row.digest,
            family_id=row.family_id,
            issued_at=row.issued_at,
            idle_expires_at=row.idle_expires_at,
            rotated_at=row.rotated_at,
        )

    async def save_rotation(
        self, family: SessionFamily, spent: RefreshToken, issued: RefreshToken | None
    ) -> None:
        await self._session.execute(
            sa.update(_f)
            .where(_f.c.id == family.id)
            .values(
                revoked_at=family.revoked_at,
                revoked_reason=family.revoked_reason.value if family.revoked_reason else None,
            )
        )
        await self._session.execute(
            sa.update(_r).where(_r.c.digest == spent.digest).values(rotated_at=spent.rotated_at)
        )
        if issued is not None:
            await self._session.execute(sa.insert(_r).values(**_token_row(issued)))

    async def revoke_all(self, account_id: UUID, reason: RevokeReason, now: datetime) -> int:
        result = await self._session.execute(
            sa.update(_f)
            .where(_f.c.account_id == account_id, _f.c.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason.value)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
