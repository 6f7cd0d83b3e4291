"""Logging in through the gateway on the running stack: password, the SMS code as the
notification service delivers it, the refresh cookie, logout, the lockout and its end (with
identity's local test clock), wrong codes, the resend delay, forged tokens."""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from identity.adapters.signing import SigningKey
from tests.e2e.identity_support import (
    IDENTITY_URL,
    PASSWORD,
    Edge,
    active_account,
    logged_in,
    login,
    office_token,
    problem,
    shifted_clock,
    sms_code,
    sms_ids,
)

pytestmark = pytest.mark.stack

LOCKED_FR = "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes"
LOCKED_DE = "Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut"


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Edge]:
    opened = Edge(gateway_url)
    yield opened
    opened.close()


@pytest.fixture
def accounts_token(edge: Edge) -> str:
    return office_token(edge, "organisation-service", "accounts:create")


async def test_login_with_the_sms_code_then_me_refresh_and_logout(
    edge: Edge, accounts_token: str
) -> None:
    account = await active_account(edge, accounts_token, language="de")
    http, access = logged_in(edge, account)
    me = http.get("/api/identity/me", headers={"authorization": f"Bearer {access}"})
    assert me.status_code == 200, me.text
    assert me.json()["email"] == account["email"]
    assert me.json()["company_id"] == account["company_id"]
    assert me.json()["role"] == "manager"
    # Other services accept the token too (they verify it themselves).
    whoami = http.get("/api/organisation/whoami", headers={"authorization": f"Bearer {access}"})
    assert whoami.status_code == 200
    assert whoami.json()["company_id"] == account["company_id"]

    first_cookie = http.cookies["guichet_refresh"]
    refreshed = http.post("/api/identity/auth/refresh")
    assert refreshed.status_code == 200, refreshed.text
    assert http.cookies["guichet_refresh"] != first_cookie
    assert http.post("/api/identity/auth/logout").status_code == 204
    assert http.post("/api/identity/auth/refresh").status_code == 401


async def test_me_needs_a_user_token_at_the_gateway(edge: Edge) -> None:
    with edge.client() as http:
        assert http.get("/api/identity/me").status_code == 401


async def test_five_wrong_passwords_lock_then_the_lock_ends_after_fifteen_minutes(
    edge: Edge, accounts_token: str, office_token: Callable[..., str]
) -> None:
    account = await active_account(edge, accounts_token)
    for _ in range(4):
        wrong = login(edge, account["email"], "not my password at all")
        assert wrong.status_code == 401
        assert problem(wrong)["code"] == "invalid_credentials"
    fifth = login(edge, account["email"], "not my password at all")
    assert fifth.status_code == 429
    assert problem(fifth)["message"] == LOCKED_FR
    assert fifth.headers["retry-after"] == "900"
    locked = login(edge, account["email"], **{"accept-language": "de"})
    assert locked.status_code == 429
    assert problem(locked)["message"] == LOCKED_DE

    with shifted_clock(office_token, 15 * 60 - 5):
        assert login(edge, account["email"]).status_code == 429
    with shifted_clock(office_token, 15 * 60 + 1):
        assert login(edge, account["email"]).status_code == 200


async def test_unknown_email_gets_the_same_answers(edge: Edge) -> None:
    email = f"nobody.{time.time_ns()}@example.ch"
    answers = [login(edge, email, "not my password at all") for _ in range(5)]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
    assert problem(answers[0])["code"] == "invalid_credentials"
    assert problem(answers[4])["message"] == LOCKED_FR


async def test_five_wrong_codes_void_the_attempt(edge: Edge, accounts_token: str) -> None:
    account = await active_account(edge, accounts_token)
    before = sms_ids(account["mobile"])
    started = login(edge, account["email"])
    assert started.status_code == 200
    challenge_id = started.json()["challenge_id"]
    code = sms_code(account["mobile"], after=before)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with edge.client() as http:
        for left in (4, 3, 2, 1):
            answer = http.post(
                "/api/identity/auth/login/verify",
                json={"challenge_id": challenge_id, "code": wrong},
            )
            assert answer.status_code == 422
            assert problem(answer)["attempts_left"] == left
        fifth = http.post(
            "/api/identity/auth/login/verify", json={"challenge_id": challenge_id, "code": wrong}
        )
        assert fifth.status_code == 410
        assert problem(fifth)["code"] == "challenge_void"
        right = http.post(
            "/api/identity/auth/login/verify", json={"challenge_id": challenge_id, "code": code}
        )
        assert right.status_code == 410


async def test_resend_before_sixty_seconds_is_refused(edge: Edge, accounts_token: str) -> None:
    account = await active_account(edge, accounts_token)
    started = login(edge, account["email"])
    challenge_id = started.json()["challenge_id"]
    with edge.client() as http:
        early = http.post("/api/identity/auth/login/resend", json={"challenge_id": challenge_id})
    assert early.status_code == 429
    body = problem(early)
    assert body["code"] == "resend_too_soon"
    assert 55 <= body["retry_after"] <= 60
    assert early.headers["retry-after"] == str(body["retry_after"])


def _b64(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": "guichet-identity",
        "aud": "guichet",
        "sub": "x",
        "iat": now,
        "exp": now + 600,
        **overrides,
    }


def forged_tokens(key: SigningKey) -> dict[str, str]:
    good = key.sign(_claims())
    head, _, signature = good.split(".")
    public_pem = key.jwks()["keys"][0]
    from joserfc.jwk import RSAKey

    pem = RSAKey.import_key(public_pem).as_pem(private=False)
    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT', 'kid': key.kid})}.{_b64(_claims())}"
    mac = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
    return {
        "alg-none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims())}.",
        "hs256-public-key": f"{signing_input}.{_b64(mac)}",
        "wrong-issuer": key.sign(_claims(iss="guichet-office")),
        "wrong-audience": key.sign(_claims(aud="guichet-internal")),
        "expired": key.sign(_claims(exp=int(time.time()) - 60)),
        "tampered": f"{head}.{_b64(_claims(sub='admin'))}.{signature}",
    }


def test_identity_itself_refuses_forged_tokens_on_me(signing_key: SigningKey) -> None:
    """Straight to the service, behind the gateway's back."""
    for name, token in forged_tokens(signing_key).items():
        answer = httpx.get(
            f"{IDENTITY_URL}/api/identity/me",
            headers={"authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert answer.status_code == 401, name


async def test_password_is_never_the_only_factor(edge: Edge, accounts_token: str) -> None:
    """A correct password alone yields a challenge, never a token or a cookie."""
    account = await active_account(edge, accounts_token)
    with edge.client() as http:
        started = http.post(
            "/api/identity/auth/login", json={"email": account["email"], "password": PASSWORD}
        )
        assert started.status_code == 200
        assert set(started.json()) == {
            "challenge_id",
            "mobile_hint",
            "resend_available_at",
            "expires_at",
        }
        assert "guichet_refresh" not in http.cookies
