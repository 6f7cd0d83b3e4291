"""The registrations-waiting gauges are refreshed when /metrics is scraped (fake count)."""

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from prometheus_client import REGISTRY, generate_latest

from organisation.adapters.metrics import Waiting, refresh_on_scrape, refresh_waiting

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def gauges() -> tuple[float | None, float | None]:
    return (
        REGISTRY.get_sample_value("guichet_organisation_registrations_waiting"),
        REGISTRY.get_sample_value("guichet_organisation_registration_oldest_waiting_seconds"),
    )


async def test_count_and_age_of_the_oldest() -> None:
    async def three() -> Waiting:
        return 3, NOW - timedelta(hours=2)

    await refresh_waiting(three, NOW)
    assert gauges() == (3.0, 7200.0)

    async def none() -> Waiting:
        return 0, None

    await refresh_waiting(none, NOW)
    assert gauges() == (0.0, 0.0)


async def test_a_failed_count_keeps_the_last_values() -> None:
    async def two() -> Waiting:
        return 2, NOW

    async def broken() -> Waiting:
        raise ConnectionError("database down")

    await refresh_waiting(two, NOW)
    await refresh_waiting(broken, NOW)
    assert gauges() == (2.0, 0.0)


async def test_the_scrape_counts_first_and_other_paths_do_not() -> None:
    counted: list[int] = []
    pending = [5]

    async def read() -> Waiting:
        counted.append(pending[0])
        return pending[0], None

    app = FastAPI()

    @app.get("/metrics")
    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(generate_latest().decode())

    @app.get("/other")
    async def other() -> dict[str, str]:
        return {}

    refresh_on_scrape(app, read)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        await http.get("/other")
        assert counted == []
        answer = await http.get("/metrics")
        assert "guichet_organisation_registrations_waiting 5.0" in answer.text
        pending[0] = 4
        answer = await http.get("/metrics")
        assert "guichet_organisation_registrations_waiting 4.0" in answer.text
    assert counted == [5, 4]
