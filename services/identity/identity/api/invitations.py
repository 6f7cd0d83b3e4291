"""Public: an invited collaborator opens the link and chooses a password."""

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field

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


class LookupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=128)


@router.post("/lookup")
async def lookup_invitation(
    body: LookupIn, uow: IdentityUowDep, deps: DepsDep, response: Response
) -> InvitationOut:
    """The invitation behind a link, with the token in the body: URLs end up in access logs
    (the gateway's among them), bodies do not."""
    account = await invited_account(body.token, uow, deps)
    response.headers["Cache-Control"] = "no-store"
    return InvitationOut(email=account.email, first_name=account.first_name)


# Kept for the web page written against the first shape; prefer POST /lookup.
@router.get("/{token}", deprecated=True)
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
