"""Mon compte: change one's own password; the current one is required and every session ends."""

from dataclasses import dataclass
from uuid import UUID

from identity.application.dependencies import Dependencies
from identity.application.errors import field_error, invalid_fields, locked, session_expired
from identity.application.ports import IdentityUnitOfWork
from identity.application.replace_password import replace_password
from identity.application.validation import check_new_password
from identity.domain.account import AccountStatus
from identity.domain.lockout import throttle_key
from kernel.errors import FieldError


@dataclass(frozen=True)
class ChangePassword:
    account_id: UUID
    current_password: str
    password: str
    password_confirmation: str


async def change_password(
    command: ChangePassword, uow: IdentityUnitOfWork, deps: Dependencies
) -> None:
    async with uow:
        now = await deps.clock.now()
        account = await uow.accounts.get(command.account_id, for_update=True)
        if account is None or account.status != AccountStatus.ACTIVE:
            raise session_expired()
        # Guessing the current password with a stolen access token counts as failed logins.
        throttle = await uow.throttles.lock(throttle_key(account.email_key))
        if throttle.is_locked(now):
            raise locked(throttle.retry_after(now))
        if not await deps.hasher.verify(account.password_hash, command.current_password):
            throttle = throttle.after_failure(now)
            await uow.throttles.save(throttle)
            await uow.commit()
            if throttle.is_locked(now):
                raise locked(throttle.retry_after(now))
            raise invalid_fields(field_error("current_password", "password_incorrect"))
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
        await replace_password(
            account, command.password, reason="change", uow=uow, deps=deps, now=now
        )
        await uow.commit()
