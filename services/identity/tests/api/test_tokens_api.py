"""Identity refuses forged and misdirected tokens itself (not only the gateway), issues office
tokens by client credentials, and mounts its test clock only in local mode."""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from joserfc import jwt
from joserfc.jwk import RSAKey

from identity.adapters.signing import SigningKey
from identity.main import create_app
from identity.settings import IdentitySettings
from services.identity.tests.conftest import App

pytestmark = pytest.mark.stack


def b64(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def hs256(secret: bytes, kid: str, payload: dict[str, Any]) -> str:
    """The classic confusion attack: HMAC keyed with the RSA public key (joserfc refuses to)."""
    signing_input = f"{b64({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{b64(payload)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    values = {"iss": "guichet-identity", "aud": "guichet", "sub": "u", "iat": now, "exp": now + 600}
    values.update(overrides)
    return values


@pytest.fixture(scope="module")
def attacks(signing_key: SigningKey) -> dict[str, str]:
    header = {"alg": "RS256", "typ": "JWT", "kid": signing_key.kid}
    good = signing_key.sign(claims())
    head, payload, signature = good.split(".")
    public_pem = RSAKey.import_key(signing_key.jwks()["keys"][0]).as_pem(private=False)
    tampered_payload = b64(claims(sub="someone-else"))
    return {
        "alg-none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "hs256-with-public-key": hs256(public_pem, signing_key.kid, claims()),
        "wrong-issuer": signing_key.sign(claims(iss="guichet-office")),
        "wrong-audience": signing_key.sign(claims(aud="guichet-internal")),
        "expired": signing_key.sign(claims(exp=int(time.time()) - 60)),
        "tampered": f"{head}.{tampered_payload}.{signature}",
        "other-key": jwt.encode(header, claims(), RSAKey.generate_key(2048)),
        "garbage": "not.a.token",
    }


@pytest.mark.parametrize(
    "attack",
    [
        "alg-none",
        "hs256-with-public-key",
        "wrong-issuer",
        "wrong-audience",
        "expired",
        "tampered",
        "other-key",
        "garbage",
    ],
)
async def test_me_refuses_forged_tokens(
    identity: App, attacks: dict[str, str], attack: str
) -> None:
    async with identity.client(authorization=f"Bearer {attacks[attack]}") as http:
        response = await http.get("/api/identity/me")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_me_refuses_an_office_token(identity: App, office_token: Callable[..., str]) -> None:
    async with identity.client(authorization=f"Bearer {office_token('diagnostics')}") as http:
        assert (await http.get("/api/identity/me")).status_code == 401


def secret(settings: IdentitySettings, client_id: str) -> str:
    return (settings.state_dir / f"client-{client_id}.secret").read_text().strip()


async def test_client_credentials(
    identity: App, settings: IdentitySettings, signing_key: SigningKey
) -> None:
    basic = (("organisation-service", secret(settings, "organisation-service")),)
    async with identity.client() as http:
        granted = await http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials", "scope": "accounts:create"},
            auth=basic[0],
        )
        assert granted.status_code == 200, granted.text
        token = granted.json()
        assert token["token_type"] == "Bearer"
        assert token["scope"] == "accounts:create"
        assert token["expires_in"] == 900
        assert granted.headers["cache-control"] == "no-store"
        decoded = jwt.decode(
            token["access_token"], RSAKey.import_key(signing_key.jwks()["keys"][0])
        )
        assert decoded.header["alg"] == "RS256"
        assert decoded.claims["iss"] == "guichet-office"
        assert decoded.claims["aud"] == "guichet-internal"
        assert decoded.claims["sub"] == "organisation-service"
        assert decoded.claims["scope"] == "accounts:create"

        everything = await http.post(
            "/api/identity/oauth/token", data={"grant_type": "client_credentials"}, auth=basic[0]
        )
        assert everything.json()["scope"] == "accounts:create accounts:invite"

        # The token works on identity's own internal API.
        created = await http.post(
            "/internal/identity/accounts",
            json={"account_id": "bad"},
            headers={"authorization": f"Bearer {token['access_token']}"},
        )
        assert created.status_code == 422

        not_held = await http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials", "scope": "registrations:review"},
            auth=basic[0],
        )
        assert (not_held.status_code, not_held.json()["error"]) == (400, "invalid_scope")
        wrong_secret = await http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("organisation-service", "guess"),
        )
        assert (wrong_secret.status_code, wrong_secret.json()["error"]) == (401, "invalid_client")
        assert "access_token" not in wrong_secret.text
        unknown = await http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("nobody", "guess"),
        )
        assert unknown.status_code == 401
        in_body = await http.post(
            "/api/identity/oauth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "organisation-service",
                "client_secret": secret(settings, "organisation-service"),
            },
        )
        assert in_body.status_code in (400, 401)  # HTTP Basic only
        other_grant = await http.post(
            "/api/identity/oauth/token", data={"grant_type": "password"}, auth=basic[0]
        )
        assert other_grant.json()["error"] == "unsupported_grant_type"


async def test_dev_clock_needs_its_scope_and_moves_the_clock(
    settings: IdentitySettings, office_token: Callable[..., str]
) -> None:
    app = create_app(settings)  # the real (offset) clock, not the test's fake
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity.test") as http:
        plain = await http.get(
            "/internal/identity/dev/clock",
            headers={"authorization": f"Bearer {office_token('diagnostics')}"},
        )
        assert plain.status_code == 403
        clock = await http.get(
            "/internal/identity/dev/clock",
            headers={"authorization": f"Bearer {office_token('dev:clock')}"},
        )
        assert clock.status_code == 200
        assert "offset_seconds" in clock.json()
    await app.state.runtime.engine.dispose()


async def test_dev_clock_is_not_mounted_outside_local_mode(
    settings: IdentitySettings, tmp_path: Path, office_token: Callable[..., str]
) -> None:
    production = IdentitySettings(
        mode="production",
        state_dir=tmp_path,
        database_url=settings.database_url,
        kafka_bootstrap=settings.kafka_bootstrap,
        jwks_url=settings.jwks_url,
        signing_key=(settings.state_dir / "identity-signing-key.pem").read_text(),
        sealing_key=Fernet.generate_key().decode(),
        code_key="production-code-key-for-the-test",
    )
    app = create_app(production)
    paths = set(app.openapi()["paths"])
    assert "/api/identity/auth/login" in paths
    assert not any("/dev/" in path for path in paths)
    assert app.state.identity.clock_control is None
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity.test") as http:
        response = await http.put(
            "/internal/identity/dev/clock",
            json={"offset_seconds": 3600},
            headers={"authorization": f"Bearer {office_token('dev:clock')}"},
        )
    assert response.status_code == 404
    await app.state.runtime.engine.dispose()
