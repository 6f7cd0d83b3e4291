"""Fixtures for identity's integration and API tests: the local stack's identity database,
settings as the local stack runs identity, an in-process app with a controllable clock."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi import FastAPI

from contracts.organisation import Manager, RegistrationApproved
from identity.adapters.accounts import SqlAccounts
from identity.adapters.passwords import Argon2Hasher
from identity.adapters.signing import SigningKey
from identity.main import create_app
from identity.settings import IdentitySettings
from kernel.runtime import Runtime
from services.identity.tests.fakes import FakeClock, FakeSecrets

ROOT = Path(__file__).resolve().parents[3]
STATE = ROOT / ".run" / "state"
PASSWORD = "Un cheval vert sur la Planta"


@pytest.fixture(scope="session")
def settings() -> IdentitySettings:
    from guichet_local import control

    if not (STATE / "identity-signing-key.pem").exists() or not control.is_running("postgres"):
        pytest.skip("needs the local stack (python -m guichet_local up)")
    return IdentitySettings(
        mode="local",
        state_dir=STATE,
        database_url=control.database_url("identity"),
        kafka_bootstrap="127.0.0.1:59092",
        jwks_url="http://127.0.0.1:8101/api/identity/.well-known/jwks.json",
    )


@pytest.fixture(scope="session")
def signing_key(settings: IdentitySettings) -> SigningKey:
    return SigningKey.from_settings(settings)


@pytest.fixture(scope="session")
def office_token(signing_key: SigningKey, settings: IdentitySettings) -> Callable[..., str]:
    def mint(*scopes: str) -> str:
        return signing_key.office_token(
            settings, client_id="test-office", scopes=list(scopes), lifetime=timedelta(minutes=5)
        )

    return mint


class App:
    """The in-process identity app, its clock and its predictable randomness."""

    def __init__(self, app: FastAPI, clock: FakeClock, secrets: FakeSecrets) -> None:
        self.app = app
        self.clock = clock
        self.secrets = secrets

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    def client(self, **headers: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://identity.test",
            headers=headers,
        )

    async def create_account(
        self, office: str, *, email: str | None = None, active: bool = True, **fields: Any
    ) -> dict[str, Any]:
        body = {
            "account_id": str(uuid4()),
            "email": email or f"anne.{uuid4().hex[:10]}@example.ch",
            "password": PASSWORD,
            "mobile": "+41 79 123 45 67",
            "language": "fr",
            "first_name": "Anne",
            "last_name": "Rey",
            **fields,
        }
        async with self.client(authorization=f"Bearer {office}") as http:
            response = await http.post("/internal/identity/accounts", json=body)
        assert response.status_code == 201, response.text
        if active:
            await self.approve(UUID(body["account_id"]), body["email"])
        return body

    async def approve(self, account_id: UUID, email: str) -> UUID:
        """What the worker does on RegistrationApproved, applied to the real table."""
        from identity.application.registration_decisions import (
            when_registration_approved_activate_account,
        )

        event = RegistrationApproved(
            institution_id=uuid4(),
            institution_name="Atelier",
            gln="7601001234560",
            manager=Manager(
                account_id=account_id, first_name="A", last_name="R", email=email, language="fr"
            ),
        )
        async with self.runtime.session_factory() as session, session.begin():
            await when_registration_approved_activate_account(
                SqlAccounts(session), event, await self.clock.now()
            )
        return event.institution_id


@pytest.fixture(scope="module")
async def identity(settings: IdentitySettings) -> AsyncIterator[App]:
    clock = FakeClock(datetime.now(UTC))
    # Unique per run: token digests are primary keys of the shared database.
    secrets = FakeSecrets(prefix=uuid4().hex)
    # Small argon2 parameters: the same code path, a fraction of the time.
    hasher = Argon2Hasher(time_cost=1, memory_kib=8192, parallelism=1, concurrency=2)
    app = create_app(settings, clock=clock, secrets=secrets, hasher=hasher)
    async with app.router.lifespan_context(app):
        yield App(app, clock, secrets)
