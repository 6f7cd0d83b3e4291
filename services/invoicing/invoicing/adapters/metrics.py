"""Invoice counters for the dashboards and alerts (deploy/observability/), and the invoices
waiting in each open status, computed at scrape time like organisation's registrations waiting.

``refresh_on_scrape`` counts the open invoices (submitted, correction requested) before the
kernel's ``/metrics`` answer is rendered, so the gauge is right whichever replica changed the
rows, and after a restart. Only open statuses are counted: two range scans of the queue index
cost nothing, whereas counting the millions of decided invoices at every scrape would; how
many were decided is ``guichet_invoicing_decisions_total``.
"""

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from fastapi import FastAPI, Request, Response
from prometheus_client import Counter, Gauge, Histogram

from invoicing.adapters.orm import invoice
from invoicing.domain.forms import FORMS
from invoicing.domain.lifecycle import DECISIONS, Status
from kernel.db import SessionFactory

log = logging.getLogger(__name__)

SUBMITTED = Counter(
    "guichet_invoicing_invoices_submitted_total",
    "Invoice versions sent (first sendings and corrected versions), by form.",
    ["form"],
)
DECIDED = Counter(
    "guichet_invoicing_decisions_total",
    "Office decisions, by form and decision (accepted, correction_requested, refused).",
    ["form", "decision"],
)
TIME_TO_DECISION = Histogram(
    "guichet_invoicing_time_to_decision_seconds",
    "From the sending of a version to the office's decision on it.",
    buckets=(3600, 4 * 3600, 24 * 3600, 3 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400),
)
OPEN = Gauge(
    "guichet_invoicing_open_invoices",
    "Invoices waiting in an open status (submitted: the office; correction_requested: the "
    "institution), counted at scrape.",
    ["status"],
)
OLDEST_SUBMITTED_AGE = Gauge(
    "guichet_invoicing_oldest_submitted_seconds",
    "Age of the oldest invoice waiting for the office's decision (0 when none waits).",
)
OPEN_STATUSES = (Status.SUBMITTED, Status.CORRECTION_REQUESTED)

# Series that exist from the start at 0, so that rate() sees the first one as an increase.
for _form in FORMS:
    SUBMITTED.labels(_form)
    for _decision in DECISIONS:
        DECIDED.labels(_form, _decision)


def invoice_submitted(form: str) -> None:
    SUBMITTED.labels(form).inc()


def invoice_decided(form: str, decision: str, waited_seconds: float) -> None:
    DECIDED.labels(form, decision).inc()
    TIME_TO_DECISION.observe(max(waited_seconds, 0.0))


@dataclass(frozen=True)
class Open:
    counts: dict[Status, int]
    oldest_submitted: datetime | None


async def open_in_database(sessions: SessionFactory) -> Open:
    counts: dict[Status, int] = {}
    oldest_submitted: datetime | None = None
    async with sessions() as session:
        for status in OPEN_STATUSES:
            count, oldest = (
                await session.execute(
                    sa.select(sa.func.count(), sa.func.min(invoice.c.updated_at)).where(
                        invoice.c.status == status.value
                    )
                )
            ).one()
            counts[status] = int(count)
            if status is Status.SUBMITTED:
                oldest_submitted = oldest
    return Open(counts, oldest_submitted)


async def refresh_open(read: Callable[[], Awaitable[Open]], now: datetime) -> None:
    """Sets the gauges; a failed read keeps the last values (the scrape still answers)."""
    try:
        found = await read()
    except Exception:  # a scrape must not fail with the database
        log.warning("open invoices: count failed", exc_info=True)
        return
    for status in OPEN_STATUSES:
        OPEN.labels(status.value).set(found.counts.get(status, 0))
    oldest = found.oldest_submitted
    OLDEST_SUBMITTED_AGE.set(max((now - oldest).total_seconds(), 0.0) if oldest else 0.0)


def refresh_on_scrape(app: FastAPI, read: Callable[[], Awaitable[Open]]) -> None:
    @app.middleware("http")
    async def open_before_metrics(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path == "/metrics":
            await refresh_open(read, datetime.now(UTC))
        return await call_next(request)
