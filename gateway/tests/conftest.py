"""Fixtures: tokens, throwaway upstreams and a rendered Envoy in front of them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from guichet_gateway import envoy, kongfile
from guichet_gateway.testing import EnvoyProcess, running_envoy, serve_upstream

Mint = Callable[..., str]


@pytest.fixture(scope="session")
def signing_key() -> RSAKey:
    return RSAKey.generate_key(2048)


@pytest.fixture(scope="session")
def jwks(signing_key: RSAKey) -> dict[str, Any]:
    """What identity publishes: the public key, kid = RFC 7638 thumbprint."""
    public = signing_key.as_dict(private=False)
    return {"keys": [{**public, "kid": signing_key.thumbprint(), "alg": "RS256", "use": "sig"}]}


@pytest.fixture(scope="session")
def mint(signing_key: RSAKey) -> Mint:
    """Signs tokens the way identity does; `forged=True` signs with a stranger's key."""
    forger = RSAKey.generate_key(2048)

    def mint(
        iss: str = "guichet-identity",
        aud: str = "guichet",
        *,
        ttl: int = 900,
        forged: bool = False,
    ) -> str:
        now = int(time.time())
        claims = {"iss": iss, "aud": aud, "sub": "someone", "iat": now, "exp": now + ttl}
        header = {"alg": "RS256", "kid": signing_key.thumbprint()}
        return jwt.encode(header, claims, forger if forged else signing_key)

    return mint


@pytest.fixture(scope="session")
def upstreams(jwks: dict[str, Any]) -> Iterator[dict[str, tuple[str, int]]]:
    names = [s.name for s in kongfile.load().services] + [envoy.DEV_INBOX]
    servers = {name: serve_upstream(name, jwks) for name in names}
    yield {name: ("127.0.0.1", server.server_address[1]) for name, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def envoy_process(
    upstreams: dict[str, tuple[str, int]], mint: Mint, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EnvoyProcess]:
    with running_envoy(upstreams, tmp_path_factory.mktemp("envoy")) as running:
        # Both providers must hold the JWKS first, or the first tests would see a 401.
        office = mint("guichet-office", "guichet-internal")
        running.wait(
            lambda: (
                running.status("/api/identity/whoami", mint()) == 200
                and running.status("/internal/identity/whoami", office) == 200
            )
        )
        yield running


@pytest.fixture(scope="session")
def gateway(envoy_process: EnvoyProcess) -> str:
    """Base URL of a running Envoy rendered from kong.yml (local mode)."""
    return envoy_process.url


@pytest.fixture(scope="session")
def gateway_admin(envoy_process: EnvoyProcess) -> str:
    """Base URL of that Envoy's admin interface."""
    return envoy_process.admin
