"""Office systems get tokens by OAuth2 client credentials through the gateway, and those
tokens open identity's internal routes and nothing meant for users."""

from collections.abc import Iterator

import pytest

from tests.e2e.identity_support import Edge, client_secret, office_token

pytestmark = pytest.mark.stack


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Edge]:
    opened = Edge(gateway_url)
    yield opened
    opened.close()


def test_office_cli_token_opens_internal_routes_only(edge: Edge) -> None:
    token = office_token(edge, "office-cli")
    with edge.client(authorization=f"Bearer {token}") as http:
        assert http.get("/internal/identity/whoami").json()["scopes"] == [
            "diagnostics",
            "documents:read",
            "invoices:review",
            "registrations:review",
        ]
        assert http.get("/api/identity/me").status_code == 401
        # office-cli may not create accounts.
        assert http.post("/internal/identity/accounts", json={}).status_code == 403


def test_bad_client_secret_is_refused(edge: Edge) -> None:
    with edge.client() as http:
        answer = http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("office-cli", client_secret("office-cli")[:-1] + "x"),
        )
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"


def test_scope_beyond_the_client_is_refused(edge: Edge) -> None:
    with edge.client() as http:
        answer = http.post(
            "/api/identity/oauth/token",
            data={"grant_type": "client_credentials", "scope": "accounts:create"},
            auth=("office-cli", client_secret("office-cli")),
        )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_scope"
