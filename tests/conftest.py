"""Fixtures shared by the cross-service tests: where the suite is, and tokens to call it with."""

import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from identity.adapters.signing import SigningKey
from identity.settings import IdentitySettings

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("identity", "organisation", "beneficiary", "invoicing", "notification", "documents")


@pytest.fixture(scope="session")
def gateway_url() -> str:
    return os.environ.get("GUICHET_GATEWAY_URL", "http://127.0.0.1:8000").rstrip("/")


@pytest.fixture(scope="session")
def identity_settings() -> IdentitySettings:
    """Identity's settings as the local stack runs it; only the token parts are used."""
    return IdentitySettings(
        mode="local",
        state_dir=Path(os.environ.get("GUICHET_STATE_DIR", ROOT / ".run" / "state")),
        database_url="unused",
        kafka_bootstrap="unused",
        jwks_url="unused",
    )


@pytest.fixture(scope="session")
def signing_key(identity_settings: IdentitySettings) -> SigningKey:
    pem = identity_settings.state_dir / "identity-signing-key.pem"
    if not pem.exists():
        pytest.fail(f"{pem} is missing: is the local stack running (make test starts it)?")
    return SigningKey(pem.read_text())


@pytest.fixture(scope="session")
def office_token(
    signing_key: SigningKey, identity_settings: IdentitySettings
) -> Callable[..., str]:
    def mint(*scopes: str, minutes: int = 15) -> str:
        return signing_key.office_token(
            identity_settings,
            client_id="test-office",
            scopes=list(scopes),
            lifetime=timedelta(minutes=minutes),
        )

    return mint


@pytest.fixture(scope="session")
def user_token(signing_key: SigningKey, identity_settings: IdentitySettings) -> Callable[..., str]:
    def mint(
        subject: str = "test-user",
        company_id: str | None = "9a1e6f40-6c1b-4a8e-9d2f-3b4c5d6e7f80",
        role: str | None = "manager",
        minutes: int = 15,
    ) -> str:
        return signing_key.user_token(
            identity_settings,
            subject=subject,
            company_id=company_id,
            role=role,
            lifetime=timedelta(minutes=minutes),
        )

    return mint


@pytest.fixture
def client(gateway_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gateway_url, timeout=10.0) as http:
        yield http
