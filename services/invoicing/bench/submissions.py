"""Benchmark (not a test) of the invoice slice on the local stack (``guichet_local``).

    .venv/bin/python services/invoicing/bench/submissions.py               # a, b and c
    .venv/bin/python services/invoicing/bench/submissions.py throughput    # or history, pipeline
    .venv/bin/python services/invoicing/bench/submissions.py history --keep  # keep its database

a. ``throughput``: invoices sent through the gateway by N concurrent clients (each from a
   loopback address of its own: the gateway limits per address) for a fixed time, submissions/s
   with p50/p99; in the same run a bare FastAPI endpoint (one uvicorn process, as the service)
   doing one PostgreSQL insert with the same clients; both and their ratio.
   Goals: ≥ 300 submissions/s, p99 ≤ 150 ms, ratio ≥ 0.5.
b. ``history``: the counter's history and to-correct lists with 2,000,000 invoices in a
   separate database ``invoicing_bench`` (invoicing's own migrations, rows bulk-generated with
   ``generate_series``), 50,000 of them in the measured institution; a second invoicing API
   serves that database on its own port and each list call (filters included) is timed there,
   without the gateway. Goal: p99 ≤ 30 ms.
c. ``pipeline``: invoices sent through the gateway at 50/s and accepted by the office at once;
   from sending to the PDF copy stored (documents' row) and from the acceptance to the e-mail
   accepted by the SMTP capture (its arrival stamp). Goal: p99 ≤ 1 s.

Parts a and c send real invoices for a throwaway institution registered for the run (its rows
stay in the stack's databases, apart from every other institution's). Everything runs on the
same machine as the stack: the load generator takes CPU from what it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # the e2e helpers register and approve the throwaway institution

from guichet_local import control, layout  # noqa: E402
from identity.adapters.signing import SigningKey  # noqa: E402
from identity.settings import IdentitySettings  # noqa: E402
from invoicing.adapters.invoices import SqlUnitOfWork  # noqa: E402
from invoicing.application.ports import Filters  # noqa: E402
from invoicing.application.queries import beneficiary_filter  # noqa: E402
from invoicing.domain.lifecycle import Status  # noqa: E402
from kernel.db import make_engine, make_session_factory  # noqa: E402
from tests.e2e.invoice_support import invoice_body, token_for  # noqa: E402
from tests.e2e.test_beneficiaries import body as beneficiary_body  # noqa: E402
from tests.e2e.test_members import approved, member_body, opener  # noqa: E402

GATEWAY = layout.GATEWAY_URL
INVOICING = layout.SERVICE_BY_NAME["invoicing"]
INBOX = f"http://{layout.HOST}:{layout.INBOX_PORT}/dev/inbox/api/messages"
BENCH_DB = "invoicing_bench"
BENCH_PORT = 8114
BARE_PORT = 8115
QR_IBAN = "CH44 3199 9123 0008 8901 2"

TOTAL = 2_000_000
TARGET_ROWS = 50_000
PER_OTHER = 1_000  # invoices of each other institution
NAMESPACE = uuid.UUID("2b0f3a53-6a7e-4c1e-9b7c-61d1f6a0c001")
TARGET = uuid.uuid5(NAMESPACE, "institution-0")


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def row(label: str, values: list[float], goal: float | None = None, extra: str = "") -> str:
    if not values:
        return f"{label:34} (no sample)"
    verdict = "" if goal is None else ("OK" if p(values, 0.99) <= goal else "OVER")
    return (
        f"{label:34} n={len(values):6}  p50={p(values, 0.5):8.1f}  p95={p(values, 0.95):8.1f}"
        f"  p99={p(values, 0.99):8.1f}  max={max(values):8.1f} ms  {verdict} {extra}"
    )


def dsn(database: str) -> str:
    return layout.database_url(database, layout.pg_password()).replace(
        "postgresql+asyncpg", "postgresql"
    )


def office_token(*scopes: str) -> str:
    settings = IdentitySettings(
        mode="local",
        state_dir=layout.STATE,
        database_url="unused",
        kafka_bootstrap="unused",
        jwks_url="unused",
    )
    key = SigningKey((layout.STATE / "identity-signing-key.pem").read_text())
    return key.office_token(
        settings, client_id="test-office", scopes=list(scopes), lifetime=timedelta(minutes=60)
    )


def source_address() -> str:
    return f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def async_client(base_url: str, token: str | None = None, **headers: str) -> httpx.AsyncClient:
    """A client from a loopback address of its own (the gateway limits per address)."""
    if token:
        headers["authorization"] = f"Bearer {token}"
    return httpx.AsyncClient(
        base_url=base_url,
        transport=httpx.AsyncHTTPTransport(local_address=source_address()),
        headers=headers,
        timeout=30.0,
    )


# --- the throwaway institution -----------------------------------------------------------------


@dataclass
class Sender:
    institution_id: str
    token: str
    email: str
    bank_account_id: str
    beneficiaries: list[str] = field(default_factory=list)

    def body(self, n: int) -> dict[str, Any]:
        return invoice_body(
            "318.632",
            self.beneficiaries[n % len(self.beneficiaries)],
            bank_account_id=self.bank_account_id,
        )


def sender(beneficiaries: int = 20) -> Sender:
    """A new approved institution, a manager account of it (invoicing reads the submitter from
    identity), a company bank account and some beneficiaries."""
    opened: list[httpx.Client] = []
    open_client = opener(GATEWAY, opened)
    try:
        institution = approved(open_client, GATEWAY)
        admin = open_client(token_for(str(uuid.uuid4()), institution, "manager"))
        person = member_body(role="manager", first_name="Bench", last_name="Marque")
        member = admin.post("/api/organisation/members", json=person)
        assert member.status_code == 201, member.text
        token = token_for(member.json()["account_id"], institution, "manager", minutes=120)
        http = open_client(token)
        account = http.post(
            "/api/organisation/bank-accounts",
            json={"iban": QR_IBAN, "holder": "Banc d'essai SA", "label": "Bench"},
        )
        assert account.status_code == 201, account.text
        found = Sender(institution, token, person["email"], str(account.json()["id"]))
        for _ in range(beneficiaries):
            made = open_client(token).post(
                "/api/beneficiary/beneficiaries", json=beneficiary_body()
            )
            assert made.status_code == 201, made.text
            found.beneficiaries.append(str(made.json()["id"]))
        return found
    finally:
        for http in opened:
            http.close()


# --- a. throughput -----------------------------------------------------------------------------


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if status in (200, 201))

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0


async def closed_loop(
    clients: list[httpx.AsyncClient],
    call: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]],
    seconds: float,
    warmup: float,
) -> Load:
    """Each client sends its next request as soon as the previous one answered."""
    load = Load()
    counter = iter(range(10**9))
    started = time.perf_counter()
    measuring_from = started + warmup
    deadline = measuring_from + seconds

    async def worker(http: httpx.AsyncClient) -> None:
        while (now := time.perf_counter()) < deadline:
            try:
                answer = await call(http, next(counter))
                status = answer.status_code
            except httpx.HTTPError:
                status = 0
            done = time.perf_counter()
            if now >= measuring_from:
                load.statuses[status] = load.statuses.get(status, 0) + 1
                if status in (200, 201):
                    load.latencies.append((done - now) * 1000)

    await asyncio.gather(*(worker(http) for http in clients))
    load.elapsed = time.perf_counter() - measuring_from
    return load


BARE_APP = """
import uuid
import sqlalchemy as sa
from fastapi import FastAPI
from kernel.db import make_engine

metadata = sa.MetaData()
table = sa.Table(
    "bare_insert", metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
)
engine = make_engine({url!r})
app = FastAPI()


@app.post("/bare", status_code=201)
async def bare(body: dict) -> dict:
    new = uuid.uuid4()
    async with engine.begin() as connection:
        await connection.execute(table.insert().values(id=new, body=body))
    return {{"id": str(new)}}
"""


async def ensure_bench_database() -> None:
    connection = await asyncpg.connect(dsn("invoicing"))
    try:
        if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", BENCH_DB):
            await connection.execute(f'CREATE DATABASE "{BENCH_DB}"')
    finally:
        await connection.close()


async def drop_bench_database() -> None:
    connection = await asyncpg.connect(dsn("invoicing"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    finally:
        await connection.close()


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process ended with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def start_bare(workdir: Path) -> subprocess.Popen[bytes]:
    url = layout.database_url(BENCH_DB, layout.pg_password())
    (workdir / "bare_app.py").write_text(BARE_APP.format(url=url))

    async def create_table() -> None:
        connection = await asyncpg.connect(dsn(BENCH_DB))
        try:
            await connection.execute(
                "CREATE TABLE IF NOT EXISTS bare_insert (id uuid PRIMARY KEY, body json NOT NULL,"
                " at timestamptz NOT NULL DEFAULT now())"
            )
        finally:
            await connection.close()

    asyncio.run(create_table())
    command = [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(BARE_PORT)]
    command += ["--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=workdir)  # noqa: S603 (our own interpreter)
    wait_ready(f"http://{layout.HOST}:{BARE_PORT}/docs", process)
    return process


def throughput(clients: int, seconds: float, workdir: Path) -> dict[str, Any]:
    who = sender()
    asyncio.run(ensure_bench_database())

    async def through_gateway() -> Load:
        https = [async_client(GATEWAY, who.token) for _ in range(clients)]
        try:
            return await closed_loop(
                https,
                lambda http, n: http.post(
                    "/api/invoicing/invoices",
                    json=who.body(n),
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                ),
                seconds,
                warmup=3,
            )
        finally:
            for http in https:
                await http.aclose()

    async def bare() -> Load:
        https = [async_client(f"http://{layout.HOST}:{BARE_PORT}") for _ in range(clients)]
        try:
            return await closed_loop(
                https,
                lambda http, n: http.post("/bare", json=who.body(n)),
                seconds,
                warmup=3,
            )
        finally:
            for http in https:
                await http.aclose()

    service = asyncio.run(through_gateway())
    process = start_bare(workdir)
    try:
        baseline = asyncio.run(bare())
    finally:
        process.terminate()
        process.wait(10)
    ratio = service.rate / baseline.rate if baseline.rate else 0.0
    print(f"\na. submissions, {clients} concurrent clients, {seconds:.0f} s each")
    print(row("POST /api/invoicing/invoices (gw)", service.latencies, 150, f"{service.statuses}"))
    print(row("bare FastAPI + 1 INSERT", baseline.latencies, None, f"{baseline.statuses}"))
    print(
        f"{'submissions/s':34} service {service.rate:7.1f} (goal ≥ 300: "
        f"{'OK' if service.rate >= 300 else 'UNDER'})   bare {baseline.rate:7.1f}   "
        f"ratio {ratio:.2f} (goal ≥ 0.5: {'OK' if ratio >= 0.5 else 'UNDER'})"
    )
    return {"service": service, "bare": baseline, "ratio": ratio}


# --- b. history with 2,000,000 invoices --------------------------------------------------------

LAST = ["Muller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Favre", "Rochat", "Bonvin",
        "Perrin", "Dubois", "Rey", "Morand", "Zufferey", "Theytaz", "Rossi", "Bernasconi",
        "Imseng", "Zurbriggen", "Lehmann", "Gerber", "Brunner", "Baumann", "Moser", "Wyss",
        "Graf", "Roth", "Fournier", "Crettenand", "Nguyen"]  # fmt: skip
FIRST = ["Anna", "Elodie", "Noel", "Luca", "Maelle", "Jurg", "Lea", "Chloe", "Noah", "Liam",
         "Mia", "Emma", "Lena", "Jerome", "Francois", "Zoe", "Sebastien", "Bjorn", "Aurelie",
         "Matteo"]  # fmt: skip
STATUSES = ["accepted", "accepted", "accepted", "refused", "submitted", "correction_requested"]
SUBMITTERS = 20
BENEFICIARIES = 2_000  # per institution


def institution(n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"institution-{n}")


def submitter(n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"submitter-{n}")


SEED = """
INSERT INTO invoice (
    id, institution_id, reference, form, status, revision, version, monthly,
    beneficiary_id, beneficiary_last_name, beneficiary_first_name,
    beneficiary_name_key, beneficiary_name_key_reversed, beneficiary_avs,
    bank_account_id, decision_number, invoice_date, period_start, period_end, total,
    submitted_by, submitted_by_name, submitted_at, updated_at)
SELECT
    md5('inv' || g)::uuid,
    CASE WHEN g < $3 THEN $4::uuid
         ELSE md5('inst' || ((g - $3) / $5 + 1))::uuid END,
    'B-' || lpad(g::text, 9, '0'),
    '318.632',
    ($6::text[])[1 + g % 6],
    1 + g % 3, 1, false,
    md5('ben' || (g % $7))::uuid,
    ($8::text[])[1 + (g % $7) % 30],
    ($9::text[])[1 + ((g % $7) / 30) % 20],
    lower(($8::text[])[1 + (g % $7) % 30] || ' ' || ($9::text[])[1 + ((g % $7) / 30) % 20]),
    lower(($9::text[])[1 + ((g % $7) / 30) % 20] || ' ' || ($8::text[])[1 + (g % $7) % 30]),
    '756' || lpad(((g % $7) * 7919 % 10000000000)::text, 10, '0'),
    NULL,
    '3232025' || lpad((g % 10000000)::text, 7, '0'),
    date '2026-01-01' + (g % 300)::int,
    NULL, NULL,
    (g % 100000) / 100.0,
    ($10::uuid[])[1 + g % 20],
    'Person ' || (g % 20),
    timestamptz '2025-01-01' + make_interval(secs => g * 15),
    timestamptz '2025-01-01' + make_interval(secs => g * 15 + (g % 7) * 3600)
FROM generate_series($1::bigint, $2::bigint - 1) AS g
"""


def bench_env() -> dict[str, str]:
    env = layout.child_env(layout.service_env(INVOICING, layout.pg_password()))
    p_ = INVOICING.prefix
    env[p_ + "DATABASE_URL"] = layout.database_url(BENCH_DB, layout.pg_password())
    env[p_ + "HTTP_PORT"] = str(BENCH_PORT)
    for owner in ("identity", "organisation", "beneficiary", "documents"):
        port = layout.SERVICE_BY_NAME[owner].http_port
        env.setdefault(f"{p_}{owner.upper()}_URL", f"http://{layout.HOST}:{port}")
    return env


async def seed_history() -> None:
    connection = await asyncpg.connect(dsn(BENCH_DB))
    try:
        present = await connection.fetchval("SELECT count(*) FROM invoice")
        if present == TOTAL:
            print(f"reusing the {present:,} invoices of {BENCH_DB}")
            return
        await connection.execute("TRUNCATE invoice CASCADE")
        started = time.perf_counter()
        people = [submitter(n) for n in range(SUBMITTERS)]
        step = 250_000
        for first in range(0, TOTAL, step):
            await connection.execute(
                SEED, first, min(TOTAL, first + step), TARGET_ROWS, TARGET, PER_OTHER,
                STATUSES, BENEFICIARIES, LAST, FIRST, people,
            )  # fmt: skip
            print(f"  {min(TOTAL, first + step):>9,} invoices", flush=True)
        await connection.execute("VACUUM ANALYZE invoice")
        print(f"seeded {TOTAL:,} invoices in {time.perf_counter() - started:.0f} s")
    finally:
        await connection.close()


def history_queries(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    queries: list[tuple[str, dict[str, Any]]] = []
    for _ in range(200):
        queries.append(("history", {"view": "history"}))
        queries.append(("status", {"view": "history", "status": rng.choice(STATUSES)}))
        queries.append(
            ("submitted_by", {"view": "history", "submitted_by": str(submitter(rng.randrange(20)))})
        )
        name = rng.choice(LAST + FIRST)
        queries.append(
            ("name prefix", {"view": "history", "beneficiary": name[: rng.randrange(2, 6)]})
        )
        avs = avs_of_beneficiary(rng.randrange(BENEFICIARIES))
        dotted = f"{avs[:3]}.{avs[3:7]}.{avs[7:11]}.{avs[11:]}"
        queries.append(("AVS", {"view": "history", "beneficiary": rng.choice([avs, dotted])}))
        queries.append(("AVS prefix", {"view": "history", "beneficiary": avs[:7]}))
        queries.append(
            (
                "filters combined",
                {
                    "view": "history",
                    "status": "accepted",
                    "submitted_by": str(submitter(rng.randrange(20))),
                    "beneficiary": rng.choice(LAST)[:3],
                },
            )
        )
        queries.append(("to_correct", {"view": "to_correct"}))
    rng.shuffle(queries)
    return queries


def avs_of_beneficiary(b: int) -> str:
    """As SEED writes it: 13 digits starting 756 (the check digit does not matter here)."""
    return "756" + f"{b * 7919 % 10**10:010d}"


async def repository_timings(queries: list[tuple[str, dict[str, Any]]]) -> dict[str, list[float]]:
    """The same lists through the service's own search (the SQL the handler runs), in process."""
    engine = make_engine(layout.database_url(BENCH_DB, layout.pg_password()), pool_size=2)
    sessions = make_session_factory(engine)
    timings: dict[str, list[float]] = {}
    try:
        for n, (kind, params) in enumerate(queries):
            name, avs = beneficiary_filter(params.get("beneficiary"))
            filters = Filters(
                submitted_by=uuid.UUID(params["submitted_by"])
                if "submitted_by" in params
                else None,
                status=Status(params["status"]) if "status" in params else None,
                name=name,
                avs=avs,
            )
            async with SqlUnitOfWork(sessions) as uow:
                started = time.perf_counter()
                await uow.invoices.search(TARGET, params["view"], filters, after=None, limit=51)
                elapsed = (time.perf_counter() - started) * 1000
            if n >= 30:  # the first ones warm the pool and the caches
                timings.setdefault(kind, []).append(elapsed)
    finally:
        await engine.dispose()
    return timings


def history(keep: bool) -> dict[str, list[float]]:
    asyncio.run(ensure_bench_database())
    migrated = subprocess.run(
        [sys.executable, "-m", "invoicing.migrate"], env=bench_env(), capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    if migrated.returncode != 0:
        raise SystemExit(f"migrating {BENCH_DB} failed:\n{migrated.stderr[-2000:]}")
    asyncio.run(seed_history())
    process = subprocess.Popen(
        [sys.executable, "-m", "invoicing"],
        env=bench_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    timings: dict[str, list[float]] = {}
    try:
        wait_ready(f"http://{layout.HOST}:{BENCH_PORT}/readyz", process)
        token = token_for(str(submitter(0)), str(TARGET), "manager", minutes=60)
        with httpx.Client(
            base_url=f"http://{layout.HOST}:{BENCH_PORT}",
            headers={"authorization": f"Bearer {token}"},
            timeout=10,
        ) as http:
            rng = random.Random(5)
            queries = history_queries(rng)
            for _, params in queries[:30]:  # warm the pool and the caches
                http.get("/api/invoicing/invoices", params=params)
            cursor = None
            for kind, params in queries:
                started = time.perf_counter()
                answer = http.get("/api/invoicing/invoices", params=params)
                elapsed = (time.perf_counter() - started) * 1000
                assert answer.status_code == 200, answer.text
                timings.setdefault(kind, []).append(elapsed)
                if kind == "history":
                    cursor = answer.json()["next_cursor"] or cursor
                if kind == "history" and cursor:
                    started = time.perf_counter()
                    page = http.get(
                        "/api/invoicing/invoices", params={"view": "history", "cursor": cursor}
                    )
                    assert page.status_code == 200, page.text
                    timings.setdefault("next page", []).append(
                        (time.perf_counter() - started) * 1000
                    )
        sql = asyncio.run(repository_timings(queries))
    finally:
        process.terminate()
        process.wait(10)
        if not keep:
            asyncio.run(drop_bench_database())
    print(
        f"\nb. counter lists, {TARGET_ROWS:,} invoices in the institution, {TOTAL:,} in "
        f"{BENCH_DB}, goal p99 ≤ 30 ms. HTTP: GET on the service's own port (token check, "
        f"search, audit entry, commit, JSON; no gateway); SQL: the repository's search alone"
    )
    for kind in sorted(timings):
        print(row(f"HTTP {kind}", timings[kind], 30))
        if kind in sql:
            print(row(f"SQL  {kind}", sql[kind], 30))
    print(row("HTTP all list calls", [v for values in timings.values() for v in values], 30))
    print(row("SQL  all searches", [v for values in sql.values() for v in values], 30))
    return timings


# --- c. sent → PDF and e-mail at 50/s ----------------------------------------------------------


def pipeline(rate: float, seconds: float) -> dict[str, list[float]]:
    who = sender()
    office = office_token("invoices:review")
    sent: dict[str, str] = {}  # invoice id → reference
    refused: list[int | str] = []  # answers other than 201/200, or the client's error
    answered: list[float] = []  # POST → 201, ms

    async def one(n: int, http: httpx.AsyncClient, desk: httpx.AsyncClient) -> None:
        started = time.perf_counter()
        try:
            answer = await http.post(
                "/api/invoicing/invoices",
                json=who.body(n),
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            if answer.status_code != 201:
                refused.append(answer.status_code)
                return
            answered.append((time.perf_counter() - started) * 1000)
            invoice = answer.json()
            decided = await desk.post(
                f"/internal/invoicing/invoices/{invoice['id']}/accept",
                json={"revision": invoice["revision"]},
            )
        except httpx.HTTPError as error:
            refused.append(type(error).__name__)
            return
        if decided.status_code != 200:
            refused.append(decided.status_code)
            return
        sent[invoice["id"]] = invoice["reference"]

    async def drive() -> None:
        https = [async_client(GATEWAY, who.token) for _ in range(8)]
        desks = [async_client(GATEWAY, office) for _ in range(8)]
        tasks = []
        started = time.perf_counter()
        for n in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(one(n, https[n % 8], desks[n % 8])))
        await asyncio.gather(*tasks)
        for http in [*https, *desks]:
            await http.aclose()

    asyncio.run(drive())
    ids = list(sent)

    async def pdf_delays() -> tuple[dict[str, float], dict[str, datetime]]:
        """Sent → PDF copy stored, per invoice; and when each was accepted (invoicing's clock,
        the same machine's)."""
        invoicing = await asyncpg.connect(dsn("invoicing"))
        documents = await asyncpg.connect(dsn("documents"))
        try:
            submitted = {
                str(r["id"]): r["submitted_at"]
                for r in await invoicing.fetch(
                    "SELECT id, submitted_at FROM invoice WHERE id = ANY($1::uuid[])", ids
                )
            }
            accepted = {
                str(r["invoice_id"]): r["at"]
                for r in await invoicing.fetch(
                    "SELECT invoice_id, at FROM invoice_event "
                    "WHERE invoice_id = ANY($1::uuid[]) AND status = 'accepted'",
                    ids,
                )
            }
            deadline = time.monotonic() + 120
            while True:
                stored = {
                    str(r["invoice_id"]): r["created_at"]
                    for r in await documents.fetch(
                        "SELECT invoice_id, created_at FROM invoice_copy "
                        "WHERE invoice_id = ANY($1::uuid[]) AND storage_key IS NOT NULL",
                        ids,
                    )
                }
                if len(stored) == len(ids) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(1)
            delays = {
                i: (stored[i] - submitted[i]).total_seconds() * 1000
                for i in stored
                if i in submitted
            }
            return delays, accepted
        finally:
            await invoicing.close()
            await documents.close()

    pdfs, accepted = asyncio.run(pdf_delays())
    deadline = time.monotonic() + 120
    while True:
        messages = httpx.get(INBOX, params={"to": who.email, "kind": "email"}, timeout=30).json()
        if len(messages) >= len(ids) or time.monotonic() > deadline:
            break
        time.sleep(1)
    arrived: dict[str, float] = {}
    for message in messages:
        stamp = int(message["id"].split("-", 1)[0]) / 1e9
        for invoice_id, reference in sent.items():
            if reference in message["subject"] + message["text"]:
                arrived[invoice_id] = stamp
    emails = {i: (arrived[i] - accepted[i].timestamp()) * 1000 for i in arrived if i in accepted}
    httpx.delete(INBOX, params={"to": who.email}, timeout=30)
    print(
        f"\nc. {rate:.0f} invoices/s for {seconds:.0f} s through the gateway, each accepted at "
        f"once; {len(ids)} sent and accepted, failures: {Counter(map(str, refused)) or 'none'}"
    )
    print(row("POST → 201 through the gateway", answered, None))
    print(row("sent → PDF copy stored", list(pdfs.values()), 1000, f"{len(pdfs)}/{len(ids)}"))
    print(
        row("accepted → e-mail at SMTP", list(emails.values()), 1000, f"{len(emails)}/{len(ids)}")
    )
    return {"pdf": list(pdfs.values()), "email": list(emails.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "part", nargs="?", default="all", choices=["all", "throughput", "history", "pipeline"]
    )
    parser.add_argument("--clients", type=int, default=32, help="a: concurrent clients")
    parser.add_argument("--seconds", type=float, default=15, help="a and c: measured seconds")
    parser.add_argument("--rate", type=float, default=50, help="c: invoices per second")
    parser.add_argument("--keep", action="store_true", help=f"b: keep {BENCH_DB} for a rerun")
    args = parser.parse_args()
    for part in ("invoicing-api", "documents-worker", "notification-worker", "gateway"):
        if not control.is_running(part):
            raise SystemExit(f"{part} is not running: start the stack (python -m guichet_local up)")
    print(f"{os.cpu_count()} CPU cores; started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
    workdir = layout.RUN / "bench-invoicing"
    workdir.mkdir(parents=True, exist_ok=True)
    if args.part in ("all", "throughput"):
        throughput(args.clients, args.seconds, workdir)
    if args.part in ("all", "history"):
        history(args.keep)
    if args.part in ("all", "pipeline"):
        pipeline(args.rate, args.seconds)
    if args.part == "throughput" and not args.keep:
        asyncio.run(drop_bench_database())


if __name__ == "__main__":
    main()
