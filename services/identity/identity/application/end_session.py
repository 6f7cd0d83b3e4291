"""Log out: the refresh token's whole family is revoked."""

from dataclasses import dataclass

from identity.application.dependencies import Dependencies
from identity.application.ports import IdentityUnitOfWork
from identity.domain.secret_digest import token_digest
from identity.domain.session import RevokeReason


@dataclass(frozen=True)
class EndSession:
    refresh_token: str


async def end_session(command: EndSession, uow: IdentityUnitOfWork, deps: Dependencies) -> None:
    async with uow:
        token = await uow.sessions.find_token(token_digest(command.refresh_token))
        if token is None:
            return
        family = await uow.sessions.get_family(token.family_id, for_update=True)
        if family is None or family.is_revoked:
            return
        revoked = family.revoke(RevokeReason.LOGOUT, await deps.clock.now())
        await uow.sessions.save_rotation(revoked, token, None)
        await uow.commit()
