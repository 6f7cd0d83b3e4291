"""Python API for tests: start and stop parts of the local stack (e.g. stop and restart Kafka).

Synchronous on purpose so that it works the same from sync and async tests: the start-up runs
its own event loop in a helper thread.

    from guichet_local import control
    control.stop("kafka")
    control.start("kafka")          # returns once the broker answers again
    control.stop("notification-worker")
    control.start("notification")   # group: notification-api and notification-worker
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from guichet_local import kafka, layout, postgres, supervisor
from guichet_local.processes import running

__all__ = ["database_url", "is_running", "start", "status", "stop"]


def start(*names: str, timeout: float = 120.0) -> list[str]:
    """Start the named parts (and what they need) unless running; wait until ready."""
    kafka.quiet_client_logs()
    stack = supervisor.Stack(timeout)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run, stack, list(names) or ["all"]).result()


def _run(stack: supervisor.Stack, names: list[str]) -> list[str]:
    import asyncio

    return asyncio.run(stack.up(names))


def stop(*names: str) -> list[str]:
    """Stop the named parts only (not what depends on them); returns what was running."""
    return supervisor.stop(list(names) if names else None)


def is_running(name: str) -> bool:
    if name == "postgres":
        return postgres.is_running()
    return running(name)


def status() -> dict[str, str]:
    return {name: state for name, state, _ in supervisor.status()}


def database_url(service: str) -> str:
    """The SQLAlchemy URL of a service's database (contains the generated password)."""
    return layout.database_url(layout.SERVICE_BY_NAME[service].database, layout.pg_password())
