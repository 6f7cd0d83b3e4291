"""POST /internal/identity/accounts: office token with scope, idempotent, every bad input a
422 problem+json with field paths in French and German, and nothing stored."""

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa

from identity.adapters.orm import account_table
from services.identity.tests.conftest import PASSWORD, App

pytestmark = pytest.mark.stack


def body(**overrides: Any) -> dict[str, Any]:
    return {
        "account_id": str(uuid4()),
        "email": f"anne.{uuid4().hex[:10]}@example.ch",
        "password": PASSWORD,
        "mobile": "079 123 45 67",
        "language": "fr",
        "first_name": "Anne",
        "last_name": "Rey",
        **overrides,
    }


async def stored(identity: App, account_id: str) -> bool:
    async with identity.runtime.session_factory() as session:
        query = sa.select(account_table.c.id).where(account_table.c.id == UUID(account_id))
        return (await session.execute(query)).first() is not None


async def test_created_then_retried(identity: App, office_token: Callable[..., str]) -> None:
    payload = body()
    async with identity.client(authorization=f"Bearer {office_token('accounts:create')}") as http:
        first = await http.post("/internal/identity/accounts", json=payload)
        again = await http.post(
            "/internal/identity/accounts", json={**payload, "email": payload["email"].upper()}
        )
        other = await http.post(
            "/internal/identity/accounts", json={**payload, "email": "someone@example.ch"}
        )
    assert first.status_code == 201, first.text
    assert first.json() == {"account_id": payload["account_id"], "status": "pending"}
    assert again.status_code == 200
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("token_scopes", "status"), [(None, 401), (("diagnostics",), 403), (("accounts:create",), 201)]
)
async def test_needs_an_office_token_with_scope(
    identity: App,
    office_token: Callable[..., str],
    token_scopes: tuple[str, ...] | None,
    status: int,
) -> None:
    headers = (
        {} if token_scopes is None else {"authorization": f"Bearer {office_token(*token_scopes)}"}
    )
    async with identity.client(**headers) as http:
        response = await http.post("/internal/identity/accounts", json=body())
    assert response.status_code == status


BAD_INPUTS = [
    pytest.param({"email": "anne.example.ch"}, "email", "email_invalid", id="malformed-email"),
    pytest.param({"email": "a" * 250 + "@ex.ch"}, "email", "string_too_long", id="oversized-email"),
    pytest.param({"password": "Court2024!"}, "password", "password_too_short", id="short-password"),
    pytest.param({"password": "Password123456"}, "password", "password_common", id="common"),
    pytest.param({"password": "p" + "x1" * 70}, "password", "password_too_long", id="long-pw"),
    pytest.param({"password": "y" * 2000}, "password", "string_too_long", id="oversized-pw"),
    pytest.param({"mobile": "+41 79 123"}, "mobile", "mobile_invalid", id="invalid-phone"),
    pytest.param({"mobile": "027 324 96 11"}, "mobile", "mobile_not_mobile", id="landline"),
    pytest.param({"mobile": 791234567}, "mobile", "string_type", id="phone-as-number"),
    pytest.param({"first_name": "A" * 101}, "first_name", "string_too_long", id="long-name"),
    pytest.param({"last_name": " "}, "last_name", "name_blank", id="blank-name"),
    pytest.param({"language": "en"}, "language", "literal_error", id="unknown-language"),
    pytest.param({"account_id": "not-a-uuid"}, "account_id", "uuid_parsing", id="bad-uuid"),
    pytest.param({"role": "manager"}, "role", "extra_forbidden", id="unknown-field"),
    pytest.param({"email": ["a@ex.ch"]}, "email", "string_type", id="list-for-string"),
]


@pytest.mark.parametrize(("change", "field", "code"), BAD_INPUTS)
async def test_bad_input_is_a_localised_422_and_nothing_is_stored(
    identity: App, office_token: Callable[..., str], change: dict[str, Any], field: str, code: str
) -> None:
    payload = body(**change)
    token = office_token("accounts:create")
    messages = {}
    for language in ("fr", "de"):
        async with identity.client(
            authorization=f"Bearer {token}", **{"accept-language": language}
        ) as http:
            response = await http.post("/internal/identity/accounts", json=payload)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["code"] == "validation_failed"
        assert {"field": field, "code": code} in [
            {"field": e["field"], "code": e["code"]} for e in problem["errors"]
        ]
        messages[language] = next(e["message"] for e in problem["errors"] if e["field"] == field)
    assert messages["fr"] != messages["de"]
    if isinstance(payload["account_id"], str) and len(payload["account_id"]) == 36:
        assert not await stored(identity, payload["account_id"])


async def test_missing_fields_and_non_json_bodies(
    identity: App, office_token: Callable[..., str]
) -> None:
    async with identity.client(authorization=f"Bearer {office_token('accounts:create')}") as http:
        missing = await http.post("/internal/identity/accounts", json={"email": "a@ex.ch"})
        garbage = await http.post(
            "/internal/identity/accounts",
            content=b"{not json",
            headers={"content-type": "application/json"},
        )
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} >= {"account_id", "password", "mobile"}
    assert garbage.status_code == 422


async def test_email_taken_whatever_its_case(
    identity: App, office_token: Callable[..., str]
) -> None:
    first = body()
    async with identity.client(authorization=f"Bearer {office_token('accounts:create')}") as http:
        assert (await http.post("/internal/identity/accounts", json=first)).status_code == 201
        taken = await http.post(
            "/internal/identity/accounts", json=body(email=first["email"].upper())
        )
    assert taken.status_code == 422
    assert taken.json()["errors"][0]["field"] == "email"
    assert taken.json()["errors"][0]["code"] == "email_taken"


async def test_invitation_endpoint_creates_a_collaborator(
    identity: App, office_token: Callable[..., str]
) -> None:
    payload = {
        "account_id": str(uuid4()),
        "email": f"luc.{uuid4().hex[:8]}@example.ch",
        "first_name": "Luc",
        "last_name": "Roh",
        "mobile": "+41 78 765 43 21",
        "language": "de",
        "company_id": str(uuid4()),
        "company_name": "Atelier",
    }
    async with identity.client(authorization=f"Bearer {office_token('accounts:invite')}") as http:
        created = await http.post("/internal/identity/invitations", json=payload)
        again = await http.post("/internal/identity/invitations", json=payload)
    async with identity.client(authorization=f"Bearer {office_token('accounts:create')}") as http:
        wrong_scope = await http.post("/internal/identity/invitations", json=payload)
    assert created.status_code == 201, created.text
    assert again.status_code == 200
    assert wrong_scope.status_code == 403
    link = identity.secrets.tokens[-1]
    async with identity.client() as http:
        shown = await http.get(f"/api/identity/auth/invitations/{link}")
        old = await http.get(f"/api/identity/auth/invitations/{identity.secrets.tokens[-2]}")
    assert shown.json() == {"email": payload["email"], "first_name": "Luc"}
    assert old.status_code == 410
    async with identity.client() as http:
        looked_up = await http.post("/api/identity/auth/invitations/lookup", json={"token": link})
        void = await http.post("/api/identity/auth/invitations/lookup", json={"token": "nope"})
    assert looked_up.json() == shown.json()
    assert void.status_code == 410
