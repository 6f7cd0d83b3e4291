"""The invoicing app on the local stack's real database, with a fake directory (identity,
organisation, beneficiary and documents as the caller's token lets them answer) and tokens
signed by a key of the test's own (so the tests never depend on the other services' state)."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from sqlalchemy import text

from guichet_local import control
from invoicing.main import create_app
from invoicing.settings import InvoicingSettings
from kernel.runtime import Runtime, build_runtime

from .support import KEY, FakeDirectory, Institution


@pytest.fixture(scope="session")
def settings() -> InvoicingSettings:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    return InvoicingSettings(
        mode="local",
        state_dir=Path("/nonexistent"),
        database_url=control.database_url("invoicing"),
        kafka_bootstrap="127.0.0.1:59092",
        jwks_url="http://unused",
        identity_url="http://unused",
        organisation_url="http://unused",
        beneficiary_url="http://unused",
        documents_url="http://unused",
    )


@pytest.fixture(scope="session")
async def runtime(settings: InvoicingSettings) -> AsyncIterator[Runtime]:
    runtime = build_runtime(settings, jwks=KEY.jwks(), pool_size=5)
    yield runtime
    await runtime.engine.dispose()


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


@pytest.fixture
async def api(
    settings: InvoicingSettings, runtime: Runtime, directory: FakeDirectory
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, directory=directory, runtime=runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


@pytest.fixture
def institution(directory: FakeDirectory) -> Callable[[], Institution]:
    return lambda: Institution(directory)


@pytest.fixture
def user_headers(settings: InvoicingSettings) -> Callable[..., dict[str, str]]:
    def headers(company: Institution, account: UUID | None = None) -> dict[str, str]:
        return KEY.bearer(
            {
                "iss": settings.jwt_issuer,
                "aud": settings.jwt_audience,
                "sub": str(account or company.member),
                "company": str(company.id),
                "role": "collaborator",
            }
        )

    return headers


@pytest.fixture
def office_headers(settings: InvoicingSettings) -> Callable[..., dict[str, str]]:
    def headers(*scopes: str) -> dict[str, str]:
        return KEY.bearer(
            {
                "iss": settings.office_issuer,
                "aud": settings.office_audience,
                "sub": "office-test",
                "scope": " ".join(scopes) or "invoices:review",
            }
        )

    return headers


@pytest.fixture
def db(runtime: Runtime) -> Callable[..., Any]:
    """Run one SQL statement on invoicing's database (committed); returns its rows."""

    async def query(sql: str, **params: Any) -> list[Any]:
        async with runtime.session_factory() as session:
            result = await session.execute(text(sql), params)
            rows = list(result.all()) if result.returns_rows else []
            await session.commit()
            return rows

    return query
