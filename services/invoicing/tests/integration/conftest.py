"""Invoicing's repositories on the local stack's real PostgreSQL."""

from collections.abc import AsyncIterator

import pytest

from guichet_local import control
from kernel.db import SessionFactory, make_engine, make_session_factory


@pytest.fixture(scope="session")
async def sessions() -> AsyncIterator[SessionFactory]:
    if not control.is_running("postgres"):
        pytest.fail("PostgreSQL is not running: start the local stack (python -m guichet_local up)")
    engine = make_engine(control.database_url("invoicing"), pool_size=4)
    yield make_session_factory(engine)
    await engine.dispose()
