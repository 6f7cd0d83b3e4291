"""The beneficiary app on the local stack's real database, with tokens signed by a key of the
test's own (so the tests never depend on identity's state)."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import text
from stdnum import ean
from stdnum.ch import ssn

from beneficiary.main import create_app
from beneficiary.settings import BeneficiarySettings
from guichet_local import control
from kernel.runtime import Runtime, build_runtime
from kernel.testing import TestKey

KEY = TestKey("api-test")


@pytest.fixture(scope="session")
def settings() -> BeneficiarySettings:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    return BeneficiarySettings(
        mode="local",
        state_dir=Path("/nonexistent"),
        database_url=control.database_url("beneficiary"),
        kafka_bootstrap="127.0.0.1:59092",
        jwks_url="http://unused",
    )


@pytest.fixture(scope="session")
async def runtime(settings: BeneficiarySettings) -> AsyncIterator[Runtime]:
    runtime = build_runtime(settings, jwks=KEY.jwks(), pool_size=5)
    yield runtime
    await runtime.engine.dispose()


@pytest.fixture
async def api(settings: BeneficiarySettings, runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, runtime=runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://beneficiary") as client:
        yield client


def _token(claims: dict[str, Any]) -> dict[str, str]:
    return KEY.bearer(claims)


@pytest.fixture
def user_headers(settings: BeneficiarySettings) -> Callable[..., dict[str, str]]:
    def headers(company_id: UUID, subject: str = "user-a") -> dict[str, str]:
        return _token(
            {
                "iss": settings.jwt_issuer,
                "aud": settings.jwt_audience,
                "sub": subject,
                "company": str(company_id),
                "role": "collaborator",
            }
        )

    return headers


@pytest.fixture
def office_headers(settings: BeneficiarySettings) -> Callable[..., dict[str, str]]:
    def headers(*scopes: str) -> dict[str, str]:
        return _token(
            {
                "iss": settings.office_issuer,
                "aud": settings.office_audience,
                "sub": "office-test",
                "scope": " ".join(scopes),
            }
        )

    return headers


@pytest.fixture
def db(runtime: Runtime) -> Callable[..., Any]:
    """Run one SQL statement on beneficiary's database (committed); returns its rows."""

    async def query(sql: str, **params: Any) -> list[Any]:
        async with runtime.session_factory() as session:
            result = await session.execute(text(sql), params)
            rows = list(result.all()) if result.returns_rows else []
            await session.commit()
            return rows

    return query


def unique_avs() -> str:
    base = "756" + str(uuid4().int)[:9]
    return str(ssn.format(base + ean.calc_check_digit(base)))


def beneficiary_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "last_name": "Müller",
        "first_name": "Élodie",
        "birth_date": "1980-04-12",
        "address": {"street": "Rue du Rhône 3", "postcode": "1950", "locality": "Sion"},
        "avs": unique_avs(),
        "decisions": [{"number": "323.2025.1000896", "description": "Mesures professionnelles"}],
        "bank": {"iban": "CH93 0076 2011 6238 5295 7"},
    }
    body.update(overrides)
    return body


@pytest.fixture
def new_beneficiary() -> Callable[..., dict[str, Any]]:
    return beneficiary_body
