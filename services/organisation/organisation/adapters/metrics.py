"""Registrations waiting for the office, for the dashboards (deploy/observability/).

Computed at scrape time: ``refresh_on_scrape`` counts the pending rows before the kernel's
``/metrics`` answer is rendered, so the gauge is right whichever replica or process changed
the rows, and after a restart. One indexed count per scrape (every 15 s) costs nothing.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from fastapi import FastAPI, Request, Response
from prometheus_client import Gauge

from kernel.db import SessionFactory
from organisation.adapters.orm import institution
from organisation.domain.registration import RegistrationStatus

log = logging.getLogger(__name__)

REGISTRATIONS_WAITING = Gauge(
    "guichet_organisation_registrations_waiting",
    "Institution registrations waiting for the office's decision (status pending).",
)
OLDEST_WAITING_AGE = Gauge(
    "guichet_organisation_registration_oldest_waiting_seconds",
    "Age of the oldest registration waiting for the office (0 when none waits).",
)

Waiting = tuple[int, datetime | None]


async def waiting_in_database(sessions: SessionFactory) -> Waiting:
    query = sa.select(sa.func.count(), sa.func.min(institution.c.submitted_at)).where(
        institution.c.status == RegistrationStatus.PENDING.value
    )
    async with sessions() as session:
        count, oldest = (await session.execute(query)).one()
    return int(count), oldest


async def refresh_waiting(read: Callable[[], Awaitable[Waiting]], now: datetime) -> None:
    """Sets both gauges; a failed read keeps the last values (the scrape still answers)."""
    try:
        count, oldest = await read()
    except Exception:  # a scrape must not fail with the database
        log.warning("registrations waiting: count failed", exc_info=True)
        return
    REGISTRATIONS_WAITING.set(count)
    OLDEST_WAITING_AGE.set(max((now - oldest).total_seconds(), 0.0) if oldest else 0.0)


def refresh_on_scrape(app: FastAPI, read: Callable[[], Awaitable[Waiting]]) -> None:
    @app.middleware("http")
    async def waiting_before_metrics(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path == "/metrics":
            await refresh_waiting(read, datetime.now(UTC))
        return await call_next(request)
