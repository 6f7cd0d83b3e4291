"""\"Forgotten password\": e-mail a single-use reset link if the account exists.

The caller always gets the same answer; only the e-mail tells the owner anything.
"""

from dataclasses import dataclass

from contracts.identity import PasswordResetRequested
from identity.application.dependencies import Dependencies
from identity.application.ports import IdentityUnitOfWork
from identity.domain.account import AccountStatus, Language, normalise_email
from identity.domain.one_time_token import (
    RESET_RATE_WINDOW,
    OneTimeToken,
    TokenPurpose,
    may_send_reset,
)
from identity.domain.secret_digest import token_digest

RESETTABLE = frozenset({AccountStatus.ACTIVE, AccountStatus.PENDING})


@dataclass(frozen=True)
class RequestPasswordReset:
    email: str
    language: Language | None = None


async def request_password_reset(
    command: RequestPasswordReset, uow: IdentityUnitOfWork, deps: Dependencies
) -> None:
    async with uow:
        account = await uow.accounts.find_by_email(normalise_email(command.email), for_update=True)
        if account is None or account.status not in RESETTABLE:
            return
        now = await deps.clock.now()
        recent = await uow.tokens.count_since(
            account.id, TokenPurpose.RESET, now - RESET_RATE_WINDOW
        )
        if not may_send_reset(recent):
            return
        raw = deps.secrets.url_token()
        # A newer link voids the older ones.
        await uow.tokens.void_open(account.id, TokenPurpose.RESET, now)
        token = OneTimeToken.issue(
            digest=token_digest(raw), account_id=account.id, purpose=TokenPurpose.RESET, now=now
        )
        await uow.tokens.add(token)
        uow.emit(
            PasswordResetRequested(
                account_id=account.id,
                language=command.language or account.language,
                email=account.email,
                first_name=account.first_name,
                sealed_token=deps.sealer.seal(raw),
                expires_at=token.expires_at,
            ),
            key=str(account.id),
        )
        await uow.commit()
