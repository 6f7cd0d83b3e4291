"""The running local stack for notification's integration tests: its database and the inbox."""

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from guichet_local import control
from kernel.db import SessionFactory, make_engine, make_session_factory

INBOX_API = "http://127.0.0.1:8025/dev/inbox/api"


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = make_engine(control.database_url("notification"), pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> SessionFactory:
    return make_session_factory(engine)


@pytest.fixture
async def inbox() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=INBOX_API, timeout=10) as client:
        yield client
