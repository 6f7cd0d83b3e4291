"""The login journey over HTTP with a controlled clock: lockout and unlock, wrong codes, resend
timing, the refresh cookie, logout, and the session ending with a password change."""

from collections.abc import Callable
from uuid import uuid4

import httpx
import pytest

from services.identity.tests.conftest import PASSWORD, App

pytestmark = pytest.mark.stack

NEW_PASSWORD = "Trois marmottes au Grand-Saint-Bernard"


async def login(http: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await http.post("/api/identity/auth/login", json={"email": email, "password": password})


async def logged_in(identity: App, http: httpx.AsyncClient, email: str) -> str:
    started = await login(http, email)
    assert started.status_code == 200, started.text
    verified = await http.post(
        "/api/identity/auth/login/verify",
        json={"challenge_id": started.json()["challenge_id"], "code": identity.secrets.codes[-1]},
    )
    assert verified.status_code == 200, verified.text
    return str(verified.json()["access_token"])


async def test_login_code_tokens_me_refresh_logout(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        started = await login(http, account["email"].upper())
        assert started.status_code == 200, started.text
        challenge = started.json()
        assert challenge["mobile_hint"] == "+41 79 *** ** 67"
        verified = await http.post(
            "/api/identity/auth/login/verify",
            json={"challenge_id": challenge["challenge_id"], "code": identity.secrets.codes[-1]},
        )
        assert verified.status_code == 200, verified.text
        tokens = verified.json()
        assert tokens["token_type"] == "Bearer"
        assert tokens["expires_in"] == 900
        assert verified.headers["cache-control"] == "no-store"
        cookie = verified.headers["set-cookie"]
        assert cookie.startswith("guichet_refresh=")
        for attribute in ("HttpOnly", "Path=/api/identity/auth", "SameSite=strict", "Max-Age=1800"):
            assert attribute in cookie
        assert "Secure" not in cookie  # local mode: plain HTTP on loopback

        me = await http.get(
            "/api/identity/me", headers={"authorization": f"Bearer {tokens['access_token']}"}
        )
        assert me.status_code == 200, me.text
        assert me.json()["email"] == account["email"]
        assert me.json()["role"] == "manager"
        assert me.json()["mobile"] == "+41791234567"

        old_refresh = http.cookies["guichet_refresh"]
        refreshed = await http.post("/api/identity/auth/refresh")
        assert refreshed.status_code == 200, refreshed.text
        assert http.cookies["guichet_refresh"] != old_refresh

        logout = await http.post("/api/identity/auth/logout")
        assert logout.status_code == 204
        assert "guichet_refresh" not in http.cookies
        http.cookies.set("guichet_refresh", old_refresh, path="/api/identity/auth")
        assert (await http.post("/api/identity/auth/refresh")).status_code == 401
        # Identity's own pages refuse an access token whose session ended.
        gone = await http.get(
            "/api/identity/me", headers={"authorization": f"Bearer {tokens['access_token']}"}
        )
        assert gone.status_code == 401


async def test_reusing_a_rotated_refresh_token_revokes_the_family(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        await logged_in(identity, http, account["email"])
        stolen = http.cookies["guichet_refresh"]
        assert (await http.post("/api/identity/auth/refresh")).status_code == 200
        current = http.cookies["guichet_refresh"]
    async with identity.client() as thief:
        thief.cookies.set("guichet_refresh", stolen, path="/api/identity/auth")
        replay = await thief.post("/api/identity/auth/refresh")
        assert replay.status_code == 401
        assert replay.json()["code"] == "session_expired"
    async with identity.client() as owner:
        owner.cookies.set("guichet_refresh", current, path="/api/identity/auth")
        assert (await owner.post("/api/identity/auth/refresh")).status_code == 401


async def test_refresh_ends_after_thirty_idle_minutes(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        await logged_in(identity, http, account["email"])
        identity.clock.advance(minutes=29)
        assert (await http.post("/api/identity/auth/refresh")).status_code == 200
        identity.clock.advance(minutes=30)
        assert (await http.post("/api/identity/auth/refresh")).status_code == 401


@pytest.mark.parametrize("known", [True, False], ids=["known-email", "unknown-email"])
async def test_five_wrong_passwords_lock_for_fifteen_minutes(
    identity: App, office_token: Callable[..., str], known: bool
) -> None:
    if known:
        email = (await identity.create_account(office_token("accounts:create")))["email"]
    else:
        email = f"ghost.{uuid4().hex[:8]}@example.ch"
    async with identity.client() as http:
        answers = [await login(http, email, "wrong password, sorry") for _ in range(4)]
        assert {r.status_code for r in answers} == {401}
        assert {r.json()["code"] for r in answers} == {"invalid_credentials"}
        fifth = await login(http, email, "wrong password, sorry")
        assert fifth.status_code == 429
        assert fifth.json()["code"] == "locked"
        assert fifth.json()["message"] == (
            "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes"
        )
        assert fifth.headers["retry-after"] == "900"
        german = await http.post(
            "/api/identity/auth/login",
            json={"email": email, "password": PASSWORD},
            headers={"accept-language": "de-CH, de;q=0.9"},
        )
        assert german.status_code == 429
        assert german.json()["message"] == (
            "Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut"
        )
        identity.clock.advance(minutes=14, seconds=59)
        assert (await login(http, email)).status_code == 429
        identity.clock.advance(seconds=1)
        after = await login(http, email)
        assert after.status_code == (200 if known else 401)


async def test_five_wrong_codes_void_the_attempt(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        challenge_id = (await login(http, account["email"])).json()["challenge_id"]
        right = identity.secrets.codes[-1]
        wrong = "000000" if right != "000000" else "111111"
        for left in (4, 3, 2, 1):
            answer = await http.post(
                "/api/identity/auth/login/verify",
                json={"challenge_id": challenge_id, "code": wrong},
                headers={"accept-language": "de"},
            )
            assert answer.status_code == 422
            assert answer.json()["code"] == "invalid_code"
            assert answer.json()["attempts_left"] == left
            assert answer.json()["errors"][0]["message"] == "Falscher Zugangscode."
        fifth = await http.post(
            "/api/identity/auth/login/verify", json={"challenge_id": challenge_id, "code": wrong}
        )
        assert fifth.status_code == 410
        assert fifth.json()["code"] == "challenge_void"
        too_late = await http.post(
            "/api/identity/auth/login/verify", json={"challenge_id": challenge_id, "code": right}
        )
        assert too_late.status_code == 410


async def test_resend_is_refused_before_sixty_seconds(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        challenge = (await login(http, account["email"])).json()
        identity.clock.advance(seconds=30)
        early = await http.post(
            "/api/identity/auth/login/resend", json={"challenge_id": challenge["challenge_id"]}
        )
        assert early.status_code == 429
        assert early.json()["code"] == "resend_too_soon"
        assert early.json()["retry_after"] == 30
        assert early.headers["retry-after"] == "30"
        identity.clock.advance(seconds=30)
        resent = await http.post(
            "/api/identity/auth/login/resend", json={"challenge_id": challenge["challenge_id"]}
        )
        assert resent.status_code == 202
        assert resent.json()["resend_available_at"] > challenge["resend_available_at"]


async def test_unknown_challenge_and_bad_shapes(identity: App) -> None:
    async with identity.client() as http:
        unknown = await http.post(
            "/api/identity/auth/login/verify", json={"challenge_id": str(uuid4()), "code": "123456"}
        )
        assert unknown.status_code == 410
        bad = await http.post(
            "/api/identity/auth/login/verify",
            json={"challenge_id": "x", "code": 123456, "remember": True},
        )
        assert bad.status_code == 422
        assert {e["field"] for e in bad.json()["errors"]} == {"challenge_id", "code", "remember"}
        no_cookie = await http.post("/api/identity/auth/refresh")
        assert no_cookie.status_code == 401
        assert (await http.post("/api/identity/auth/logout")).status_code == 204


async def test_change_password_ends_every_session(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        access = await logged_in(identity, http, account["email"])
        auth = {"authorization": f"Bearer {access}"}
        wrong = await http.post(
            "/api/identity/me/password",
            json={
                "current_password": "not my password",
                "password": NEW_PASSWORD,
                "password_confirmation": NEW_PASSWORD,
            },
            headers=auth,
        )
        assert wrong.status_code == 422
        assert wrong.json()["errors"][0]["field"] == "current_password"
        weak = await http.post(
            "/api/identity/me/password",
            json={
                "current_password": PASSWORD,
                "password": "qwertzuiop123",
                "password_confirmation": "qwertzuiop123",
            },
            headers=auth,
        )
        assert weak.json()["errors"][0]["code"] == "password_common"
        changed = await http.post(
            "/api/identity/me/password",
            json={
                "current_password": PASSWORD,
                "password": NEW_PASSWORD,
                "password_confirmation": NEW_PASSWORD,
            },
            headers=auth,
        )
        assert changed.status_code == 204, changed.text
        assert (await http.post("/api/identity/auth/refresh")).status_code == 401
        assert (await http.get("/api/identity/me", headers=auth)).status_code == 401
        assert (await login(http, account["email"], NEW_PASSWORD)).status_code == 200


async def test_pending_account_is_told_only_after_the_right_password(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"), active=False)
    async with identity.client() as http:
        assert (await login(http, account["email"], "wrong password!!")).status_code == 401
        pending = await login(http, account["email"])
    assert pending.status_code == 403
    assert pending.json()["code"] == "account_pending"
