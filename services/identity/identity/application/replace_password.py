"""What every password change does, whatever its path (reset link, invitation, Mon compte)."""

from collections.abc import Collection
from datetime import datetime
from typing import Literal

from contracts.identity import PasswordChanged
from identity.application.dependencies import Dependencies
from identity.application.errors import invalid_fields, token_void
from identity.application.ports import IdentityUnitOfWork
from identity.application.validation import check_new_password
from identity.domain.account import Account, AccountStatus
from identity.domain.lockout import throttle_key
from identity.domain.one_time_token import TokenPurpose
from identity.domain.secret_digest import token_digest
from identity.domain.session import RevokeReason
from kernel.errors import FieldError


async def replace_password(
    account: Account,
    password: str,
    *,
    reason: Literal["reset", "invitation", "change"],
    uow: IdentityUnitOfWork,
    deps: Dependencies,
    now: datetime,
) -> Account:
    """Store the new hash, end every session, lift a lockout and tell the owner by e-mail."""
    account = account.with_password(await deps.hasher.hash(password), now)
    await uow.accounts.update(account)
    await uow.sessions.revoke_all(account.id, RevokeReason.PASSWORD_CHANGED, now)
    throttle = await uow.throttles.lock(throttle_key(account.email_key))
    await uow.throttles.save(throttle.after_success())
    uow.emit(
        PasswordChanged(
            account_id=account.id,
            language=account.language,
            email=account.email,
            first_name=account.first_name,
            reason=reason,
        ),
        key=str(account.id),
    )
    return account


async def redeem_password_link(
    token: str,
    password: str,
    confirmation: str,
    *,
    purpose: TokenPurpose,
    statuses: Collection[AccountStatus],
    reason: Literal["reset", "invitation"],
    uow: IdentityUnitOfWork,
    deps: Dependencies,
) -> None:
    """Use a single-use link (reset or invitation) to set the password of its account."""
    async with uow:
        now = await deps.clock.now()
        found = await uow.tokens.find(token_digest(token), for_update=True)
        if found is None or found.purpose != purpose or not found.is_usable(now):
            raise token_void()
        account = await uow.accounts.get(found.account_id, for_update=True)
        if account is None or account.status not in statuses:
            raise token_void()
        errors: list[FieldError] = []
        check_new_password(
            password,
            common=deps.common_passwords,
            email=account.email,
            first_name=account.first_name,
            last_name=account.last_name,
            errors=errors,
            confirmation=confirmation,
        )
        if errors:
            raise invalid_fields(*errors)
        await uow.tokens.update(found.use(now))
        await replace_password(account, password, reason=reason, uow=uow, deps=deps, now=now)
        await uow.commit()
