"""Mon compte: the logged-in user's own data and password."""

from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from identity.api.dependencies import DepsDep, IdentityUowDep, SessionDep
from identity.application.change_password import ChangePassword, change_password
from identity.application.errors import session_expired
from identity.application.queries import my_account

router = APIRouter(prefix="/api/identity/me", tags=["me"])


class MeOut(BaseModel):
    account_id: UUID
    email: str
    first_name: str
    last_name: str
    mobile: str
    language: str
    company_id: UUID | None
    role: str | None


class ChangePasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=1024)
    password: str = Field(max_length=1024)
    password_confirmation: str = Field(max_length=1024)


@router.get("")
async def me(session: SessionDep, uow: IdentityUowDep) -> MeOut:
    account = await my_account(session.account_id, session.session_id, uow)
    if account is None:
        raise session_expired()
    return MeOut(
        account_id=account.id,
        email=account.email,
        first_name=account.first_name,
        last_name=account.last_name,
        mobile=account.mobile,
        language=account.language,
        company_id=account.company_id,
        role=account.role.value if account.role else None,
    )


@router.post("/password", status_code=204)
async def post_password(
    body: ChangePasswordIn, session: SessionDep, uow: IdentityUowDep, deps: DepsDep
) -> Response:
    if await my_account(session.account_id, session.session_id, uow) is None:
        raise session_expired()
    await change_password(
        ChangePassword(
            session.account_id, body.current_password, body.password, body.password_confirmation
        ),
        uow,
        deps,
    )
    return Response(status_code=204)
