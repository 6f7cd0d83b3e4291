"""Invoice metrics: counters by form and decision, and the open-invoice gauges set at scrape."""

from datetime import UTC, datetime, timedelta

from prometheus_client import REGISTRY

from invoicing.adapters import metrics
from invoicing.domain.lifecycle import Status

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def value(name: str, **labels: str) -> float:
    found = REGISTRY.get_sample_value(name, labels)
    assert found is not None, name
    return found


async def test_the_open_invoices_are_counted_at_scrape() -> None:
    async def read() -> metrics.Open:
        counts = {Status.SUBMITTED: 7, Status.CORRECTION_REQUESTED: 2}
        return metrics.Open(counts, NOW - timedelta(hours=3))

    await metrics.refresh_open(read, NOW)

    assert value("guichet_invoicing_open_invoices", status="submitted") == 7
    assert value("guichet_invoicing_open_invoices", status="correction_requested") == 2
    assert value("guichet_invoicing_oldest_submitted_seconds") == 3 * 3600


async def test_a_failed_count_keeps_the_last_values() -> None:
    async def fine() -> metrics.Open:
        return metrics.Open({Status.SUBMITTED: 4}, None)

    async def broken() -> metrics.Open:
        raise OSError("database down")

    await metrics.refresh_open(fine, NOW)
    await metrics.refresh_open(broken, NOW)

    assert value("guichet_invoicing_open_invoices", status="submitted") == 4
    assert value("guichet_invoicing_oldest_submitted_seconds") == 0


def test_sendings_and_decisions_are_counted_by_form() -> None:
    sent = value("guichet_invoicing_invoices_submitted_total", form="318.536")
    decided = value("guichet_invoicing_decisions_total", form="318.536", decision="refused")
    waits = value("guichet_invoicing_time_to_decision_seconds_count")

    metrics.invoice_submitted("318.536")
    metrics.invoice_decided("318.536", "refused", 7200.0)

    assert value("guichet_invoicing_invoices_submitted_total", form="318.536") == sent + 1
    assert (
        value("guichet_invoicing_decisions_total", form="318.536", decision="refused")
        == decided + 1
    )
    assert value("guichet_invoicing_time_to_decision_seconds_count") == waits + 1
