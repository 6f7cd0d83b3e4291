"""Public: forgotten password (always 202) and the reset link's form."""

from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from identity.api.dependencies import DepsDep, IdentityUowDep
from identity.application.request_password_reset import (
    RequestPasswordReset,
    request_password_reset,
)
from identity.application.reset_password import ResetPassword, reset_password

router = APIRouter(prefix="/api/identity/auth/password", tags=["passwords"])


class ForgotIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=1, max_length=254)
    language: Literal["fr", "de", "it"] | None = None


class NewPasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=128)
    password: str = Field(max_length=1024)
    password_confirmation: str = Field(max_length=1024)


@router.post("/forgot", status_code=202)
async def forgot(body: ForgotIn, uow: IdentityUowDep, deps: DepsDep) -> Response:
    await request_password_reset(RequestPasswordReset(body.email, body.language), uow, deps)
    return Response(status_code=202)


@router.post("/reset", status_code=204)
async def reset(body: NewPasswordIn, uow: IdentityUowDep, deps: DepsDep) -> Response:
    await reset_password(
        ResetPassword(body.token, body.password, body.password_confirmation), uow, deps
    )
    return Response(status_code=204)
