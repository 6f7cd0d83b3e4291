"""Gateway conformance: what any gateway built from gateway/kong.yml must do.

Runs against GUICHET_GATEWAY_URL (default http://127.0.0.1:8000, the local Envoy), so the
same tests can be pointed at a real Kong. Limits are read from kong.yml, not repeated here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from guichet_gateway import kongfile

pytestmark = pytest.mark.stack

Client = Callable[[], httpx.Client]
SERVICES = ["identity", "organisation", "beneficiary", "invoicing", "notification", "documents"]
KONG = kongfile.load()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _plugin_config(method: str, path: str, plugin: str) -> dict[str, int]:
    route = KONG.match(method, path)
    assert route is not None, f"kong.yml routes no {method} {path}"
    return dict(KONG.effective_plugins(route)[plugin].config)


def _body_limit(path: str) -> int:
    config = _plugin_config("POST", path, "request-size-limiting")
    unit = {"bytes": 1, "kilobytes": 1024, "megabytes": 1024 * 1024}[str(config["size_unit"])]
    return int(config["allowed_payload_size"]) * unit


@pytest.mark.parametrize("service", SERVICES)
def test_no_token_is_401(edge: Client, service: str) -> None:
    assert edge().get(f"/api/{service}/whoami").status_code == 401


@pytest.mark.parametrize("service", SERVICES)
def test_wrong_signature_is_401(edge: Client, forged_user_token: str, service: str) -> None:
    answer = edge().get(f"/api/{service}/whoami", headers=bearer(forged_user_token))
    assert answer.status_code == 401


@pytest.mark.parametrize("service", SERVICES)
def test_expired_token_is_401(edge: Client, user_token: Callable[..., str], service: str) -> None:
    # An hour old: well past any clock-skew allowance.
    expired = user_token(minutes=-60)
    assert edge().get(f"/api/{service}/whoami", headers=bearer(expired)).status_code == 401


@pytest.mark.parametrize("service", SERVICES)
def test_valid_user_token_is_200(
    edge: Client, user_token: Callable[..., str], service: str
) -> None:
    assert edge().get(f"/api/{service}/whoami", headers=bearer(user_token())).status_code == 200


@pytest.mark.parametrize("service", SERVICES)
def test_valid_office_token_reaches_internal_routes(
    edge: Client, office_token: Callable[..., str], service: str
) -> None:
    answer = edge().get(f"/internal/{service}/whoami", headers=bearer(office_token()))
    assert answer.status_code == 200


@pytest.mark.parametrize("service", SERVICES)
def test_internal_route_without_office_credential_is_refused(
    edge: Client, user_token: Callable[..., str], service: str
) -> None:
    http = edge()
    assert http.get(f"/internal/{service}/whoami").status_code in (401, 403)
    with_user = http.get(f"/internal/{service}/whoami", headers=bearer(user_token()))
    assert with_user.status_code in (401, 403)


@pytest.mark.parametrize("service", SERVICES)
def test_health_is_public(edge: Client, service: str) -> None:
    assert edge().get(f"/api/{service}/healthz").status_code == 200


def test_jwks_is_public(edge: Client) -> None:
    answer = edge().get("/api/identity/.well-known/jwks.json")
    assert answer.status_code == 200
    assert answer.json()["keys"]


def test_authentication_burst_is_429(edge: Client) -> None:
    path = "/api/identity/auth/login"
    limit = _plugin_config("POST", path, "rate-limiting")["minute"]
    http = edge()
    # A new unknown address each time: identity answers 401 and never locks anything (its own
    # lockout also answers 429, which must not be mistaken for the gateway's).
    codes = [
        http.post(
            path, json={"email": f"burst-{uuid.uuid4()}@example.invalid", "password": "x" * 12}
        ).status_code
        for _ in range(limit + 5)
    ]
    assert 429 not in codes[:limit], codes
    assert 429 in codes[limit:], codes


def test_body_over_the_limit_is_413(edge: Client, user_token: Callable[..., str]) -> None:
    path = "/api/invoicing/whoami"
    answer = edge().post(path, headers=bearer(user_token()), content=b"x" * (_body_limit(path) + 1))
    assert answer.status_code == 413


def test_upload_over_the_limit_is_413(edge: Client, user_token: Callable[..., str]) -> None:
    path = "/api/documents/whoami"
    answer = edge().post(path, headers=bearer(user_token()), content=b"x" * (_body_limit(path) + 1))
    assert answer.status_code == 413


def test_correlation_id_is_returned(edge: Client) -> None:
    http = edge()
    generated = http.get("/api/identity/healthz").headers["x-correlation-id"]
    assert generated
    chosen = str(uuid.uuid4())
    answer = http.get("/api/identity/healthz", headers={"X-Correlation-ID": chosen})
    assert answer.headers["x-correlation-id"] == chosen
