"""Accounts in PostgreSQL."""

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from identity.adapters.orm import account_table
from identity.application.errors import EmailTaken
from identity.domain.account import Account, AccountStatus, Role

_t = account_table


def _row(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "email": account.email,
        "email_key": account.email_key,
        "password_hash": account.password_hash,
        "mobile": account.mobile,
        "language": account.language,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "status": account.status.value,
        "company_id": account.company_id,
        "role": account.role.value if account.role else None,
        "created_at": account.created_at,
        "updated_at": account.updated_at,
    }


def _account(row: sa.Row[Any]) -> Account:
    return Account(
        id=row.id,
        email=row.email,
        mobile=row.mobile,
        language=row.language,
        first_name=row.first_name,
        last_name=row.last_name,
        status=AccountStatus(row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
        password_hash=row.password_hash,
        company_id=row.company_id,
        role=Role(row.role) if row.role else None,
    )


class SqlAccounts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        query = sa.select(_t).where(_t.c.id == account_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return _account(row) if row else None

    async def find_by_email(self, email_key: str, *, for_update: bool = False) -> Account | None:
        query = (
            sa.select(_t)
            .where(_t.c.email_key == email_key)
            # The live account first; refused ones (their e-mail was freed) after, newest first.
            .order_by((_t.c.status == AccountStatus.REFUSED.value).asc(), _t.c.created_at.desc())
            .limit(1)
        )
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return _account(row) if row else None

    async def email_taken(self, email_key: str) -> bool:
        query = sa.select(sa.literal(True)).where(
            _t.c.email_key == email_key, _t.c.status != AccountStatus.REFUSED.value
        )
        return (await self._session.execute(query)).first() is not None

    async def add(self, account: Account) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(sa.insert(_t).values(**_row(account)))
        except IntegrityError as error:
            # Two registrations with one e-mail at the same moment: the index decides.
            if "uq_account_email_key_live" in str(error.orig):
                raise EmailTaken() from None
            raise

    async def update(self, account: Account) -> None:
        values = _row(account)
        del values["id"], values["created_at"]
        await self._session.execute(sa.update(_t).where(_t.c.id == account.id).values(**values))
