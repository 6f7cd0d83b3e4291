"""Forgotten password over HTTP: always 202, single-use link, newest only, sessions end."""

from collections.abc import Callable
from uuid import uuid4

import pytest

from services.identity.tests.api.test_login_api import NEW_PASSWORD, logged_in, login
from services.identity.tests.conftest import App

pytestmark = pytest.mark.stack


async def test_forgot_always_answers_202_with_nothing_to_read(identity: App) -> None:
    async with identity.client() as http:
        unknown = await http.post(
            "/api/identity/auth/password/forgot", json={"email": f"{uuid4().hex}@example.ch"}
        )
        malformed = await http.post("/api/identity/auth/password/forgot", json={"email": "zzz"})
    for answer in (unknown, malformed):
        assert answer.status_code == 202
        assert answer.content == b""


async def test_reset_link_works_once_and_ends_every_session(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        await logged_in(identity, http, account["email"])
        before = len(identity.secrets.tokens)
        for _ in range(2):
            answer = await http.post(
                "/api/identity/auth/password/forgot", json={"email": account["email"]}
            )
            assert answer.status_code == 202
        older, newer = identity.secrets.tokens[before:]
        form = {"password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD}
        superseded = await http.post(
            "/api/identity/auth/password/reset", json={"token": older, **form}
        )
        assert superseded.status_code == 410
        assert superseded.json()["code"] == "token_void"
        mismatch = await http.post(
            "/api/identity/auth/password/reset",
            json={"token": newer, "password": NEW_PASSWORD, "password_confirmation": "x"},
            headers={"accept-language": "de"},
        )
        assert mismatch.status_code == 422
        assert mismatch.json()["errors"] == [
            {
                "field": "password_confirmation",
                "code": "password_mismatch",
                "message": "Die beiden Passwörter stimmen nicht überein.",
            }
        ]
        done = await http.post("/api/identity/auth/password/reset", json={"token": newer, **form})
        assert done.status_code == 204, done.text
        again = await http.post("/api/identity/auth/password/reset", json={"token": newer, **form})
        assert again.status_code == 410
        assert (await http.post("/api/identity/auth/auth/refresh")).status_code == 404
        assert (await http.post("/api/identity/auth/refresh")).status_code == 401
        assert (await login(http, account["email"])).status_code == 401
        # The next login still needs the SMS code.
        started = await login(http, account["email"], NEW_PASSWORD)
        assert started.status_code == 200
        assert "challenge_id" in started.json()


async def test_reset_link_expires_after_sixty_minutes(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        await http.post("/api/identity/auth/password/forgot", json={"email": account["email"]})
        link = identity.secrets.tokens[-1]
        identity.clock.advance(minutes=60)
        late = await http.post(
            "/api/identity/auth/password/reset",
            json={"token": link, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD},
        )
    assert late.status_code == 410
