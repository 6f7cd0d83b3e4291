"""The organisation app on the local stack's real database, with a fake identity and tokens
signed by a key of the test's own (so the tests never depend on identity's state)."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import text
from stdnum import ean

from guichet_local import control
from kernel.i18n import Language
from kernel.runtime import Runtime, build_runtime
from kernel.testing import TestKey
from organisation.application.ports import (
    AccountFieldError,
    AccountRefused,
    AccountsUnavailable,
    Invitation,
    NewAccount,
)
from organisation.main import create_app
from organisation.settings import OrganisationSettings

KEY = TestKey("api-test")


class FakeIdentity:
    def __init__(self) -> None:
        self.accounts: list[NewAccount] = []
        self.invitations: list[Invitation] = []
        self.refusal: list[AccountFieldError] | None = None
        self.unavailable = False

    async def create_account(self, account: NewAccount, *, language: Language) -> None:
        if self.unavailable:
            raise AccountsUnavailable("connection refused")
        if self.refusal is not None:
            raise AccountRefused(self.refusal)
        self.accounts.append(account)

    async def invite(self, invitation: Invitation, *, language: Language) -> None:
        if self.unavailable:
            raise AccountsUnavailable("connection refused")
        if self.refusal is not None:
            raise AccountRefused(self.refusal)
        self.invitations.append(invitation)


@pytest.fixture(scope="session")
def settings() -> OrganisationSettings:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    return OrganisationSettings(
        mode="local",
        state_dir=Path("/nonexistent"),
        database_url=control.database_url("organisation"),
        kafka_bootstrap="127.0.0.1:59092",
        jwks_url="http://unused",
        identity_url="http://identity.invalid",
    )


@pytest.fixture(scope="session")
async def runtime(settings: OrganisationSettings) -> AsyncIterator[Runtime]:
    runtime = build_runtime(settings, jwks=KEY.jwks(), pool_size=5)
    yield runtime
    await runtime.engine.dispose()


@pytest.fixture
def identity() -> FakeIdentity:
    return FakeIdentity()


@pytest.fixture
async def api(
    settings: OrganisationSettings, runtime: Runtime, identity: FakeIdentity
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, identity=identity, runtime=runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://organisation") as client:
        yield client


@pytest.fixture
def office_headers() -> Callable[..., dict[str, str]]:
    def headers(*scopes: str, client_id: str = "office-test") -> dict[str, str]:
        return KEY.bearer(
            {
                "iss": "guichet-office",
                "aud": "guichet-internal",
                "sub": client_id,
                "scope": " ".join(scopes),
            }
        )

    return headers


@pytest.fixture
def db(runtime: Runtime) -> Callable[..., Any]:
    """Run one SQL query on organisation's database; returns all rows."""

    async def query(sql: str, **params: Any) -> list[Any]:
        async with runtime.session_factory() as session:
            return list((await session.execute(text(sql), params)).all())

    return query


def unique_gln() -> str:
    base = "76" + str(uuid4().int)[:10]
    return base + ean.calc_check_digit(base)


def registration_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "account_type": "institution",
        "company": {
            "name": "Atelier Rhône SA",
            "gln": unique_gln(),
            "uid": "CHE-116.281.710",
            "street": "Av. de la Gare 15",
            "postcode": "1950",
            "locality": "Sion",
            "phone": "027 324 96 11",
        },
        "manager": {
            "first_name": "Anne",
            "last_name": "Rey",
            "email": f"anne.{uuid4().hex[:8]}@example.ch",
            "password": "un mot de passe assez long",
            "mobile": "079 123 45 67",
            "language": "fr",
        },
        "terms_accepted": True,
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            body[key] = {**body[key], **value}
        else:
            body[key] = value
    return body


@pytest.fixture
def new_registration() -> Callable[..., dict[str, Any]]:
    return registration_body
