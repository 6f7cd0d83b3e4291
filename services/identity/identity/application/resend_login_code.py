"""\"I need a new code\": a fresh code for an open challenge, within the sending limits."""

from dataclasses import dataclass
from uuid import UUID

from contracts.identity import LoginCodeIssued
from identity.adapters import metrics
from identity.application.dependencies import Dependencies
from identity.application.errors import challenge_void, send_refused
from identity.application.ports import IdentityUnitOfWork
from identity.domain.challenge import SEND_WINDOW, LoginChallenge, SendRefused
from identity.domain.secret_digest import code_digest


@dataclass(frozen=True)
class ResendLoginCode:
    challenge_id: UUID


async def resend_login_code(
    command: ResendLoginCode, uow: IdentityUnitOfWork, deps: Dependencies
) -> LoginChallenge:
    async with uow:
        now = await deps.clock.now()
        challenge = await uow.challenges.get(command.challenge_id)
        if challenge is None or not challenge.is_open(now):
            raise challenge_void()
        # The account row is the lock: its hourly count spans all of its challenges.
        account = await uow.accounts.get(challenge.account_id, for_update=True)
        challenge = await uow.challenges.get(command.challenge_id, for_update=True)
        if account is None or challenge is None or not challenge.is_open(now):
            raise challenge_void()
        code = deps.secrets.login_code()
        recent = await uow.challenges.sends_since(account.id, now - SEND_WINDOW)
        try:
            challenge = challenge.resend(
                code_digest=code_digest(deps.code_key, challenge.id, code),
                recent_sends=recent,
                now=now,
            )
        except SendRefused as refused:
            metrics.login_failed("resend", refused.reason.value)
            raise send_refused(refused.reason.value, refused.retry_after) from None
        await uow.challenges.update(challenge)
        await uow.challenges.record_send(challenge)
        uow.emit(
            LoginCodeIssued(
                account_id=account.id,
                language=account.language,
                challenge_id=challenge.id,
                mobile=account.mobile,
                sealed_code=deps.sealer.seal(code),
                expires_at=challenge.expires_at,
            ),
            key=str(account.id),
        )
        await uow.commit()
    metrics.LOGIN_CODES_ISSUED.labels("resend").inc()
    return challenge
