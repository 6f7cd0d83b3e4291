"""Walking-skeleton measurements (issue 2), run against a local stack: not a pass/fail test.

    .venv/bin/python tests/bench/skeleton.py all       # or: startup | memory | gateway | relay

- startup: `guichet_local down` then `up`, wall time to all-ready (dependencies installed);
- memory: resident memory of every process of the running suite, idle;
- gateway: GET /api/<svc>/healthz through Envoy versus straight to the service, same run;
- relay: outbox → broker throughput, and commit-to-consume latency at a paced 500 events/s.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import httpx
from sqlalchemy import text

from contracts.diagnostics import ProbeSent
from guichet_local import control, layout
from kernel.db import make_engine, make_session_factory
from kernel.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def startup() -> None:
    subprocess.run([PY, "-m", "guichet_local", "down"], check=True, capture_output=True)
    started = time.monotonic()
    subprocess.run([PY, "-m", "guichet_local", "up"], check=True, capture_output=True)
    print(f"startup: cold start to all-ready {time.monotonic() - started:.1f} s")


def _tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    if children.exists():
        for child in children.read_text().split():
            found.extend(_tree(int(child)))
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def memory() -> None:
    time.sleep(5)  # let start-up work settle: the figure is for an idle suite
    roots = [int(json.loads(p.read_text())["pid"]) for p in layout.PIDS.glob("*.json")]
    pg = subprocess.run(["pgrep", "-u", "postgres", "postgres"], capture_output=True, text=True)
    pids = {pid for root in roots for pid in _tree(root)} | {int(p) for p in pg.stdout.split()}
    by_part: dict[str, int] = {}
    for pid in pids:
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            continue
        part = name
        for marker in ("kafka.Kafka", "guichet_local", "envoy", "postgres"):
            if marker in cmd:
                part = marker
        for service in (
            "identity",
            "organisation",
            "beneficiary",
            "invoicing",
            "notification",
            "documents",
        ):
            if f"-m {service}" in cmd:
                part = "python services (api + worker)"
        by_part[part] = by_part.get(part, 0) + _rss_kib(pid)
    total = sum(by_part.values())
    for part, kib in sorted(by_part.items(), key=lambda item: -item[1]):
        print(f"memory: {part:35s} {kib / 1024:8.1f} MiB")
    print(f"memory: total RSS idle {total / 1024 / 1024:.2f} GiB over {len(pids)} processes")


def gateway(rounds: int = 2000) -> None:
    # A fresh loopback source address per run keeps the bench out of the per-IP rate limit
    # buckets that tests use (the limit is 20 requests/s per address; we pace below it).
    source = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    results: dict[str, list[float]] = {"direct": [], "gateway": []}
    services = [(s.name, s.http_port) for s in layout.SERVICES]
    with (
        httpx.Client(transport=httpx.HTTPTransport(local_address=source)) as via_gateway,
        httpx.Client() as direct,
    ):
        for i in range(rounds):
            name, port = services[i % len(services)]
            for kind, http, url in (
                ("direct", direct, f"http://127.0.0.1:{port}/api/{name}/healthz"),
                ("gateway", via_gateway, f"{layout.GATEWAY_URL}/api/{name}/healthz"),
            ):
                started = time.perf_counter()
                response = http.get(url)
                results[kind].append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            if i % 15 == 14:
                time.sleep(1.0)  # keep under the gateway's per-address rate limit
    for kind, values in results.items():
        print(
            f"gateway: {kind:8s} p50 {statistics.median(values):.3f} ms  "
            f"p99 {percentile(values, 0.99):.3f} ms  (n={len(values)})"
        )
    added = [g - d for g, d in zip(results["gateway"], results["direct"], strict=True)]
    print(
        f"gateway: added by Envoy p50 {statistics.median(added):.3f} ms  "
        f"p99 {percentile(added, 0.99):.3f} ms"
    )


async def _probe_batch(factory, count: int, label: str) -> None:  # type: ignore[no-untyped-def]
    async with UnitOfWork(factory) as uow:
        rows = []
        for _ in range(count):
            probe_id = uuid4()
            rows.append({"id": probe_id, "label": label})
            uow.emit(ProbeSent(probe_id=probe_id, label=label), key=str(probe_id))
        await uow.session.execute(
            text("INSERT INTO probe (id, label, created_at) VALUES (:id, :label, now())"), rows
        )
        await uow.commit()


async def relay(events: int = 20_000, rate: int = 500, seconds: int = 20) -> None:
    identity = make_engine(control.database_url("identity"))
    notification = make_engine(control.database_url("notification"))
    factory = make_session_factory(identity)

    # Throughput: commit a backlog while the relay is stopped, then time how fast it drains.
    control.stop("identity-worker")
    async with identity.connect() as connection:
        before = (
            await connection.execute(text("SELECT coalesce(max(id), 0) FROM outbox_message"))
        ).scalar_one()
    backlog_label = f"backlog-{uuid4()}"
    for _ in range(events // 1000):
        await _probe_batch(factory, 1000, backlog_label)
    control.start("identity-worker")
    async with identity.connect() as connection:
        while True:
            row = (
                await connection.execute(
                    text(
                        "SELECT count(*) FILTER (WHERE published_at IS NULL), "
                        "min(published_at), max(published_at) FROM outbox_message WHERE id > :b"
                    ),
                    {"b": before},
                )
            ).one()
            await connection.commit()
            if row[0] == 0:
                break
            await asyncio.sleep(0.2)
    drained = (row[2] - row[1]).total_seconds()
    print(
        f"relay: {events} events published and acknowledged in {drained:.2f} s "
        f"= {events / max(drained, 1e-6):,.0f} events/s"
    )

    # The consumer must have absorbed that backlog, or the latency run would wait behind it.
    started = time.monotonic()
    async with notification.connect() as connection:
        while (
            await connection.execute(
                text("SELECT count(*) FROM probe_receipt WHERE label = :m"), {"m": backlog_label}
            )
        ).scalar_one() < events:
            await connection.commit()
            await asyncio.sleep(0.2)
    print(f"relay: notification consumed the backlog {time.monotonic() - started:.1f} s later")

    # Latency: paced commits of single events at `rate`/s; receipt time in notification.
    marker = f"lat-{uuid4()}"
    started = time.monotonic()
    sent = 0

    async def commit_one() -> None:
        probe_id = uuid4()
        async with UnitOfWork(factory) as uow:
            await uow.session.execute(
                text(
                    "INSERT INTO probe (id, label, created_at) "
                    "VALUES (:id, :label, clock_timestamp())"
                ),
                {"id": probe_id, "label": marker},
            )
            uow.emit(ProbeSent(probe_id=probe_id, label=marker), key=str(probe_id))
            await uow.commit()

    async def sender(first: int, stride: int) -> None:
        # Commit number i is due at started + i/rate: several senders keep the pace even
        # when one commit takes longer than 1/rate.
        nonlocal sent
        number = first
        while number < rate * seconds:
            delay = started + number / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await commit_one()
            sent += 1
            number += stride

    await asyncio.gather(*(sender(k, 8) for k in range(8)))
    achieved = sent / (time.monotonic() - started)
    deadline = time.monotonic() + 60
    async with notification.connect() as connection:
        while time.monotonic() < deadline:
            received = (
                await connection.execute(
                    text("SELECT count(*) FROM probe_receipt WHERE label = :m"), {"m": marker}
                )
            ).scalar_one()
            await connection.commit()
            if received >= sent:
                break
            await asyncio.sleep(0.5)
    async with identity.connect() as connection:
        created = dict(
            (
                await connection.execute(
                    text("SELECT id, created_at FROM probe WHERE label = :m"), {"m": marker}
                )
            ).all()
        )
    async with notification.connect() as connection:
        receipts = (
            await connection.execute(
                text("SELECT probe_id, received_at FROM probe_receipt WHERE label = :m"),
                {"m": marker},
            )
        ).all()
    latencies = [
        (received_at - created[probe_id]) / timedelta(milliseconds=1)
        for probe_id, received_at in receipts
    ]
    print(f"relay: paced {achieved:.0f} events/s for {seconds} s; {len(receipts)}/{sent} consumed")
    print(
        f"relay: commit-to-consume p50 {statistics.median(latencies):.1f} ms  "
        f"p99 {percentile(latencies, 0.99):.1f} ms"
    )
    await identity.dispose()
    await notification.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["all", "startup", "memory", "gateway", "relay"])
    parser.add_argument("--rate", type=int, default=500, help="paced events/s for the latency run")
    args = parser.parse_args()
    what = args.what
    os.chdir(ROOT)
    if what in ("all", "startup"):
        startup()
    if what in ("all", "memory"):
        memory()
    if what in ("all", "gateway"):
        gateway()
    if what in ("all", "relay"):
        asyncio.run(relay(rate=args.rate))


if __name__ == "__main__":
    main()
