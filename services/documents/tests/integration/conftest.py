"""Documents's real database on the local stack; each test stores files in its own directory."""

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from documents.settings import DocumentsSettings
from guichet_local import control
from kernel.consumer import IdempotentConsumer
from kernel.db import SessionFactory, make_engine, make_session_factory
from services.documents.tests.delivery import consumer


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    engine = make_engine(control.database_url("documents"), pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> SessionFactory:
    return make_session_factory(engine)


@pytest.fixture
def storage_dir(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
def documents(session_factory: SessionFactory, storage_dir: Path) -> IdempotentConsumer:
    settings = DocumentsSettings(
        mode="local",
        state_dir=Path("/nonexistent"),
        database_url=control.database_url("documents"),
        kafka_bootstrap="unused",
        jwks_url="http://unused",
    )
    return consumer(session_factory, storage_dir, settings)


@pytest.fixture
def db(session_factory: SessionFactory) -> Callable[..., Any]:
    async def query(sql: str, **params: Any) -> list[Any]:
        async with session_factory() as session:
            return list((await session.execute(text(sql), params)).all())

    return query
