"""An unknown e-mail costs the same time as a known one with a wrong password (argon2 runs on
a dummy hash), with the parameters production uses."""

import statistics
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest

from identity.main import create_app
from identity.settings import IdentitySettings
from services.identity.tests.conftest import App
from services.identity.tests.fakes import FakeClock, FakeSecrets

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
async def real_hasher_app(settings: IdentitySettings) -> AsyncIterator[App]:
    clock = FakeClock(datetime.now(UTC))
    app = create_app(settings, clock=clock, secrets=FakeSecrets(prefix=uuid4().hex))
    async with app.router.lifespan_context(app):
        yield App(app, clock, FakeSecrets())


async def timed(http: httpx.AsyncClient, email: str) -> float:
    started = time.perf_counter()
    answer = await http.post(
        "/api/identity/auth/login", json={"email": email, "password": "wrong password, sorry"}
    )
    elapsed = time.perf_counter() - started
    assert answer.status_code == 401
    return elapsed


async def test_unknown_email_takes_as_long_as_a_wrong_password(
    real_hasher_app: App, office_token: Callable[..., str]
) -> None:
    known_emails = [
        (await real_hasher_app.create_account(office_token("accounts:create")))["email"]
        for _ in range(3)
    ]
    known: list[float] = []
    unknown: list[float] = []
    async with real_hasher_app.client() as http:
        for round_ in range(12):  # interleaved, under four failures per e-mail
            known.append(await timed(http, known_emails[round_ % 3]))
            unknown.append(await timed(http, f"ghost.{uuid4().hex}@example.ch"))
    ratio = statistics.median(unknown) / statistics.median(known)
    # argon2 dominates both (about 100 ms); the rest differs by one indexed lookup.
    assert 0.8 < ratio < 1.25, (statistics.median(known), statistics.median(unknown))
    assert statistics.median(known) > 0.015  # the real parameters were used
