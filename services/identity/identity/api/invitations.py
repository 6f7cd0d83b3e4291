"""Public: an invited collaborator opens the link and chooses a password."""

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from identity.api.dependencies import DepsDep, IdentityUowDep
from identity.api.passwords import NewPasswordIn
from identity.application.accept_invitation import (
    AcceptInvitation,
    accept_invitation,
    invited_account,
)

router = APIRouter(prefix="/api/identity/auth/invitations", tags=["invitations"])


class InvitationOut(BaseModel):
    email: str
    first_name: str


@router.get("/{token}")
async def show_invitation(
    token: Annotated[str, Path(min_length=1, max_length=128)],
    uow: IdentityUowDep,
    deps: DepsDep,
    response: Response,
) -> InvitationOut:
    account = await invited_account(token, uow, deps)
    response.headers["Cache-Control"] = "no-store"
    return InvitationOut(email=account.email, first_name=account.first_name)


@router.post("/accept", status_code=204)
async def accept(body: NewPasswordIn, uow: IdentityUowDep, deps: DepsDep) -> Response:
    await accept_invitation(
        AcceptInvitation(body.token, body.password, body.password_confirmation), uow, deps
    )
    return Response(status_code=204)
