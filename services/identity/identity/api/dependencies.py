"""What identity's routes need (built by bootstrap), and the dependencies that hand it out."""

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Request

from identity.adapters.clock import OffsetClock
from identity.adapters.oauth import OfficeAuthorizationServer
from identity.application.dependencies import Dependencies
from identity.application.ports import IdentityUnitOfWork
from identity.settings import IdentitySettings
from kernel.auth import CurrentUser, Principal
from kernel.errors import Unauthorized


@dataclass(frozen=True)
class Wiring:
    settings: IdentitySettings
    deps: Dependencies
    unit_of_work: Callable[[], IdentityUnitOfWork]
    oauth: OfficeAuthorizationServer
    # Local mode only: the clock tests may move.
    clock_control: OffsetClock | None = None


def get_wiring(request: Request) -> Wiring:
    wiring: Wiring = request.app.state.identity
    return wiring


def get_deps(wiring: Annotated[Wiring, Depends(get_wiring)]) -> Dependencies:
    return wiring.deps


def get_uow(wiring: Annotated[Wiring, Depends(get_wiring)]) -> IdentityUnitOfWork:
    return wiring.unit_of_work()


@dataclass(frozen=True)
class UserSession:
    principal: Principal
    account_id: UUID
    session_id: UUID | None


async def current_session(request: Request, principal: CurrentUser) -> UserSession:
    """The verified user and the session (``sid``) their access token belongs to."""
    # The kernel verified this very token (signature, issuer, audience, expiry) just before;
    # reading one more claim from its payload is safe.
    token = request.headers["authorization"].partition(" ")[2].strip()
    segment = token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
        account_id = UUID(principal.subject)
        sid = claims.get("sid")
        session_id = UUID(str(sid)) if sid else None
    except ValueError:
        raise Unauthorized(detail="invalid token") from None
    return UserSession(principal, account_id, session_id)


WiringDep = Annotated[Wiring, Depends(get_wiring)]
DepsDep = Annotated[Dependencies, Depends(get_deps)]
IdentityUowDep = Annotated[IdentityUnitOfWork, Depends(get_uow)]
SessionDep = Annotated[UserSession, Depends(current_session)]
