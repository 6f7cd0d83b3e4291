"""The invited collaborator chooses a password with the link (single use, 7 days)."""

from dataclasses import dataclass

from identity.application.dependencies import Dependencies
from identity.application.errors import invalid_fields, token_void
from identity.application.ports import IdentityUnitOfWork
from identity.application.replace_password import replace_password
from identity.application.validation import check_new_password
from identity.domain.account import Account, AccountStatus
from identity.domain.one_time_token import TokenPurpose
from identity.domain.secret_digest import token_digest
from kernel.errors import FieldError


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
    async with uow:
        now = await deps.clock.now()
        token = await uow.tokens.find(token_digest(command.token), for_update=True)
        if token is None or token.purpose != TokenPurpose.INVITATION or not token.is_usable(now):
            raise token_void()
        account = await uow.accounts.get(token.account_id, for_update=True)
        if account is None or account.status != AccountStatus.ACTIVE:
            raise token_void()
        errors: list[FieldError] = []
        check_new_password(
            command.password,
            common=deps.common_passwords,
            email=account.email,
            first_name=account.first_name,
            last_name=account.last_name,
            errors=errors,
            confirmation=command.password_confirmation,
        )
        if errors:
            raise invalid_fields(*errors)
        await uow.tokens.update(token.use(now))
        await replace_password(
            account, command.password, reason="invitation", uow=uow, deps=deps, now=now
        )
        await uow.commit()
