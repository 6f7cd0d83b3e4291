"""The invited collaborator chooses a password with the link (single use, 7 days)."""

from dataclasses import dataclass

from identity.application.dependencies import Dependencies
from identity.application.errors import token_void
from identity.application.ports import IdentityUnitOfWork
from identity.application.replace_password import redeem_password_link
from identity.domain.account import Account, AccountStatus
from identity.domain.one_time_token import TokenPurpose
from identity.domain.secret_digest import token_digest


@dataclass(frozen=True)
class AcceptInvitation:
    token: str
    password: str
    password_confirmation: str


async def invited_account(token: str, uow: IdentityUnitOfWork, deps: Dependencies) -> Account:
    """The account a still-valid invitation link belongs to (for the page that shows it)."""
    async with uow:
        now = await deps.clock.now()
        found = await uow.tokens.find(token_digest(token))
        if found is None or found.purpose != TokenPurpose.INVITATION or not found.is_usable(now):
            raise token_void()
        account = await uow.accounts.get(found.account_id)
        if account is None or account.status != AccountStatus.ACTIVE:
            raise token_void()
        return account


async def accept_invitation(
    command: AcceptInvitation, uow: IdentityUnitOfWork, deps: Dependencies
) -> None:
    await redeem_password_link(
        command.token,
        command.password,
        command.password_confirmation,
        purpose=TokenPurpose.INVITATION,
        statuses=(AccountStatus.ACTIVE,),
        reason="invitation",
        uow=uow,
        deps=deps,
    )
