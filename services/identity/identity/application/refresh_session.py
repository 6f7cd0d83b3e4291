"""Trade a refresh token for a new access token and a new refresh token (rotation)."""

from dataclasses import dataclass

from identity.application.dependencies import Dependencies
from identity.application.errors import session_expired
from identity.application.ports import IdentityUnitOfWork
from identity.application.verify_login_code import SessionTokens
from identity.domain.account import AccountStatus
from identity.domain.secret_digest import token_digest
from identity.domain.session import RefreshOutcome, RevokeReason, rotate


@dataclass(frozen=True)
class RefreshSession:
    refresh_token: str


async def refresh_session(
    command: RefreshSession, uow: IdentityUnitOfWork, deps: Dependencies
) -> SessionTokens:
    async with uow:
        now = await deps.clock.now()
        token = await uow.sessions.find_token(token_digest(command.refresh_token))
        if token is None:
            raise session_expired()
        family = await uow.sessions.get_family(token.family_id, for_update=True)
        if family is None:
            raise session_expired()
        refresh = deps.secrets.url_token()
        rotation = rotate(family, token, new_digest=token_digest(refresh), now=now)
        account = await uow.accounts.get(family.account_id)
        if rotation.outcome is RefreshOutcome.ROTATED and (
            account is None or account.status != AccountStatus.ACTIVE
        ):
            # Disabled since the login: the session ends here.
            family = family.revoke(RevokeReason.LOGOUT, now)
            await uow.sessions.save_rotation(family, token, None)
            await uow.commit()
            raise session_expired()
        await uow.sessions.save_rotation(rotation.family, rotation.spent, rotation.issued)
        await uow.commit()
    if rotation.issued is None or account is None:
        # Reused (the family is now revoked), expired or revoked: log in again.
        raise session_expired()
    return SessionTokens(
        access_token=deps.access_tokens.issue(account, family.id),
        expires_in=deps.access_tokens.lifetime_seconds,
        refresh_token=refresh,
        refresh_expires_at=rotation.issued.idle_expires_at,
        session_id=family.id,
    )
