"""Benchmark (not a test): the list's name and AVS filters with 10,000 beneficiaries in one
institution and 1,000,000 in the database; p99 service-side, goal ≤ 20 ms.

    .venv/bin/python services/beneficiary/bench/filters.py            # seed, measure, clean up
    .venv/bin/python services/beneficiary/bench/filters.py --keep     # leave the rows in place
    .venv/bin/python services/beneficiary/bench/filters.py --cleanup  # only remove them

Runs against the local stack's beneficiary database (``guichet_local``). The rows belong to
institutions whose ids derive from a fixed namespace, so a rerun finds (and reuses) them and
the cleanup removes exactly them. Two timings per query, both in this process:

* ``query``: the repository's search (the SQL the handler runs), on its own;
* ``handler``: the whole list use case — search, audit entry and commit — as the route runs it.

EXPLAIN ANALYZE of the slowest query of each kind is printed for the plan.
"""

import argparse
import asyncio
import random
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import asyncpg
from stdnum import ean

from beneficiary.adapters.beneficiaries import SqlUnitOfWork
from beneficiary.application import beneficiaries as use_cases
from beneficiary.application.ports import Actor, Filters
from beneficiary.domain.identifiers import digits, folded
from guichet_local import control
from kernel.db import make_engine, make_session_factory

NAMESPACE = uuid.UUID("6f1c2b1e-8d55-4c3a-9b7e-0e5f3b2a9c10")
TARGET = uuid.uuid5(NAMESPACE, "institution-0")
PER_INSTITUTION = 10_000
TOTAL = 1_000_000
SAMPLES = 300
GOAL_MS = 20.0

LAST = [
    "Müller",
    "Meier",
    "Schmid",
    "Keller",
    "Weber",
    "Huber",
    "Schneider",
    "Meyer",
    "Steiner",
    "Fischer",
    "Gerber",
    "Brunner",
    "Baumann",
    "Frei",
    "Zimmermann",
    "Moser",
    "Widmer",
    "Wyss",
    "Graf",
    "Roth",
    "Favre",
    "Rochat",
    "Bonvin",
    "Perrin",
    "Gay",
    "Dubois",
    "Bühler",
    "Rey",
    "Morand",
    "Crettenand",
    "Fournier",
    "Métrailler",
    "Zufferey",
    "Délèze",
    "Theytaz",
    "Rossi",
    "Bernasconi",
    "Ferrari",
    "Lüthi",
    "Sánchez",
    "Nguyen",
    "Da Silva",
    "Öztürk",
]
FIRST = [
    "Anna",
    "Élodie",
    "Noël",
    "Luca",
    "Maëlle",
    "Jürg",
    "Léa",
    "Chloé",
    "Noah",
    "Liam",
    "Mia",
    "Emma",
    "Lena",
    "Jérôme",
    "François",
    "Zoé",
    "Sébastien",
    "Björn",
    "Aurélie",
    "Matteo",
    "Sofia",
    "Lukas",
    "Céline",
    "Hélène",
    "André",
    "Marco",
    "Nina",
    "Timo",
]


def institution(n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"institution-{n}")


def avs_for(serial: int) -> str:
    # A bijection on 9 digits (the factor is prime to 10): unique, and spread like real ones.
    base = f"756{(serial * 387_420_489 + 123_456_789) % 10**9:09d}"
    return base + ean.calc_check_digit(base)


def rows(start: int, count: int, rng: random.Random) -> list[tuple[object, ...]]:
    now = datetime.now(UTC)
    out = []
    for i in range(start, start + count):
        last, first = rng.choice(LAST), rng.choice(FIRST)
        # Some double names, so that substrings are not all whole names.
        if rng.random() < 0.2:
            last = f"{last}-{rng.choice(LAST)}"
        company = institution(i // PER_INSTITUTION)
        out.append(
            (
                uuid.uuid4(),
                company,
                last,
                first,
                folded(f"{last} {first}"),
                date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 60)),
                f"Rue {rng.randrange(1, 200)}",
                f"{rng.randrange(1000, 9999)}",
                "Sion",
                avs_for(i),
                None,
                "[]",
                None,
                uuid.uuid4() if rng.random() < 0.3 else None,
                False,
                None,
                now,
                now,
                1,
            )
        )
    return out


COLUMNS = [
    "id",
    "company_id",
    "last_name",
    "first_name",
    "search_name",
    "birth_date",
    "street",
    "postcode",
    "locality",
    "avs",
    "representative",
    "decisions",
    "bank",
    "power_of_attorney_document_id",
    "referenced",
    "archived_at",
    "created_at",
    "updated_at",
    "version",
]


def dsn() -> str:
    return control.database_url("beneficiary").replace("postgresql+asyncpg", "postgresql")


async def bench_ids(conn: asyncpg.Connection) -> list[uuid.UUID]:
    return [institution(n) for n in range(TOTAL // PER_INSTITUTION)]


async def seed(conn: asyncpg.Connection) -> None:
    ids = await bench_ids(conn)
    present = await conn.fetchval(
        "SELECT count(*) FROM beneficiary WHERE company_id = ANY($1::uuid[])", ids
    )
    total = await conn.fetchval("SELECT count(*) FROM beneficiary")
    if present == TOTAL:
        print(f"reusing {present:,} bench rows ({total:,} in the database)")
        return
    if present:
        await cleanup(conn)
    rng = random.Random(7)
    started = time.perf_counter()
    batch = 50_000
    for start in range(0, TOTAL, batch):
        await conn.copy_records_to_table(
            "beneficiary", records=rows(start, batch, rng), columns=COLUMNS
        )
    await conn.execute("VACUUM ANALYZE beneficiary")
    print(f"seeded {TOTAL:,} rows with COPY in {time.perf_counter() - started:.1f} s")


async def cleanup(conn: asyncpg.Connection) -> None:
    ids = await bench_ids(conn)
    await conn.execute("DELETE FROM beneficiary WHERE company_id = ANY($1::uuid[])", ids)
    await conn.execute("DELETE FROM audit_entry WHERE company_id = ANY($1::uuid[])", ids)
    await conn.execute("VACUUM ANALYZE beneficiary")
    print("bench rows removed")


def name_queries(rng: random.Random) -> list[str]:
    queries = []
    for _ in range(SAMPLES):
        word = rng.choice(LAST + FIRST)
        kind = rng.random()
        if kind < 0.4:
            queries.append(word)  # a whole name, as typed, with accents
        elif kind < 0.8:
            k = rng.randrange(0, max(1, len(word) - 3))
            queries.append(word[k : k + 3].upper())  # three letters, other case
        else:
            queries.append(rng.choice(["a", "zz", "xyz", "mü", "Zufferey Zoé", "qqq"]))
    return queries


def avs_queries(rng: random.Random) -> list[str]:
    queries = []
    for _ in range(SAMPLES):
        full = avs_for(rng.randrange(PER_INSTITUTION))
        kind = rng.random()
        if kind < 0.3:
            queries.append(f"{full[:3]}.{full[3:7]}.{full[7:11]}.{full[11:]}")  # whole, dotted
        elif kind < 0.7:
            k = rng.randrange(3, 9)
            queries.append(full[k : k + 5])  # five digits from the middle
        elif kind < 0.9:
            queries.append(f"{full[:3]}.{full[3:7]}")  # a dotted prefix
        else:
            queries.append(rng.choice(["1", "99", "999999", "7569"]))
    return queries


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(kind: str, queries: list[str]) -> tuple[float, str]:
    engine = make_engine(control.database_url("beneficiary"), pool_size=2)
    sessions = make_session_factory(engine)
    actor = Actor(subject="bench", company_id=TARGET)
    query_ms: list[float] = []
    handler_ms: list[float] = []
    slowest = ("", 0.0)
    try:
        for warm in queries[:20]:  # warm the pool and the caches
            await use_cases.list_beneficiaries(
                actor,
                SqlUnitOfWork(sessions),
                limit=50,
                cursor=None,
                **({"name": warm, "avs": None} if kind == "name" else {"name": None, "avs": warm}),
            )
        for text in queries:
            filters = (
                Filters(name=folded(" ".join(text.split())))
                if kind == "name"
                else Filters(avs=digits(text))
            )
            async with SqlUnitOfWork(sessions) as uow:
                started = time.perf_counter()
                found = await uow.beneficiaries.search(TARGET, filters, after=None, limit=51)
                elapsed = (time.perf_counter() - started) * 1000
            query_ms.append(elapsed)
            if elapsed > slowest[1]:
                slowest = (text, elapsed)
            started = time.perf_counter()
            await use_cases.list_beneficiaries(
                actor,
                SqlUnitOfWork(sessions),
                limit=50,
                cursor=None,
                **({"name": text, "avs": None} if kind == "name" else {"name": None, "avs": text}),
            )
            handler_ms.append((time.perf_counter() - started) * 1000)
            del found
    finally:
        await engine.dispose()
    for label, values in (("query", query_ms), ("handler", handler_ms)):
        print(
            f"{kind:4} {label:7} n={len(values)}  p50={p(values, 0.5):6.2f} ms  "
            f"p95={p(values, 0.95):6.2f} ms  p99={p(values, 0.99):6.2f} ms  "
            f"max={max(values):6.2f} ms  mean={statistics.mean(values):6.2f} ms  "
            f"{'OK' if p(values, 0.99) <= GOAL_MS else 'OVER'} (goal ≤ {GOAL_MS:.0f} ms)"
        )
    return max(p(query_ms, 0.99), p(handler_ms, 0.99)), slowest[0]


async def explain(conn: asyncpg.Connection, kind: str, text: str) -> None:
    column = "search_name" if kind == "name" else "avs"
    needle = folded(text) if kind == "name" else digits(text)
    plan = await conn.fetch(
        f"EXPLAIN (ANALYZE, BUFFERS) SELECT id, last_name, first_name, avs, postcode, locality, "  # noqa: S608
        f"birth_date, power_of_attorney_document_id IS NOT NULL, search_name FROM beneficiary "
        f"WHERE company_id = $1 AND archived_at IS NULL AND {column} LIKE $2 "
        f"ORDER BY search_name, id LIMIT 51",
        TARGET,
        f"%{needle}%",
    )
    print(f"\nEXPLAIN ANALYZE, slowest {kind} query {text!r}:")
    for row in plan:
        print("   ", row[0])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="leave the bench rows in place")
    parser.add_argument("--cleanup", action="store_true", help="only remove the bench rows")
    args = parser.parse_args()
    conn = await asyncpg.connect(dsn())
    try:
        if args.cleanup:
            await cleanup(conn)
            return
        await seed(conn)
        total = await conn.fetchval("SELECT count(*) FROM beneficiary")
        mine = await conn.fetchval("SELECT count(*) FROM beneficiary WHERE company_id = $1", TARGET)
        print(f"{mine:,} beneficiaries in the measured institution, {total:,} in the database")
        rng = random.Random(11)
        worst = []
        for kind, queries in (("name", name_queries(rng)), ("avs", avs_queries(rng))):
            p99, slowest = await measure(kind, queries)
            worst.append(p99)
            await explain(conn, kind, slowest)
        print(f"\nworst p99: {max(worst):.2f} ms ({'OK' if max(worst) <= GOAL_MS else 'OVER'})")
        if not args.keep:
            await cleanup(conn)
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
