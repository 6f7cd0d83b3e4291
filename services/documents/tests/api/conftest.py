"""The documents app on the local stack's real database, a storage directory of the test's own,
and tokens signed by a key of the test's own (no dependency on identity's state)."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
from sqlalchemy import text

from documents.adapters.filesystem import FilesystemStorage
from documents.main import create_app
from documents.settings import DocumentsSettings
from guichet_local import control
from kernel.runtime import Runtime, build_runtime
from kernel.testing import TestKey

KEY = TestKey("documents-api-test")


@pytest.fixture(scope="session")
def settings() -> DocumentsSettings:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    return DocumentsSettings(
        mode="local",
        state_dir=Path("/nonexistent"),
        database_url=control.database_url("documents"),
        kafka_bootstrap="127.0.0.1:59092",
        jwks_url="http://unused",
    )


@pytest.fixture(scope="session")
async def runtime(settings: DocumentsSettings) -> AsyncIterator[Runtime]:
    runtime = build_runtime(settings, jwks=KEY.jwks(), pool_size=5)
    yield runtime
    await runtime.engine.dispose()


@pytest.fixture
def storage_dir(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
async def api(
    settings: DocumentsSettings, runtime: Runtime, storage_dir: Path
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, storage=FilesystemStorage(storage_dir), runtime=runtime)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://documents") as client:
        yield client


def _token(claims: dict[str, Any]) -> dict[str, str]:
    return KEY.bearer(claims)


@pytest.fixture
def user_headers() -> Callable[..., dict[str, str]]:
    def headers(company_id: Any = None, subject: str = "anne") -> dict[str, str]:
        claims = {"iss": "guichet-identity", "aud": "guichet", "sub": subject, "role": "manager"}
        if company_id is not None:
            claims["company"] = str(company_id)
        return _token(claims)

    return headers


@pytest.fixture
def office_headers() -> Callable[..., dict[str, str]]:
    def headers(*scopes: str) -> dict[str, str]:
        return _token(
            {
                "iss": "guichet-office",
                "aud": "guichet-internal",
                "sub": "office-test",
                "scope": " ".join(scopes),
            }
        )

    return headers


@pytest.fixture
def company() -> Any:
    return uuid4()


@pytest.fixture
def db(runtime: Runtime) -> Callable[..., Any]:
    """Run one SQL query on documents's database; returns all rows."""

    async def query(sql: str, **params: Any) -> list[Any]:
        async with runtime.session_factory() as session:
            return list((await session.execute(text(sql), params)).all())

    return query
