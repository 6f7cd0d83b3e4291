"""The rendered Envoy, run against throwaway upstreams, behaves as kong.yml says."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from guichet_gateway.testing import free_port, running_envoy, serve_upstream

Mint = Callable[..., str]


def client(gateway: str, source: str = "127.0.0.1") -> httpx.Client:
    """A client; a distinct loopback source address gets its own rate-limit buckets."""
    transport = httpx.HTTPTransport(local_address=source)
    return httpx.Client(base_url=gateway, transport=transport, timeout=10)


def fresh_source() -> str:
    return f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


SERVICES = ["identity", "organisation", "beneficiary", "invoicing", "notification", "documents"]


@pytest.mark.parametrize("service", SERVICES)
def test_user_token_reaches_every_service(gateway: str, mint: Mint, service: str) -> None:
    token = mint()
    with client(gateway) as http:
        answer = http.get(f"/api/{service}/whoami", headers=bearer(token))
    assert answer.status_code == 200
    seen = answer.json()
    assert seen["service"] == service
    # Full path kept (strip_path false) and the token forwarded untouched.
    assert seen["path"] == f"/api/{service}/whoami"
    assert seen["headers"]["authorization"] == f"Bearer {token}"


def test_missing_token_is_401(gateway: str) -> None:
    with client(gateway) as http:
        assert http.get("/api/invoicing/whoami").status_code == 401


def test_wrong_signature_is_401(gateway: str, mint: Mint) -> None:
    forged = mint(forged=True)
    with client(gateway) as http:
        assert http.get("/api/invoicing/whoami", headers=bearer(forged)).status_code == 401


def test_expired_token_is_401(gateway: str, mint: Mint) -> None:
    expired = mint(ttl=-3600)
    with client(gateway) as http:
        assert http.get("/api/invoicing/whoami", headers=bearer(expired)).status_code == 401


def test_wrong_audience_is_401(gateway: str, mint: Mint) -> None:
    token = mint("guichet-identity", "guichet-internal")
    with client(gateway) as http:
        # Envoy answers 403 "Audiences in Jwt are not allowed"; Kong OSS does not check aud.
        assert http.get("/api/invoicing/whoami", headers=bearer(token)).status_code in (401, 403)


def test_office_token_reaches_internal_routes(gateway: str, mint: Mint) -> None:
    with client(gateway) as http:
        answer = http.get(
            "/internal/organisation/whoami",
            headers=bearer(mint("guichet-office", "guichet-internal")),
        )
    assert answer.status_code == 200
    assert answer.json()["path"] == "/internal/organisation/whoami"


@pytest.mark.parametrize("credential", ["none", "user"])
def test_internal_route_refuses_non_office(gateway: str, mint: Mint, credential: str) -> None:
    headers = bearer(mint()) if credential == "user" else {}
    with client(gateway) as http:
        answer = http.get("/internal/organisation/whoami", headers=headers)
    assert answer.status_code in (401, 403)


def test_office_token_cannot_use_user_routes(gateway: str, mint: Mint) -> None:
    with client(gateway) as http:
        answer = http.get(
            "/api/organisation/whoami", headers=bearer(mint("guichet-office", "guichet-internal"))
        )
    assert answer.status_code in (401, 403)


@pytest.mark.parametrize(
    ("method", "path", "service"),
    [
        ("GET", "/api/identity/healthz", "identity"),
        ("GET", "/api/documents/readyz", "documents"),
        ("POST", "/api/identity/auth/login", "identity"),
        ("POST", "/api/identity/oauth/token", "identity"),
        ("POST", "/api/organisation/registrations", "organisation"),
        ("GET", "/", "web"),
        ("GET", "/invoices/42", "web"),
        ("GET", "/dev/inbox/messages", "dev-inbox"),
    ],
)
def test_public_paths_need_no_token(gateway: str, method: str, path: str, service: str) -> None:
    with client(gateway, fresh_source()) as http:
        answer = http.request(method, path)
    assert answer.status_code == 200
    assert answer.json()["service"] == service
    assert answer.json()["path"] == path


def test_jwks_is_public(gateway: str) -> None:
    with client(gateway) as http:
        answer = http.get("/api/identity/.well-known/jwks.json")
    assert answer.status_code == 200
    assert answer.json()["keys"][0]["alg"] == "RS256"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/organisation/registrations"),
        ("POST", "/api/organisation/registrations/1/approve"),
        ("GET", "/api/identity/healthz/../users"),
        ("GET", "/api/identity/auth/%2E%2E/users"),
        ("GET", "/api/identity/oauth/tokens"),
    ],
)
def test_near_public_paths_need_a_token(gateway: str, method: str, path: str) -> None:
    with client(gateway, fresh_source()) as http:
        assert http.request(method, path).status_code in (400, 401)


def test_escaped_slash_is_refused(gateway: str) -> None:
    with client(gateway) as http:
        assert http.get("/api/identity/auth/..%2Fusers").status_code == 400


def test_authentication_burst_is_429(gateway: str) -> None:
    with client(gateway, fresh_source()) as http:
        codes = [http.post("/api/identity/auth/login", json={}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30
    assert codes[30] == 429


def test_authentication_limit_is_per_client_address(gateway: str) -> None:
    with client(gateway, fresh_source()) as http:
        codes = [http.post("/api/identity/auth/code", json={}).status_code for _ in range(31)]
    assert codes[-1] == 429
    with client(gateway, fresh_source()) as http:
        assert http.post("/api/identity/auth/code", json={}).status_code == 200


def test_general_burst_is_429(gateway: str, mint: Mint) -> None:
    headers = bearer(mint())
    with client(gateway, fresh_source()) as http:
        codes = [http.get("/api/invoicing/whoami", headers=headers).status_code for _ in range(40)]
    assert 429 in codes
    assert codes[:5] == [200] * 5


def test_global_limit_is_shared_across_routes(gateway: str, mint: Mint) -> None:
    # As in Kong, the global plugin keeps one counter per client for all its routes.
    headers = bearer(mint())
    with client(gateway, fresh_source()) as http:
        paths = ["/api/invoicing/whoami", "/api/beneficiary/whoami"] * 50
        codes = [http.get(path, headers=headers).status_code for path in paths]
        assert 429 in codes
        # Emptied through two routes, the bucket is empty for a third one too.
        assert http.get("/api/documents/whoami", headers=headers).status_code == 429
        # Routes with their own limit keep their own buckets.
        assert http.post("/api/identity/auth/login", json={}).status_code == 200


def test_body_over_one_megabyte_is_413(gateway: str, mint: Mint) -> None:
    with client(gateway, fresh_source()) as http:
        answer = http.post(
            "/api/invoicing/whoami",
            headers=bearer(mint()),
            content=b"x" * (1024 * 1024 + 1),
        )
    assert answer.status_code == 413


def test_documents_accept_up_to_ten_megabytes(gateway: str, mint: Mint) -> None:
    with client(gateway, fresh_source()) as http:
        accepted = http.post(
            "/api/documents/whoami", headers=bearer(mint()), content=b"x" * 5_000_000
        )
        refused = http.post(
            "/api/documents/whoami",
            headers=bearer(mint()),
            content=b"x" * (10 * 1024 * 1024 + 1),
        )
    assert accepted.status_code == 200
    assert accepted.json()["body_length"] == 5_000_000
    assert refused.status_code == 413


def test_correlation_id_is_generated_and_echoed(gateway: str, mint: Mint) -> None:
    with client(gateway) as http:
        answer = http.get("/api/identity/healthz")
    generated = answer.headers["x-correlation-id"]
    assert uuid.UUID(generated)
    assert answer.json()["headers"]["x-correlation-id"] == generated


def test_correlation_id_is_kept(gateway: str) -> None:
    with client(gateway) as http:
        answer = http.get("/api/identity/healthz", headers={"X-Correlation-ID": "abc-123"})
    assert answer.headers["x-correlation-id"] == "abc-123"
    assert answer.json()["headers"]["x-correlation-id"] == "abc-123"


def test_local_replies_carry_the_correlation_id(gateway: str) -> None:
    with client(gateway) as http:
        answer = http.get("/api/invoicing/whoami", headers={"X-Correlation-ID": "denied-1"})
    assert answer.status_code == 401
    assert answer.headers["x-correlation-id"] == "denied-1"


def test_cors_preflight_for_the_web_origin(gateway: str) -> None:
    with client(gateway) as http:
        answer = http.options(
            "/api/invoicing/invoices",
            headers={
                "Origin": "http://localhost:8000",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
        )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "http://localhost:8000"
    assert "POST" in answer.headers["access-control-allow-methods"]


def test_cors_refuses_other_origins(gateway: str) -> None:
    with client(gateway) as http:
        answer = http.get("/api/identity/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_prometheus_metrics_on_admin(gateway_admin: str) -> None:
    answer = httpx.get(f"{gateway_admin}/stats/prometheus", timeout=5)
    assert answer.status_code == 200
    assert "envoy_http_downstream_rq_total" in answer.text


def test_identity_may_start_after_envoy(
    upstreams: dict[str, tuple[str, int]], jwks: dict[str, Any], mint: Mint, tmp_path: Path
) -> None:
    late = free_port()
    with running_envoy({**upstreams, "identity": ("127.0.0.1", late)}, tmp_path) as running:
        # No JWKS yet: tokens cannot be checked, so they are refused, never let through.
        assert running.status("/api/invoicing/whoami", mint()) == 401
        identity = serve_upstream("identity", jwks, late)
        try:
            running.wait(lambda: running.status("/api/invoicing/whoami", mint()) == 200, 10)
        finally:
            identity.shutdown()
            identity.server_close()
