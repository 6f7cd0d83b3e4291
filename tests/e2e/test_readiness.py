"""Every service answers its readiness probe through the gateway, with database and Kafka state."""

from collections.abc import Callable

import httpx
import pytest

from tests.conftest import SERVICES

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("service", SERVICES)
def test_service_is_ready_through_the_gateway(client: httpx.Client, service: str) -> None:
    response = client.get(f"/api/{service}/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert body["database"] == {"ok": True}
    assert body["kafka"] == {"ok": True}
    assert response.headers.get("x-correlation-id")


@pytest.mark.parametrize("service", SERVICES)
def test_service_verifies_tokens_itself(
    client: httpx.Client, service: str, user_token: Callable[..., str]
) -> None:
    token = user_token()
    response = client.get(f"/api/{service}/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert response.json()["kind"] == "user"
    assert response.json()["role"] == "manager"
