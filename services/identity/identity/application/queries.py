"""Read side: what a logged-in user sees about themselves, and whether a session still holds."""

from uuid import UUID

from identity.application.ports import IdentityUnitOfWork
from identity.domain.account import Account


async def my_account(
    account_id: UUID, session_id: UUID | None, uow: IdentityUnitOfWork
) -> Account | None:
    """The account behind an access token; None when it is gone or its session was ended
    (logout, password change): identity's own pages refuse such a token at once, other
    services within its 15 minutes."""
    async with uow:
        if session_id is not None:
            family = await uow.sessions.get_family(session_id)
            if family is None or family.is_revoked or family.account_id != account_id:
                return None
        return await uow.accounts.get(account_id)
