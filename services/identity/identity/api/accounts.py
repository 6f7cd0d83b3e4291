"""Internal: the organisation service creates managers' accounts and invites collaborators."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from identity.api.dependencies import DepsDep, IdentityUowDep
from identity.application.create_account import CreateAccount, create_account
from identity.application.issue_invitation import IssueInvitation, issue_invitation
from identity.domain.account import Role
from kernel.auth import office_with_scopes

router = APIRouter(tags=["accounts"])


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account_id: UUID
    email: str = Field(max_length=254)
    # Bounded well above the policy's 128 so the policy, not the parser, explains the limit.
    password: str = Field(max_length=1024)
    mobile: str = Field(max_length=32)
    language: Literal["fr", "de", "it"]
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)


class AccountOut(BaseModel):
    account_id: UUID
    status: str


@router.post(
    "/internal/identity/accounts",
    status_code=201,
    dependencies=[office_with_scopes("accounts:create")],
    responses={200: {"description": "The same account was already created (retry)."}},
)
async def post_account(
    body: AccountIn, response: Response, uow: IdentityUowDep, deps: DepsDep
) -> AccountOut:
    result = await create_account(CreateAccount(**body.model_dump()), uow, deps)
    if not result.created:
        response.status_code = 200
    return AccountOut(account_id=result.account.id, status=result.account.status.value)


class InvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account_id: UUID
    email: str = Field(max_length=254)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    mobile: str = Field(max_length=32)
    language: Literal["fr", "de", "it"]
    company_id: UUID
    company_name: str = Field(min_length=1, max_length=200)
    role: Literal["manager", "collaborator"] = "collaborator"


class InvitationOut(BaseModel):
    account_id: UUID
    expires_at: datetime


@router.post(
    "/internal/identity/invitations",
    status_code=201,
    dependencies=[office_with_scopes("accounts:invite")],
    responses={200: {"description": "A new link replaced the previous one."}},
)
async def post_invitation(
    body: InvitationIn, response: Response, uow: IdentityUowDep, deps: DepsDep
) -> InvitationOut:
    command = IssueInvitation(**{**body.model_dump(), "role": Role(body.role)})
    sent = await issue_invitation(command, uow, deps)
    if not sent.created:
        response.status_code = 200
    return InvitationOut(account_id=sent.account.id, expires_at=sent.token.expires_at)
