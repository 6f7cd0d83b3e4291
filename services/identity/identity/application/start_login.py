"""Check e-mail and password, then send a 6-digit code by SMS (the login challenge).

Every answer before the password is known correct is the same for a known and an unknown
e-mail, in content and in time (argon2 runs on a dummy hash when there is no account).
"""

from dataclasses import dataclass
from uuid import uuid4

from contracts.identity import LoginCodeIssued
from identity.adapters import metrics
from identity.application.dependencies import Dependencies
from identity.application.errors import (
    account_unavailable,
    invalid_credentials,
    locked,
    send_refused,
)
from identity.application.ports import IdentityUnitOfWork
from identity.application.validation import formatted_mobile
from identity.domain.account import AccountStatus, normalise_email
from identity.domain.challenge import SEND_WINDOW, LoginChallenge, SendRefused
from identity.domain.lockout import throttle_key
from identity.domain.mobile import mobile_hint
from identity.domain.secret_digest import code_digest


@dataclass(frozen=True)
class StartLogin:
    email: str
    password: str


@dataclass(frozen=True)
class LoginStarted:
    challenge: LoginChallenge
    mobile_hint: str


async def start_login(
    command: StartLogin, uow: IdentityUnitOfWork, deps: Dependencies
) -> LoginStarted:
    email_key = normalise_email(command.email)
    async with uow:
        now = await deps.clock.now()
        throttle = await uow.throttles.lock(throttle_key(email_key))
        if throttle.is_locked(now):
            metrics.login_failed("password", "locked")
            raise locked(throttle.retry_after(now))
        account = await uow.accounts.find_by_email(email_key, for_update=True)
        password_hash = account.password_hash if account else None
        if not await deps.hasher.verify(password_hash, command.password) or account is None:
            throttle = throttle.after_failure(now)
            await uow.throttles.save(throttle)
            await uow.commit()
            if throttle.is_locked(now):
                # This wrong password is the one that locks: later attempts count as "locked".
                metrics.LOCKOUTS.inc()
                metrics.login_failed("password", "locked")
                raise locked(throttle.retry_after(now))
            metrics.login_failed("password", "invalid_credentials")
            raise invalid_credentials()

        await uow.throttles.save(throttle.after_success())
        if account.status != AccountStatus.ACTIVE:
            await uow.commit()
            metrics.login_failed("password", f"account_{account.status.value}")
            raise account_unavailable(account.status.value)
        if password_hash is not None and deps.hasher.needs_rehash(password_hash):
            # Parameters were raised since this hash was made: upgrade it while we know the
            # password.
            account = account.with_password(await deps.hasher.hash(command.password), now)
            await uow.accounts.update(account)

        code = deps.secrets.login_code()
        challenge_id = uuid4()
        recent = await uow.challenges.sends_since(account.id, now - SEND_WINDOW)
        try:
            challenge = LoginChallenge.start(
                challenge_id=challenge_id,
                account_id=account.id,
                code_digest=code_digest(deps.code_key, challenge_id, code),
                recent_sends=recent,
                now=now,
            )
        except SendRefused as refused:
            await uow.commit()
            metrics.login_failed("password", refused.reason.value)
            raise send_refused(refused.reason.value, refused.retry_after) from None
        await uow.challenges.add(challenge)
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
    metrics.LOGINS_STARTED.inc()
    metrics.LOGIN_CODES_ISSUED.labels("first").inc()
    return LoginStarted(challenge, mobile_hint(formatted_mobile(account.mobile)))
