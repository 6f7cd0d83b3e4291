"""Login challenges and the log of codes sent (per-account hourly limit) in PostgreSQL."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from identity.adapters.orm import login_challenge_table, login_code_send_table
from identity.domain.challenge import ChallengeStatus, LoginChallenge

_t = login_challenge_table


def _row(challenge: LoginChallenge) -> dict[str, Any]:
    return {
        "id": challenge.id,
        "account_id": challenge.account_id,
        "code_digest": challenge.code_digest,
        "created_at": challenge.created_at,
        "sent_at": challenge.sent_at,
        "expires_at": challenge.expires_at,
        "sends": challenge.sends,
        "wrong_codes": challenge.wrong_codes,
        "status": challenge.status.value,
    }


class SqlChallenges:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, challenge_id: UUID, *, for_update: bool = False) -> LoginChallenge | None:
        query = sa.select(_t).where(_t.c.id == challenge_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return LoginChallenge(
            id=row.id,
            account_id=row.account_id,
            code_digest=row.code_digest,
            created_at=row.created_at,
            sent_at=row.sent_at,
            expires_at=row.expires_at,
            sends=row.sends,
            wrong_codes=row.wrong_codes,
            status=ChallengeStatus(row.status),
        )

    async def add(self, challenge: LoginChallenge) -> None:
        await self._session.execute(sa.insert(_t).values(**_row(challenge)))

    async def update(self, challenge: LoginChallenge) -> None:
        values = _row(challenge)
        del values["id"]
        await self._session.execute(sa.update(_t).where(_t.c.id == challenge.id).values(**values))

    async def sends_since(self, account_id: UUID, since: datetime) -> Sequence[datetime]:
        s = login_code_send_table
        query = sa.select(s.c.sent_at).where(s.c.account_id == account_id, s.c.sent_at > since)
        return list((await self._session.execute(query)).scalars())

    async def record_send(self, challenge: LoginChallenge) -> None:
        await self._session.execute(
            sa.insert(login_code_send_table).values(
                account_id=challenge.account_id,
                challenge_id=challenge.id,
                sent_at=challenge.sent_at,
            )
        )
