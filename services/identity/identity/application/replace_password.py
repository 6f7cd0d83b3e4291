"""What every password change does, whatever its path (reset link, invitation, Mon compte)."""

from datetime import datetime
from typing import Literal

from contracts.identity import PasswordChanged
from identity.application.dependencies import Dependencies
from identity.application.ports import IdentityUnitOfWork
from identity.domain.account import Account
from identity.domain.lockout import throttle_key
from identity.domain.session import RevokeReason


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
