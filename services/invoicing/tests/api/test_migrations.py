"""The migrations build exactly the tables the code declares."""

from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from invoicing.adapters.orm import metadata
from kernel.runtime import Runtime

pytestmark = pytest.mark.stack


async def test_migrations_match_the_table_definitions(runtime: Runtime) -> None:
    def differences(connection: sa.Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return [
            d
            for d in compare_metadata(context, metadata)
            # The kernel's messaging tables live outside invoicing's metadata.
            if not (d[0] == "remove_table" and d[1].name in ("outbox_message", "processed_message"))
            and not (d[0] == "remove_index" and d[1].table.name == "outbox_message")
        ]

    async with runtime.engine.connect() as connection:
        found = await connection.run_sync(differences)
    assert found == []
