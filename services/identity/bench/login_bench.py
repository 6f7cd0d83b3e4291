"""Login measurements against the running local stack (not a test).

    .venv/bin/python services/identity/bench/login_bench.py [--logins 200] [--concurrency 1]

- argon2: one password verification with identity's configured parameters, in process;
- server: POST /auth/login (password check, argon2 included) and POST /auth/login/verify
  (code check, session, tokens), sent straight to identity on loopback, and their sum
  (goal: p99 <= 300 ms);
- sms: from sending the login request to the SMS reaching the provider adapter, i.e. the
  notification service's local SMS capture (the dev inbox keeps the arrival time in
  nanoseconds in each message id) (goal: p99 <= 500 ms).

It creates its own accounts (e-mails ``bench.*@example.ch``) and activates them the way the
office does (a RegistrationApproved on Kafka); each account logs in at most 5 times, under
the 10 codes per hour rule.
"""

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from contracts.organisation import Manager, RegistrationApproved
from identity.bootstrap import make_hasher
from identity.settings import IdentitySettings
from kernel.messaging import Envelope

ROOT = Path(__file__).resolve().parents[3]
STATE = ROOT / ".run" / "state"
IDENTITY = os.environ.get("GUICHET_IDENTITY_URL", "http://127.0.0.1:8101")
INBOX = "http://127.0.0.1:8025/dev/inbox/api/messages"
KAFKA = "127.0.0.1:59092"
PASSWORD = "Un cheval vert sur la Planta"  # noqa: S105 (the bench accounts' password)
LOGINS_PER_ACCOUNT = 5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name: str, values_ms: list[float], goal: float | None = None) -> None:
    p50, p99 = percentile(values_ms, 0.5), percentile(values_ms, 0.99)
    verdict = ""
    if goal is not None:
        verdict = f"  (goal p99 <= {goal:.0f} ms: {'met' if p99 <= goal else 'MISSED'})"
    print(
        f"{name:<34} n={len(values_ms):<4} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms"
        f"   max {max(values_ms):7.1f} ms{verdict}"
    )


def local_settings() -> IdentitySettings:
    return IdentitySettings(
        mode="local",
        state_dir=STATE,
        database_url="unused",
        kafka_bootstrap="unused",
        jwks_url="unused",
    )


def bench_argon2(samples: int = 50) -> list[float]:
    settings = local_settings()
    hasher = make_hasher(settings)
    print(
        f"argon2id parameters: time_cost={settings.argon2_time_cost} "
        f"memory={settings.argon2_memory_kib} KiB parallelism={settings.argon2_parallelism}"
    )

    async def run() -> list[float]:
        stored = await hasher.hash(PASSWORD)
        timings = []
        for _ in range(samples):
            started = time.perf_counter()
            assert await hasher.verify(stored, PASSWORD)
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    return asyncio.run(run())


def office_token() -> str:
    secret = (STATE / "client-organisation-service.secret").read_text().strip()
    answer = httpx.post(
        f"{IDENTITY}/api/identity/oauth/token",
        data={"grant_type": "client_credentials", "scope": "accounts:create"},
        auth=("organisation-service", secret),
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def create_accounts(count: int) -> list[dict[str, Any]]:
    token = office_token()
    accounts = []
    with httpx.Client(base_url=IDENTITY, headers={"authorization": f"Bearer {token}"}) as http:
        for _ in range(count):
            body = {
                "account_id": str(uuid.uuid4()),
                "email": f"bench.{uuid.uuid4().hex[:12]}@example.ch",
                "password": PASSWORD,
                "mobile": f"+4179{random.randint(1_000_000, 9_999_999)}",
                "language": "fr",
                "first_name": "Bench",
                "last_name": "Mark",
            }
            http.post("/internal/identity/accounts", json=body).raise_for_status()
            accounts.append(body)
    asyncio.run(approve(accounts))
    deadline = time.monotonic() + 30
    pending = list(accounts)
    while pending and time.monotonic() < deadline:
        # Pending accounts answer 403 to the right password; active ones get a challenge
        # (which costs one of their codes: accounted for below).
        pending = [a for a in pending if login(a)[0].status_code == 403]
        time.sleep(0.3)
    if pending:
        sys.exit(f"{len(pending)} accounts were not activated by the identity worker")
    return accounts


async def approve(accounts: list[dict[str, Any]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        for account in accounts:
            event = RegistrationApproved(
                institution_id=uuid.uuid4(),
                institution_name="Bench",
                gln="7601001234560",
                manager=Manager(
                    account_id=uuid.UUID(account["account_id"]),
                    first_name="Bench",
                    last_name="Mark",
                    email=account["email"],
                    language="fr",
                ),
            )
            envelope = Envelope.wrap(event, key=str(event.institution_id), correlation_id="bench")
            await producer.send_and_wait(
                envelope.topic,
                value=envelope.payload,
                key=envelope.key.encode(),
                headers=envelope.headers(),
            )
    finally:
        await producer.stop()


_local = threading.local()


def http() -> httpx.Client:
    """One kept-alive connection per thread: on loopback the client adds well under 1 ms, so
    a request's duration is the server's time (a new client per request would add the cost of
    building an SSL context, tens of milliseconds)."""
    if not hasattr(_local, "client"):
        _local.client = httpx.Client(base_url=IDENTITY, timeout=30)
    client: httpx.Client = _local.client
    return client


def login(account: dict[str, Any]) -> tuple[httpx.Response, float, float]:
    """The answer, the wall-clock send time (s) and the request's duration (ms)."""
    sent_at = time.time()
    started = time.perf_counter()
    answer = http().post(
        "/api/identity/auth/login", json={"email": account["email"], "password": PASSWORD}
    )
    return answer, sent_at, (time.perf_counter() - started) * 1000


def inbox() -> httpx.Client:
    if not hasattr(_local, "inbox"):
        _local.inbox = httpx.Client(timeout=5)
    client: httpx.Client = _local.inbox
    return client


def newest_sms(mobile: str, known: set[str], timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = inbox().get(INBOX, params={"to": mobile, "kind": "sms"}).json()
        fresh = [m for m in messages if m["id"] not in known]
        if fresh:
            return dict(fresh[0])
        time.sleep(0.01)
    raise TimeoutError(f"no SMS for {mobile}")


def one_login(
    account: dict[str, Any], lock: threading.Lock, results: dict[str, list[float]]
) -> None:
    known = {
        m["id"] for m in httpx.get(INBOX, params={"to": account["mobile"], "kind": "sms"}).json()
    }
    answer, sent_at, login_ms = login(account)
    answer.raise_for_status()
    sms = newest_sms(account["mobile"], known)
    arrived_at = int(sms["id"].split("-", 1)[0]) / 1e9
    code = re.search(r"\b(\d{6})\b", sms["text"])
    assert code is not None
    started = time.perf_counter()
    verified = http().post(
        "/api/identity/auth/login/verify",
        json={"challenge_id": answer.json()["challenge_id"], "code": code.group(1)},
    )
    verify_ms = (time.perf_counter() - started) * 1000
    verified.raise_for_status()
    with lock:
        results["login"].append(login_ms)
        results["verify"].append(verify_ms)
        results["server"].append(login_ms + verify_ms)
        results["sms"].append((arrived_at - sent_at) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()

    report("argon2id verify (in process)", bench_argon2())

    # One login per account was spent on activation.
    accounts = create_accounts(-(-args.logins // (LOGINS_PER_ACCOUNT - 1)))
    plan = [accounts[i % len(accounts)] for i in range(args.logins)]
    results: dict[str, list[float]] = {"login": [], "verify": [], "server": [], "sms": []}
    lock = threading.Lock()
    started = time.monotonic()
    with ThreadPoolExecutor(args.concurrency) as pool:
        # Each account's logins run one after the other (its SMS are told apart by order).
        by_account: dict[str, list[dict[str, Any]]] = {}
        for account in plan:
            by_account.setdefault(account["account_id"], []).append(account)

        def run_account(logins: list[dict[str, Any]]) -> None:
            for account in logins:
                one_login(account, lock, results)

        list(pool.map(run_account, by_account.values()))
    elapsed = time.monotonic() - started
    print(f"{args.logins} logins, concurrency {args.concurrency}, {elapsed:.1f} s")
    report("POST /auth/login (password)", results["login"])
    report("POST /auth/login/verify (code)", results["verify"])
    report("password + code (server)", results["server"], goal=300)
    report("login request -> SMS at adapter", results["sms"], goal=500)
    print(f"median of server time: {statistics.median(results['server']):.1f} ms")


if __name__ == "__main__":
    main()
