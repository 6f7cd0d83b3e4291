"""Alembic glue shared by every service: run its migrations to head, online, on asyncpg."""

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from kernel.health import check_database
from kernel.logs import configure_logging
from kernel.settings import SettingsT, load_or_exit

log = logging.getLogger(__name__)


def run_env(metadata: MetaData) -> None:
    """Body of a service's ``migrations/env.py``."""
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("sqlalchemy.url is not set")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run())


def upgrade_to_head(service_dir: Path, load_settings: Callable[[], SettingsT]) -> None:
    """Entry point of ``python -m <service>.migrate``."""
    settings = load_or_exit(load_settings)
    configure_logging(f"{settings.service_name}-migrate", settings.log_level)
    url = settings.database_url.get_secret_value()
    unreachable = asyncio.run(_probe(url))
    if unreachable:
        log.error(
            "%s migrations cannot run: database unreachable (%s)",
            settings.service_name,
            unreachable,
        )
        raise SystemExit(1)
    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    # Percent signs in a password would be read as interpolation by configparser.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "head")
    log.info("%s database at head", settings.service_name)


async def _probe(url: str) -> str | None:
    engine = create_async_engine(url)
    try:
        return await check_database(engine)
    finally:
        await engine.dispose()
