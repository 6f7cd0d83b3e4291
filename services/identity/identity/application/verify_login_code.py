"""Check the SMS code of a login challenge; a right code opens a session (tokens)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from identity.adapters import metrics
from identity.application.dependencies import Dependencies
from identity.application.errors import (
    account_unavailable,
    challenge_void,
    field_error,
    invalid_code,
    invalid_fields,
)
from identity.application.ports import IdentityUnitOfWork
from identity.domain.account import AccountStatus
from identity.domain.challenge import CodeOutcome
from identity.domain.secret_digest import code_digest, token_digest
from identity.domain.session import SessionFamily


@dataclass(frozen=True)
class VerifyLoginCode:
    challenge_id: UUID
    code: str


@dataclass(frozen=True)
class SessionTokens:
    """What the browser receives: an access token, and a refresh token for its cookie."""

    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_at: datetime
    session_id: UUID


async def verify_login_code(
    command: VerifyLoginCode, uow: IdentityUnitOfWork, deps: Dependencies
) -> SessionTokens:
    code = "".join(command.code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        # A typo in the format does not cost one of the five attempts.
        raise invalid_fields(field_error("code", "code_format"))
    async with uow:
        now = await deps.clock.now()
        challenge = await uow.challenges.get(command.challenge_id, for_update=True)
        if challenge is None:
            metrics.login_failed("code", "challenge_void")
            raise challenge_void()
        digest = code_digest(deps.code_key, challenge.id, code)
        outcome, checked = challenge.check_code(digest, now)
        if checked != challenge:
            await uow.challenges.update(checked)
        if outcome is not CodeOutcome.ACCEPTED:
            await uow.commit()
            if outcome is CodeOutcome.WRONG:
                metrics.login_failed("code", "invalid_code")
                raise invalid_code(checked.attempts_left)
            metrics.login_failed("code", "challenge_void")
            raise challenge_void()
        account = await uow.accounts.get(checked.account_id)
        if account is None or account.status != AccountStatus.ACTIVE:
            await uow.commit()
            status = account.status.value if account else "disabled"
            metrics.login_failed("code", f"account_{status}")
            raise account_unavailable(status)
        family = SessionFamily.start(family_id=uuid4(), account_id=account.id, now=now)
        refresh = deps.secrets.url_token()
        first = family.first_token(token_digest(refresh))
        await uow.sessions.add(family, first)
        await uow.commit()
    metrics.LOGINS_SUCCEEDED.inc()
    return SessionTokens(
        access_token=deps.access_tokens.issue(account, family.id),
        expires_in=deps.access_tokens.lifetime_seconds,
        refresh_token=refresh,
        refresh_expires_at=first.idle_expires_at,
        session_id=family.id,
    )
