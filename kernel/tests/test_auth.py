"""Token verification refuses every forged or misdirected token, and accepts a good one."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from kernel.auth import Audience, TokenVerifier
from kernel.errors import Unauthorized
from kernel.testing import StaticJwks

KEY = RSAKey.generate_key(2048)
OTHER_KEY = RSAKey.generate_key(2048)
USERS = Audience("guichet-identity", "guichet", "user")
OFFICE = Audience("guichet-office", "guichet-internal", "office")


# The identity JWKS, public key only, without HTTP.
verifier = TokenVerifier(
    StaticJwks(RSAKey.import_key({**KEY.as_dict(private=False), "kid": KEY.thumbprint()}))
)


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": "guichet-identity",
        "aud": "guichet",
        "sub": "user-1",
        "company": "0b9f1d2e-3c4d-4e5f-8a6b-7c8d9e0f1a2b",
        "role": "manager",
        "iat": now,
        "exp": now + 600,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(payload: dict[str, Any], key: RSAKey = KEY) -> str:
    return jwt.encode({"alg": "RS256", "kid": KEY.thumbprint()}, payload, key)


def b64(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def hs256(secret: bytes, payload: dict[str, Any]) -> str:
    """The classic confusion attack: HMAC keyed with the RSA public key (joserfc refuses to)."""
    signing_input = f"{b64({'alg': 'HS256', 'kid': KEY.thumbprint()})}.{b64(payload)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


async def test_valid_user_token_gives_a_principal() -> None:
    principal = await verifier.verify(sign(claims()), USERS)
    assert principal.subject == "user-1"
    assert principal.kind == "user"
    assert str(principal.company_id) == "0b9f1d2e-3c4d-4e5f-8a6b-7c8d9e0f1a2b"
    assert principal.is_manager


async def test_office_token_carries_scopes() -> None:
    token = sign(claims(iss="guichet-office", aud="guichet-internal", scope="a b", company=None))
    principal = await verifier.verify(token, OFFICE)
    assert principal.scopes == frozenset({"a", "b"})
    assert principal.company_id is None


def forged_tokens() -> dict[str, str]:
    good = sign(claims())
    header, _payload, signature = good.split(".")
    public_pem = KEY.as_pem(private=False)
    return {
        "alg none": f"{b64({'alg': 'none', 'kid': KEY.thumbprint()})}.{b64(claims())}.",
        "hs256 with the public key": hs256(public_pem, claims()),
        "wrong key": sign(claims(), OTHER_KEY),
        "wrong issuer": sign(claims(iss="someone-else")),
        "wrong audience": sign(claims(aud="guichet-internal")),
        "expired": sign(claims(exp=int(time.time()) - 60)),
        "no expiry": sign(claims(exp=None)),
        "tampered claims": f"{header}.{b64(claims(role='manager', sub='admin'))}.{signature}",
        "garbage": "not-a-token",
    }


@pytest.mark.parametrize("name", list(forged_tokens()))
async def test_forged_tokens_are_refused(name: str) -> None:
    with pytest.raises(Unauthorized):
        await verifier.verify(forged_tokens()[name], USERS)


async def test_user_token_is_not_an_office_token() -> None:
    with pytest.raises(Unauthorized):
        await verifier.verify(sign(claims()), OFFICE)
