"""Gateway conformance fixtures: clients with their own client address, and bad tokens."""

from __future__ import annotations

import ipaddress
import random
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from identity.adapters.signing import SigningKey

Client = Callable[[], httpx.Client]


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Client]:
    """Clients that each speak from a fresh loopback address when the gateway is local.

    Rate limits are per client address: a fresh address keeps these tests from eating the
    buckets of the rest of the suite (and vice versa). A remote gateway sees our real address.
    """
    opened: list[httpx.Client] = []

    def open_client() -> httpx.Client:
        transport = None
        if _is_loopback(gateway_url):
            source = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            transport = httpx.HTTPTransport(local_address=source)
        http = httpx.Client(base_url=gateway_url, transport=transport, timeout=30.0)
        opened.append(http)
        return http

    yield open_client
    for http in opened:
        http.close()


@pytest.fixture(scope="session")
def forged_user_token(signing_key: SigningKey) -> str:
    """A user token with identity's key id but signed by another key."""
    now = int(time.time())
    claims = {
        "iss": "guichet-identity",
        "aud": "guichet",
        "sub": "forger",
        "iat": now,
        "exp": now + 900,
    }
    header = {"alg": "RS256", "typ": "JWT", "kid": signing_key.kid}
    return jwt.encode(header, claims, RSAKey.generate_key(2048))
