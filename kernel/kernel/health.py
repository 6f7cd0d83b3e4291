"""Liveness and readiness: the database must answer; Kafka's state is reported."""

import asyncio
import time
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.db import ping


class StartupError(RuntimeError):
    """Infrastructure a process needs is unreachable at start; the message says which."""


async def check_database(engine: AsyncEngine, limit: float = 3.0) -> str | None:
    """None when the database answers, else a short reason."""
    try:
        await asyncio.wait_for(ping(engine), limit)
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:200]
    return None


async def check_kafka(bootstrap: str, limit: float = 3.0) -> str | None:
    """None when the broker answers a metadata request, else a short reason."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(limit * 1000))
    try:
        await asyncio.wait_for(admin.start(), limit)
        await asyncio.wait_for(admin.describe_cluster(), limit)
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:200] or "unreachable"
    finally:
        await admin.close()
    return None


async def require_infrastructure(engine: AsyncEngine, bootstrap: str) -> None:
    """Fail start-up with one clear message instead of a loop of stack traces."""
    db_error, kafka_error = await asyncio.gather(check_database(engine), check_kafka(bootstrap))
    problems = []
    if db_error:
        problems.append(f"database unreachable ({db_error})")
    if kafka_error:
        problems.append(f"Kafka unreachable at {bootstrap} ({kafka_error})")
    if problems:
        raise StartupError("; ".join(problems))


@dataclass
class Readiness:
    """Cached for a second so a burst of probes does not hammer the database and the broker."""

    engine: AsyncEngine
    bootstrap: str
    _checked_at: float = 0.0
    _result: tuple[str | None, str | None] = (None, None)

    async def check(self) -> tuple[str | None, str | None]:
        if time.monotonic() - self._checked_at > 1.0:
            self._result = await asyncio.gather(
                check_database(self.engine), check_kafka(self.bootstrap)
            )
            self._checked_at = time.monotonic()
        return self._result
