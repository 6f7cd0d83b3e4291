"""Public login: password, SMS code, resend, refresh and logout (``/api/identity/auth/``)."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Cookie, Response
from pydantic import BaseModel, ConfigDict, Field

from identity.api.dependencies import DepsDep, IdentityUowDep, WiringDep
from identity.application.end_session import EndSession, end_session
from identity.application.errors import session_expired
from identity.application.refresh_session import RefreshSession, refresh_session
from identity.application.resend_login_code import ResendLoginCode, resend_login_code
from identity.application.start_login import StartLogin, start_login
from identity.application.verify_login_code import (
    SessionTokens,
    VerifyLoginCode,
    verify_login_code,
)
from identity.domain.session import IDLE_LIMIT

router = APIRouter(prefix="/api/identity/auth", tags=["login"])

REFRESH_COOKIE = "guichet_refresh"
REFRESH_COOKIE_PATH = "/api/identity/auth"
NO_STORE = {"Cache-Control": "no-store"}


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class ChallengeOut(BaseModel):
    challenge_id: UUID
    mobile_hint: str
    resend_available_at: datetime
    expires_at: datetime


class VerifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    challenge_id: UUID
    code: str = Field(min_length=1, max_length=20)


class ResendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    challenge_id: UUID


class ResendOut(BaseModel):
    resend_available_at: datetime
    expires_at: datetime


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (a token type, not a secret)
    expires_in: int
    # When the session ends without a refresh (30 minutes idle, 12 hours at most).
    refresh_expires_at: datetime


RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, max_length=200)]


@router.post("/login")
async def login(body: LoginIn, uow: IdentityUowDep, deps: DepsDep) -> ChallengeOut:
    started = await start_login(StartLogin(body.email, body.password), uow, deps)
    challenge = started.challenge
    return ChallengeOut(
        challenge_id=challenge.id,
        mobile_hint=started.mobile_hint,
        resend_available_at=challenge.resend_available_at,
        expires_at=challenge.expires_at,
    )


@router.post("/login/verify")
async def verify(
    body: VerifyIn, response: Response, uow: IdentityUowDep, deps: DepsDep, wiring: WiringDep
) -> TokenOut:
    tokens = await verify_login_code(VerifyLoginCode(body.challenge_id, body.code), uow, deps)
    return _session_answer(tokens, response, secure=wiring.settings.refresh_cookie_secure)


@router.post("/login/resend", status_code=202)
async def resend(body: ResendIn, uow: IdentityUowDep, deps: DepsDep) -> ResendOut:
    challenge = await resend_login_code(ResendLoginCode(body.challenge_id), uow, deps)
    return ResendOut(
        resend_available_at=challenge.resend_available_at, expires_at=challenge.expires_at
    )


@router.post("/refresh")
async def refresh(
    response: Response,
    uow: IdentityUowDep,
    deps: DepsDep,
    wiring: WiringDep,
    refresh_token: RefreshCookie = None,
) -> TokenOut:
    if not refresh_token:
        raise session_expired()
    tokens = await refresh_session(RefreshSession(refresh_token), uow, deps)
    return _session_answer(tokens, response, secure=wiring.settings.refresh_cookie_secure)


@router.post("/logout", status_code=204)
async def logout(
    uow: IdentityUowDep, deps: DepsDep, wiring: WiringDep, refresh_token: RefreshCookie = None
) -> Response:
    if refresh_token:
        await end_session(EndSession(refresh_token), uow, deps)
    response = Response(status_code=204)
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        secure=wiring.settings.refresh_cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


def _session_answer(tokens: SessionTokens, response: Response, *, secure: bool) -> TokenOut:
    response.headers.update(NO_STORE)
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=int(IDLE_LIMIT.total_seconds()),
        path=REFRESH_COOKIE_PATH,
        secure=secure,
        httponly=True,
        samesite="strict",
    )
    return TokenOut(
        access_token=tokens.access_token,
        expires_in=tokens.expires_in,
        refresh_expires_at=tokens.refresh_expires_at,
    )
