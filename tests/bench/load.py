"""Load and fault bench through the gateway (issue 6): not a pass/fail test.

    .venv/bin/python tests/bench/load.py --minutes 10 --rate 20 --faults all
    .venv/bin/python tests/bench/load.py --seconds 20 --rate 5 --users 4 --faults none

An open-loop generator (arrivals at --rate per second, Poisson, whatever the answers' speed)
drives a mix of what institutions and the office do, each user from its own loopback address
(the gateway limits per address): logins with the SMS code read from the developer inbox,
beneficiary lists and edits, invoice submissions of the ten forms with an Idempotency-Key
(retried with the same key after a failure, as the web does), and office decisions with a
client-credentials token. Invoices join the mix once POST /api/invoicing/invoices answers.

Faults (guichet_local.control), spread over the run, each stopped for --fault-seconds then
started again: a service API (beneficiary-api), a worker (notification-worker), the broker
(kafka), PostgreSQL. Whatever happens, everything stopped is started again.

After the run it waits for the workers to catch up and checks that every accepted request is
reflected exactly once: one SMS per login, one audit entry per beneficiary edit, one invoice per
accepted submission, one PDF copy per invoice with the final status, one e-mail per decision.
Requests whose outcome is unknown (timeout, connection lost, 502/503/504) may or may not have
been applied: they are reported apart and never counted as duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import random
import re
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[2]
GATEWAY = "http://127.0.0.1:8000"
INBOX = "http://127.0.0.1:8025/dev/inbox/api/messages"
STATE = ROOT / ".run" / "state"
PASSWORD = "Un cheval vert sur la Planta"
FAULTS = ("beneficiary-api", "notification-worker", "kafka", "postgres")
# Answers after which the request may or may not have been applied.
UNKNOWN_STATUSES = {502, 503, 504}
# Identity sends at most 10 codes an hour to one account; the setup login uses one.
LOGINS_PER_USER = 8
LOGIN_SHARE = 0.05
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# --- measurements -------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    at: float  # seconds since the start of the run, when the request was sent
    latency: float
    ok: bool
    status: int  # 0: no answer


@dataclass
class Fault:
    part: str
    stopped_at: float
    restarted_at: float = 0.0
    ready_at: float = 0.0


@dataclass
class Recorder:
    started: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)

    def now(self) -> float:
        return time.monotonic() - self.started

    async def call(
        self, kind: str, send: Callable[[], Awaitable[httpx.Response]], ok: tuple[int, ...]
    ) -> httpx.Response | None:
        at = self.now()
        began = time.perf_counter()
        try:
            answer = await send()
        except httpx.HTTPError:
            self.samples.append(Sample(kind, at, time.perf_counter() - began, False, 0))
            return None
        success = answer.status_code in ok
        self.samples.append(
            Sample(kind, at, time.perf_counter() - began, success, answer.status_code)
        )
        return answer


def unknown_outcome(answer: httpx.Response | None) -> bool:
    return answer is None or answer.status_code in UNKNOWN_STATUSES


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- the people ---------------------------------------------------------------------------------


@dataclass
class User:
    index: int
    email: str
    mobile: str
    http: httpx.AsyncClient
    institution_id: str = ""
    token: str = ""
    adult_id: str = ""
    minor_id: str = ""
    attachment_id: str = ""
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)
    logins: int = 0  # login starts answered 200 (each sent one SMS)
    logins_unknown: int = 0
    busy: bool = False
    # A code that never came may still arrive during a later login and pass for its code.
    sms_overdue: bool = False
    locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))

    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}


@dataclass
class Invoice:
    id: str
    revision: int
    decision: str = ""  # accepted | correction_requested | refused


@dataclass
class Ledger:
    """What the generator saw accepted, to compare with the databases and the inbox."""

    edits: Counter[str] = field(default_factory=Counter)
    edits_unknown: Counter[str] = field(default_factory=Counter)
    invoices: dict[str, Invoice] = field(default_factory=dict)
    invoices_unknown: int = 0
    undecided: list[Invoice] = field(default_factory=list)


def client(index: int, run: int) -> httpx.AsyncClient:
    # 127.<run>.<i>.<j>: an address of its own per user; the gateway's limits are per address.
    address = f"127.{100 + run % 100}.{index // 250}.{index % 250 + 1}"
    return httpx.AsyncClient(
        base_url=GATEWAY,
        transport=httpx.AsyncHTTPTransport(local_address=address),
        timeout=10.0,
    )


def mobile_number() -> str:
    return f"+4179{random.randint(1_000_000, 9_999_999)}"


def gln() -> str:
    base = "76" + str(uuid.uuid4().int)[:10]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(base)))
    return base + str((10 - total % 10) % 10)


def avs() -> str:
    base = "756" + str(uuid.uuid4().int)[:9]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(base)))
    digits = base + str((10 - total % 10) % 10)
    return f"{digits[:3]}.{digits[3:7]}.{digits[7:11]}.{digits[11:]}"


def decision_number() -> str:
    return f"323.2026.{random.randint(1_000_000, 9_999_999)}"


def beneficiary_body(birth_date: str, minor: bool) -> dict[str, Any]:
    address = {"street": "Rue du Banc 1", "postcode": "1950", "locality": "Sion"}
    return {
        "last_name": "Charge",
        "first_name": "Léa",
        "birth_date": birth_date,
        "address": address,
        "avs": avs(),
        "representative": {"name": "Marc Charge", "address": address, "relationship": "Père"}
        if minor
        else None,
        "decisions": [{"number": decision_number().replace(".", ""), "description": "Banc"}],
        "bank": {
            "iban": "CH44 3199 9123 0008 8901 2",
            "reference": "21 00000 00003 13947 14300 09017",
        },
    }


class Office:
    """The office's client-credentials token, renewed before it runs out."""

    def __init__(self, run: int) -> None:
        self.http = client(60_000, run)  # 127.x.240.1: apart from the users
        self.token = ""
        self.fetched = 0.0

    async def headers(self) -> dict[str, str]:
        if time.monotonic() - self.fetched > 600:
            secret = (STATE / "client-office-cli.secret").read_text().strip()
            answer = await self.http.post(
                "/api/identity/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "scope": "registrations:review invoices:review",
                },
                auth=("office-cli", secret),
            )
            answer.raise_for_status()
            self.token = answer.json()["access_token"]
            self.fetched = time.monotonic()
        return {"authorization": f"Bearer {self.token}"}


# --- inbox --------------------------------------------------------------------------------------


async def inbox(http: httpx.AsyncClient, to: str, kind: str) -> list[dict[str, Any]]:
    answer = await http.get(INBOX, params={"to": to, "kind": kind})
    answer.raise_for_status()
    return list(answer.json())


async def sms_code(http: httpx.AsyncClient, mobile: str, seen: set[str], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            for message in await inbox(http, mobile, "sms"):
                if message["id"] not in seen:
                    seen.add(message["id"])
                    found = re.search(r"\b(\d{6})\b", message["text"])
                    if found:
                        return found.group(1)
        await asyncio.sleep(0.3)
    raise TimeoutError(f"no SMS to {mobile} within {seconds}s")


# --- the bench ----------------------------------------------------------------------------------


class Bench:
    def __init__(self, users: int, run: int | None = None) -> None:
        self.run = run if run is not None else random.randint(0, 99)
        self.users = [
            User(
                i, f"bench.{uuid.uuid4().hex[:12]}@example.ch", mobile_number(), client(i, self.run)
            )
            for i in range(users)
        ]
        self.office = Office(self.run)
        self.plain = httpx.AsyncClient(timeout=10.0)
        self.recorder = Recorder()
        self.ledger = Ledger()
        self.faults: list[Fault] = []
        self.seen_sms: dict[str, set[str]] = defaultdict(set)
        self.invoicing = False
        self.tasks: set[asyncio.Task[None]] = set()
        self.form_turn = 0
        self.failures_shown: dict[str, bool] = {}

    async def close(self) -> None:
        for user in self.users:
            await user.http.aclose()
        await self.office.http.aclose()
        await self.plain.aclose()

    # --- setup: approved institutions, logged-in managers, beneficiaries, an attachment ---------

    async def setup(self) -> None:
        gate = asyncio.Semaphore(6)

        async def one(user: User) -> None:
            async with gate:
                await self.register_and_approve(user)
            await self.wait_active_and_login(user)
            for birth, slot in (("1975-02-03", "adult_id"), ("2015-04-05", "minor_id")):
                body = beneficiary_body(birth, minor=slot == "minor_id")
                answer = await user.http.post(
                    "/api/beneficiary/beneficiaries", json=body, headers=user.auth()
                )
                if answer.status_code != 201:
                    raise RuntimeError(f"beneficiary refused: {answer.status_code} {answer.text}")
                setattr(user, slot, answer.json()["id"])
                user.bodies[answer.json()["id"]] = body

        await asyncio.gather(*(one(u) for u in self.users))
        self.invoicing = await self.invoicing_answers()
        if self.invoicing:
            await asyncio.gather(*(self.upload_attachment(u) for u in self.users))

    async def register_and_approve(self, user: User) -> None:
        body = {
            "account_type": "institution",
            "company": {
                "name": f"Banc d'essai {user.index}",
                "gln": gln(),
                "uid": "CHE-116.281.710",
                "street": "Av. de la Gare 15",
                "postcode": "1950",
                "locality": "Sion",
                "phone": "027 324 96 11",
            },
            "manager": {
                "first_name": "Paul",
                "last_name": f"Banc{user.index}",
                "email": user.email,
                "password": PASSWORD,
                "mobile": user.mobile,
                "language": "fr",
            },
            "terms_accepted": True,
        }
        answer = await user.http.post("/api/organisation/registrations", json=body)
        if answer.status_code != 201:
            raise RuntimeError(f"registration refused: {answer.status_code} {answer.text}")
        user.institution_id = answer.json()["institution_id"]
        approved = await self.office.http.post(
            f"/internal/organisation/registrations/{user.institution_id}/approve",
            headers=await self.office.headers(),
        )
        if approved.status_code != 200:
            raise RuntimeError(f"approval refused: {approved.status_code} {approved.text}")

    async def wait_active_and_login(self, user: User) -> None:
        # A pending account answers the right password with a refusal; 30 tries a minute per
        # address are allowed on the authentication routes, so poll gently.
        for _ in range(40):
            started = await user.http.post(
                "/api/identity/auth/login", json={"email": user.email, "password": PASSWORD}
            )
            if started.status_code == 200:
                user.logins += 1
                try:
                    code = await sms_code(self.plain, user.mobile, self.seen_sms[user.mobile], 30)
                except TimeoutError:
                    # E.g. the notification worker was restarted meanwhile: log in again, and
                    # keep this user out of the timed logins (the late code could mislead them).
                    user.sms_overdue = True
                    continue
                verified = await user.http.post(
                    "/api/identity/auth/login/verify",
                    json={"challenge_id": started.json()["challenge_id"], "code": code},
                )
                if verified.status_code == 200:
                    user.token = verified.json()["access_token"]
                    return
            await asyncio.sleep(2.5)
        raise RuntimeError(f"{user.email} was never activated")

    async def invoicing_answers(self) -> bool:
        """True once the invoicing API validates a submission (an empty body answers 422)."""
        user = self.users[0]
        try:
            answer = await user.http.post(
                "/api/invoicing/invoices",
                json={},
                headers={**user.auth(), "idempotency-key": str(uuid.uuid4())},
            )
        except httpx.HTTPError:
            return False
        return answer.status_code == 422

    async def upload_attachment(self, user: User) -> None:
        answer = await user.http.post(
            "/api/documents/files",
            params={"purpose": "invoice_attachment", "filename": "facture.pdf"},
            content=TINY_PDF,
            headers={**user.auth(), "content-type": "application/pdf"},
        )
        answer.raise_for_status()
        user.attachment_id = answer.json()["id"]

    # --- operations ------------------------------------------------------------------------

    def pick(self) -> User:
        return random.choice(self.users)

    async def login(self) -> None:
        candidates = [
            u for u in self.users if u.logins < LOGINS_PER_USER and not u.busy and not u.sms_overdue
        ]
        if not candidates:
            return
        user = random.choice(candidates)
        user.busy = True
        try:
            started = await self.recorder.call(
                "login",
                lambda: user.http.post(
                    "/api/identity/auth/login", json={"email": user.email, "password": PASSWORD}
                ),
                (200,),
            )
            if started is None or started.status_code != 200:
                user.logins_unknown += unknown_outcome(started)
                return
            user.logins += 1
            # From the login's answer to the code in the inbox: outbox, broker, worker, capture.
            asked, began = self.recorder.now(), time.perf_counter()
            try:
                code = await sms_code(self.plain, user.mobile, self.seen_sms[user.mobile], 45)
            except TimeoutError:
                self.recorder.samples.append(Sample("sms_delivery", asked, 45, False, 0))
                user.sms_overdue = True
                return
            waited = time.perf_counter() - began
            self.recorder.samples.append(Sample("sms_delivery", asked, waited, True, 200))
            verified = await self.recorder.call(
                "login_verify",
                lambda: user.http.post(
                    "/api/identity/auth/login/verify",
                    json={"challenge_id": started.json()["challenge_id"], "code": code},
                ),
                (200,),
            )
            if verified is not None and verified.status_code == 200:
                user.token = verified.json()["access_token"]
        finally:
            user.busy = False

    async def list_beneficiaries(self) -> None:
        user = self.pick()
        await self.recorder.call(
            "beneficiary_list",
            lambda: user.http.get(
                "/api/beneficiary/beneficiaries", params={"name": "char"}, headers=user.auth()
            ),
            (200,),
        )

    async def edit_beneficiary(self) -> None:
        user = self.pick()
        target = random.choice([user.adult_id, user.minor_id])
        async with user.locks[target]:
            body = dict(user.bodies[target])
            body["address"] = {**body["address"], "street": f"Rue du Banc {random.randint(2, 999)}"}
            answer = await self.recorder.call(
                "beneficiary_edit",
                lambda: user.http.put(
                    f"/api/beneficiary/beneficiaries/{target}", json=body, headers=user.auth()
                ),
                (200,),
            )
        if answer is not None and answer.status_code == 200:
            self.ledger.edits[target] += 1
        elif unknown_outcome(answer):
            self.ledger.edits_unknown[target] += 1

    async def submit_invoice(self) -> None:
        user = self.pick()
        form = FORMS[self.form_turn % len(FORMS)]
        self.form_turn += 1
        body = invoice_body(form, user)
        key = str(uuid.uuid4())
        answer = None
        for attempt in range(4):
            answer = await self.recorder.call(
                "invoice_submit",
                lambda: user.http.post(
                    "/api/invoicing/invoices",
                    json=body,
                    headers={**user.auth(), "idempotency-key": key},
                ),
                (200, 201),
            )
            if not unknown_outcome(answer):
                break
            # The same key again, as the web retries: the invoice is created once at most.
            await asyncio.sleep(1.5 * (attempt + 1))
        if answer is not None and answer.status_code in (200, 201):
            out = answer.json()
            invoice = Invoice(out["id"], out["revision"])
            self.ledger.invoices.setdefault(invoice.id, invoice)
            self.ledger.undecided.append(invoice)
        elif unknown_outcome(answer):
            self.ledger.invoices_unknown += 1

    async def decide(self) -> None:
        if not self.ledger.undecided:
            return
        invoice = self.ledger.undecided.pop(random.randrange(len(self.ledger.undecided)))
        decision, path, extra = random.choice(
            [
                ("accepted", "accept", {}),
                ("correction_requested", "request-correction", {"message": "Pièce illisible."}),
                ("refused", "refuse", {"reason": "Hors délai."}),
            ]
        )
        headers = await self.office.headers()
        answer = await self.recorder.call(
            "office_decision",
            lambda: self.office.http.post(
                f"/internal/invoicing/invoices/{invoice.id}/{path}",
                json={"revision": invoice.revision, **extra},
                headers=headers,
            ),
            (200,),
        )
        if answer is not None and answer.status_code == 200:
            invoice.decision = decision
        elif unknown_outcome(answer):
            invoice.decision = "unknown"
        else:
            self.ledger.undecided.append(invoice)

    def mix(self) -> list[tuple[Callable[[], Awaitable[None]], float]]:
        base: list[tuple[Callable[[], Awaitable[None]], float]] = [
            (self.login, LOGIN_SHARE),
            (self.list_beneficiaries, 0.30),
            (self.edit_beneficiary, 0.25),
        ]
        if self.invoicing:
            base += [(self.submit_invoice, 0.25), (self.decide, 0.15)]
        return base

    # --- the run --------------------------------------------------------------------------

    async def drive(self, seconds: float, rate: float) -> None:
        operations, weights = zip(*self.mix(), strict=True)
        end = self.recorder.now() + seconds
        due = self.recorder.now()
        while True:
            due += random.expovariate(rate)
            if due >= end:
                break
            await asyncio.sleep(max(0.0, due - self.recorder.now()))
            operation = random.choices(operations, weights)[0]
            task = asyncio.create_task(self.guarded(operation))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)

    async def guarded(self, operation: Callable[[], Awaitable[None]]) -> None:
        """An operation that broke off (e.g. no office token during a fault) counts as an error."""
        at = self.recorder.now()
        try:
            await operation()
        except (httpx.HTTPError, KeyError, ValueError) as error:
            name = getattr(operation, "__name__", "operation")
            self.recorder.samples.append(Sample(name, at, self.recorder.now() - at, False, 0))
            if not self.failures_shown.get(name):
                self.failures_shown[name] = True
                print(f"[{at:6.1f}s] {name} broke off: {error!r}", flush=True)

    async def inject(self, parts: list[str], run_for: float, hold: float) -> None:
        from guichet_local import control

        for i, part in enumerate(parts):
            await asyncio.sleep(
                max(0.0, run_for * (i + 1) / (len(parts) + 1) - self.recorder.now())
            )
            fault = Fault(part, self.recorder.now())
            self.faults.append(fault)
            print(f"[{fault.stopped_at:6.1f}s] stopping {part}", flush=True)
            try:
                await asyncio.to_thread(control.stop, part)
                await asyncio.sleep(hold)
            finally:
                fault.restarted_at = self.recorder.now()
                await asyncio.to_thread(control.start, part)
                fault.ready_at = self.recorder.now()
                print(f"[{fault.ready_at:6.1f}s] {part} ready again", flush=True)


# --- the ten forms ------------------------------------------------------------------------------

AIDS = ("318.635", "318.636", "318.637", "318.638", "318.639")
FORMS = (
    *AIDS,
    "318.632.2",
    "300.001",
    "318.536",
    "318.632.1",
    "318.632",
)


def invoice_body(form: str, user: User) -> dict[str, Any]:
    month = f"2026-{random.randint(1, 10):02d}"
    content: dict[str, Any]
    attachments: list[dict[str, str]] = []
    beneficiary = user.adult_id
    if form in AIDS:
        content = {
            "lines": [
                {
                    "article": "Fauteuil",
                    "supplier": "Atelier Sion",
                    "delivery_date": "2026-10-05",
                    "quantity": "1",
                    "unit_price": "420.50",
                }
            ]
        }
        attachments = [{"file_id": user.attachment_id, "kind": "supplier_invoice"}]
    elif form == "318.632.2":
        beneficiary = user.minor_id
        content = {
            "month": month,
            "helplessness": "moderate",
            "ssi": None,
            "nights_home": 20,
            "nights_away": 5,
        }
    elif form == "300.001":
        content = {
            "fitting": "first",
            "seller": "Audition Sàrl",
            "delivery_date": "2026-10-05",
            "lines": [{"code": "909.06"}],
        }
    elif form == "318.536":
        content = {
            "month": month,
            "assistants": [
                {
                    "name": "Anna Meier",
                    "relative": False,
                    "hours": "10",
                    "qualified_hours": "2",
                    "nights": [1, 0, 0, 0],
                    "continued_wage_days": 0,
                    "continued_wage_amount": "0",
                }
            ],
        }
        attachments = [{"file_id": user.attachment_id, "kind": "payslip"}]
    elif form == "318.632.1":
        content = {
            "companion": False,
            "lines": [
                {
                    "date": "2026-10-06",
                    "from": "Sion",
                    "to": "Lausanne",
                    "purpose": "Mesure de réadaptation",
                    "transport": "car",
                    "km": "94",
                    "hours_away": "6",
                    "nights_away": 0,
                    "board_paid": False,
                }
            ],
        }
    else:
        content = {
            "lines": [
                {
                    "date": "2026-10-01",
                    "description": "Séance",
                    "tariff_code": "7301",
                    "quantity": 2,
                    "rate": "45.15",
                }
            ]
        }
    return {
        "form": form,
        "beneficiary_id": beneficiary,
        "payee": {"kind": "beneficiary"},
        # A decision number of its own: monthly forms allow one invoice per number and month.
        "decision": {"number": decision_number(), "description": "", "save": False},
        "invoice_date": date.today().isoformat(),
        "invoice_number": f"B-{uuid.uuid4().hex[:8]}",
        "remark": "",
        "attachments": attachments,
        "content": content,
    }


# --- after the run: every accepted request reflected exactly once --------------------------------


@dataclass
class Check:
    item: str
    accepted: int
    found: int
    lost: int
    duplicated: int
    unknown: int


async def connect(service: str) -> asyncpg.Connection:
    from guichet_local import control

    url = control.database_url(service).replace("postgresql+asyncpg://", "postgresql://")
    return await asyncpg.connect(url)


async def count_rows(service: str, sql: str, *args: Any) -> dict[str, int]:
    connection = await connect(service)
    try:
        return {str(row[0]): int(row[1]) for row in await connection.fetch(sql, *args)}
    finally:
        await connection.close()


def compare(
    item: str, expected: dict[str, int], found: dict[str, int], unknown: dict[str, int]
) -> Check:
    lost = sum(max(0, n - found.get(k, 0)) for k, n in expected.items())
    duplicated = sum(
        max(0, found.get(k, 0) - n - unknown.get(k, 0)) for k, n in expected.items()
    ) + sum(max(0, n - unknown.get(k, 0)) for k, n in found.items() if k not in expected)
    return Check(
        item,
        sum(expected.values()),
        sum(found.values()),
        lost,
        duplicated,
        sum(unknown.values()),
    )


async def checks(bench: Bench) -> list[Check]:
    users = bench.users
    ledger = bench.ledger
    results: list[Check] = []

    sms = {}
    for user in users:
        sms[user.mobile] = len(await inbox(bench.plain, user.mobile, "sms"))
    results.append(
        compare(
            "SMS per login",
            {u.mobile: u.logins for u in users},
            sms,
            {u.mobile: u.logins_unknown for u in users},
        )
    )

    ids = [uuid.UUID(u.adult_id) for u in users] + [uuid.UUID(u.minor_id) for u in users]
    audit = await count_rows(
        "beneficiary",
        "SELECT beneficiary_id, count(*) FROM audit_entry"
        " WHERE action = 'update' AND beneficiary_id = ANY($1) GROUP BY 1",
        ids,
    )
    results.append(
        compare("beneficiary edits (audit)", dict(ledger.edits), audit, dict(ledger.edits_unknown))
    )

    if not bench.invoicing:
        return results
    institutions = [uuid.UUID(u.institution_id) for u in users]
    stored = await count_rows(
        "invoicing",
        "SELECT id, 1 FROM invoice WHERE institution_id = ANY($1)",
        institutions,
    )
    accepted = dict.fromkeys(ledger.invoices, 1)
    check = compare("invoices", accepted, stored, {})
    # An invoice created by a request whose answer was lost is not a duplicate.
    extra = len([k for k in stored if k not in accepted])
    check.duplicated = max(0, extra - ledger.invoices_unknown)
    check.unknown = ledger.invoices_unknown
    results.append(check)

    # From here on the invoicing database is the truth: what each invoice became.
    statuses = await text_rows(
        "invoicing",
        "SELECT id, status, reference FROM invoice WHERE institution_id = ANY($1)",
        institutions,
    )
    decided = {k: v for k, v in statuses.items() if v[0] != "submitted"}
    decisions = await count_rows(
        "invoicing",
        "SELECT e.invoice_id, count(*) FROM invoice_event e JOIN invoice i ON i.id = e.invoice_id"
        " WHERE i.institution_id = ANY($1) AND e.status <> 'submitted' GROUP BY 1",
        institutions,
    )
    answered = {i.id: 1 for i in ledger.invoices.values() if i.decision not in ("", "unknown")}
    unknown = {i.id: 1 for i in ledger.invoices.values() if i.decision == "unknown"}
    results.append(compare("office decisions", answered, decisions, unknown))

    copies = await count_rows(
        "documents",
        "SELECT invoice_id || ':' || status, count(*) FROM invoice_copy"
        " WHERE version = 1 AND rendered_at IS NOT NULL AND invoice_id = ANY($1) GROUP BY 1",
        [uuid.UUID(i) for i in statuses],
    )
    # (invoice, version) is unique in documents: "duplicated" here would be a stray status.
    expected_copies = {f"{i}:{status}": 1 for i, (status, _) in statuses.items()}
    results.append(compare("PDF copies (final status)", expected_copies, copies, {}))

    mails: dict[str, int] = {}
    for user in users:
        for message in await inbox(bench.plain, user.email, "email"):
            text = f"{message['subject']}\n{message['text']}"
            for reference in set(re.findall(r"F-\d{4}-\d{6}", text)):
                mails[reference] = mails.get(reference, 0) + 1
    expected_mails = {reference: 1 for _, reference in decided.values()}
    results.append(compare("decision e-mails", expected_mails, mails, {}))
    return results


async def text_rows(service: str, sql: str, *args: Any) -> dict[str, tuple[str, str]]:
    connection = await connect(service)
    try:
        return {str(r[0]): (str(r[1]), str(r[2])) for r in await connection.fetch(sql, *args)}
    finally:
        await connection.close()


async def settle(bench: Bench, seconds: float) -> list[Check]:
    """Checks again until nothing is missing (workers catching up) or the time is up."""
    deadline = time.monotonic() + seconds
    while True:
        results = await checks(bench)
        if all(c.lost == 0 for c in results) or time.monotonic() > deadline:
            return results
        await asyncio.sleep(3)


# --- report -------------------------------------------------------------------------------------


def report(bench: Bench, seconds: float, results: list[Check]) -> dict[str, Any]:
    samples = bench.recorder.samples
    kinds = sorted({s.kind for s in samples})
    per_kind = {}
    for kind in kinds:
        mine = [s for s in samples if s.kind == kind]
        ok = [s.latency * 1000 for s in mine if s.ok]
        per_kind[kind] = {
            "requests": len(mine),
            "errors": len(mine) - len(ok),
            "error_statuses": dict(Counter(s.status for s in mine if not s.ok)),
            "p50_ms": round(percentile(ok, 0.50), 1),
            "p99_ms": round(percentile(ok, 0.99), 1),
        }
    # The overall figures are for HTTP requests; SMS delivery is a delay, shown on its own line.
    requests = [s for s in samples if s.kind != "sms_delivery"]
    ok_all = [s.latency * 1000 for s in requests if s.ok]
    # Steady state: outside every fault, from its stop until 30 s after the part is ready again.
    steady = [
        s.latency * 1000
        for s in requests
        if s.ok and not any(f.stopped_at <= s.at <= f.ready_at + 30 for f in bench.faults)
    ]
    faults = []
    for fault in bench.faults:
        during = [s for s in samples if fault.stopped_at <= s.at <= fault.ready_at]
        failed = [s for s in during if not s.ok]
        failed_kinds = {s.kind for s in failed}
        recovery = 0.0
        for kind in failed_kinds:
            later = [
                s.at for s in samples if s.kind == kind and s.ok and s.at >= fault.restarted_at
            ]
            first = min(later) if later else None
            gap = (first - fault.restarted_at) if first is not None else float("inf")
            recovery = max(recovery, gap)
        faults.append(
            {
                "part": fault.part,
                "stopped_at_s": round(fault.stopped_at, 1),
                "down_s": round(fault.restarted_at - fault.stopped_at, 1),
                "restart_s": round(fault.ready_at - fault.restarted_at, 1),
                "requests_during": len(during),
                "failed_during": len(failed),
                "recovery_s": round(recovery, 1),
            }
        )
    return {
        "seconds": round(seconds, 1),
        "users": len(bench.users),
        "invoicing_in_mix": bench.invoicing,
        "requests": len(requests),
        "throughput_rps": round(len(requests) / seconds, 2) if seconds else 0.0,
        "successful_rps": round(len(ok_all) / seconds, 2) if seconds else 0.0,
        "errors": len(requests) - len(ok_all),
        "p50_ms": round(percentile(ok_all, 0.50), 1),
        "p99_ms": round(percentile(ok_all, 0.99), 1),
        "steady_requests": len(steady),
        "steady_p50_ms": round(percentile(steady, 0.50), 1),
        "steady_p99_ms": round(percentile(steady, 0.99), 1),
        "by_kind": per_kind,
        # Failed requests per 10 s of the run (by send time): tells faults from other causes.
        "errors_by_10s": dict(
            sorted(Counter(int(s.at // 10) * 10 for s in requests if not s.ok).items())
        ),
        "faults": faults,
        "checks": [c.__dict__ for c in results],
    }


def show(summary: dict[str, Any]) -> None:
    print(
        f"\n{summary['requests']} requests in {summary['seconds']} s"
        f" ({summary['throughput_rps']} req/s, {summary['successful_rps']} ok/s),"
        f" {summary['errors']} errors, p50 {summary['p50_ms']} ms, p99 {summary['p99_ms']} ms;"
        f" {summary['users']} users, invoices in the mix: {summary['invoicing_in_mix']}"
    )
    if summary["faults"]:
        print(
            f"outside the faults (until 30 s after each is ready): {summary['steady_requests']}"
            f" successful requests, p50 {summary['steady_p50_ms']} ms,"
            f" p99 {summary['steady_p99_ms']} ms"
        )
    print(f"{'kind':<20}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}  error statuses")
    for kind, row in summary["by_kind"].items():
        print(
            f"{kind:<20}{row['requests']:>10}{row['errors']:>8}{row['p50_ms']:>9}"
            f"{row['p99_ms']:>9}  {row['error_statuses'] or ''}"
        )
    if summary["errors_by_10s"]:
        timeline = ", ".join(f"{at} s: {n}" for at, n in summary["errors_by_10s"].items())
        print(f"failed requests by 10 s of the run: {timeline}")
    for fault in summary["faults"]:
        print(
            f"fault {fault['part']:<20} at {fault['stopped_at_s']:>6} s: down {fault['down_s']} s,"
            f" restart {fault['restart_s']} s, {fault['failed_during']}/{fault['requests_during']}"
            f" failed, recovered {fault['recovery_s']} s after the restart began"
        )
    for check in summary["checks"]:
        print(
            f"{check['item']:<28} accepted {check['accepted']:>5}  found {check['found']:>5}"
            f"  lost {check['lost']}  duplicated {check['duplicated']}"
            f"  (outcome unknown {check['unknown']})"
        )


async def run(
    seconds: float,
    rate: float,
    users: int,
    faults: list[str],
    fault_seconds: float = 10.0,
    settle_seconds: float = 120.0,
) -> dict[str, Any]:
    """Set up, drive the mix (with the faults), settle, check; the summary as a dict."""
    bench = Bench(users)
    try:
        print(f"setting up {users} approved institutions ...", flush=True)
        began = time.monotonic()
        await bench.setup()
        print(
            f"setup {time.monotonic() - began:.0f} s; invoicing in the mix: {bench.invoicing}",
            flush=True,
        )
        bench.recorder = Recorder()
        jobs = [bench.drive(seconds, rate)]
        if faults:
            jobs.append(bench.inject(faults, seconds, fault_seconds))
        await asyncio.gather(*jobs)
        elapsed = bench.recorder.now()
        results = await settle(bench, settle_seconds)
        return report(bench, elapsed, results)
    finally:
        await bench.close()


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    length = cli.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float)
    length.add_argument("--seconds", type=float)
    cli.add_argument("--rate", type=float, default=10.0, help="arrivals per second (10)")
    cli.add_argument(
        "--users", type=int, help="approved institutions (default: enough for the logins)"
    )
    cli.add_argument(
        "--faults",
        default="all",
        help=f"comma-separated parts, 'all' ({','.join(FAULTS)}) or 'none'",
    )
    cli.add_argument("--fault-seconds", type=float, default=10.0)
    cli.add_argument("--json", type=Path, help="also write the summary here")
    args = cli.parse_args(argv)
    seconds = args.seconds or (args.minutes or 2.0) * 60
    faults = (
        list(FAULTS)
        if args.faults == "all"
        else []
        if args.faults == "none"
        else args.faults.split(",")
    )
    # Each account takes at most LOGINS_PER_USER logins: enough accounts for the login share.
    users = args.users or max(
        4, math.ceil(1.2 * args.rate * seconds * LOGIN_SHARE / LOGINS_PER_USER)
    )
    summary = asyncio.run(run(seconds, args.rate, users, faults, args.fault_seconds))
    show(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    bad = any(c["lost"] or c["duplicated"] for c in summary["checks"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
