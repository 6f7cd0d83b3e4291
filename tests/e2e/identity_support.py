"""Helpers for identity's end-to-end tests through the gateway: clients with their own
loopback address (the auth routes allow 30 requests a minute per address), accounts made
active the way the office does it (a RegistrationApproved on Kafka), the developer inbox,
and identity's local test clock."""

import ipaddress
import json
import os
import random
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from aiokafka import AIOKafkaProducer

from contracts.organisation import Manager, RegistrationApproved
from kernel.messaging import Envelope
from tests.conftest import ROOT

BOOTSTRAP = os.environ.get("GUICHET_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
STATE_DIR = Path(os.environ.get("GUICHET_STATE_DIR", ROOT / ".run" / "state"))
INBOX = os.environ.get("GUICHET_INBOX_URL", "http://127.0.0.1:8025/dev/inbox/api/messages")
IDENTITY_URL = os.environ.get("GUICHET_IDENTITY_URL", "http://127.0.0.1:8101")
PASSWORD = "Un cheval vert sur la Planta"


class Edge:
    """Opens gateway clients, each from a fresh loopback address when the gateway is local."""

    def __init__(self, gateway_url: str) -> None:
        self.gateway_url = gateway_url
        self.opened: list[httpx.Client] = []

    def client(self, **headers: str) -> httpx.Client:
        host = urlsplit(self.gateway_url).hostname or ""
        try:
            local = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = False
        transport = None
        if local:
            address = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            transport = httpx.HTTPTransport(local_address=address)
        http = httpx.Client(
            base_url=self.gateway_url, transport=transport, timeout=30.0, headers=headers
        )
        self.opened.append(http)
        return http

    def close(self) -> None:
        for http in self.opened:
            http.close()


def client_secret(client_id: str) -> str:
    return (STATE_DIR / f"client-{client_id}.secret").read_text().strip()


def office_token(edge: Edge, client_id: str = "organisation-service", scope: str = "") -> str:
    """A real client-credentials token from identity, through the gateway."""
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    with edge.client() as http:
        answer = http.post(
            "/api/identity/oauth/token", data=data, auth=(client_id, client_secret(client_id))
        )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def unique_mobile() -> str:
    """A valid Swiss mobile number of its own, so its SMS are easy to find in the inbox."""
    return f"+4179{random.randint(1_000_000, 9_999_999)}"


def create_account(edge: Edge, token: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "account_id": str(uuid.uuid4()),
        "email": f"e2e.{uuid.uuid4().hex[:12]}@example.ch",
        "password": PASSWORD,
        "mobile": unique_mobile(),
        "language": "fr",
        "first_name": "Anne",
        "last_name": "Rey",
        **overrides,
    }
    with edge.client(authorization=f"Bearer {token}") as http:
        answer = http.post("/internal/identity/accounts", json=body)
    assert answer.status_code == 201, answer.text
    return body


async def approve(account: dict[str, Any]) -> uuid.UUID:
    """Publish what organisation publishes when the office approves the registration."""
    event = RegistrationApproved(
        institution_id=uuid.uuid4(),
        institution_name="Atelier e2e",
        gln="7601001234560",
        manager=Manager(
            account_id=uuid.UUID(account["account_id"]),
            first_name=account["first_name"],
            last_name=account["last_name"],
            email=account["email"],
            language=account["language"],
        ),
    )
    envelope = Envelope.wrap(event, key=str(event.institution_id), correlation_id="e2e-identity")
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            envelope.topic,
            value=envelope.payload,
            key=envelope.key.encode(),
            headers=envelope.headers(),
        )
    finally:
        await producer.stop()
    return event.institution_id


def wait_for(condition: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def login(edge: Edge, email: str, password: str = PASSWORD, **headers: str) -> httpx.Response:
    with edge.client(**headers) as http:
        return http.post("/api/identity/auth/login", json={"email": email, "password": password})


async def active_account(edge: Edge, token: str, **overrides: Any) -> dict[str, Any]:
    """An account the office approved: the identity worker applied the decision."""
    account = create_account(edge, token, **overrides)
    account["company_id"] = str(await approve(account))

    def activated() -> bool:
        # A right password tells pending apart from active; a challenge is the proof.
        answer = login(edge, account["email"])
        return answer.status_code == 200

    wait_for(activated, 20, "the identity worker to activate the account")
    # That login sent a code: wait for it, so later tests tell their own SMS from it.
    wait_for(lambda: inbox(account["mobile"], "sms"), 20, "the first SMS")
    return account


def inbox(to: str, kind: str) -> list[dict[str, Any]]:
    answer = httpx.get(INBOX, params={"to": to, "kind": kind}, timeout=5)
    answer.raise_for_status()
    return list(answer.json())


def sms_code(mobile: str, *, after: set[str] | None = None, seconds: float = 20) -> str:
    """The code of the newest SMS to ``mobile`` whose id is not in ``after``."""

    def newest() -> str | None:
        for message in inbox(mobile, "sms"):
            if after is None or message["id"] not in after:
                match = re.search(r"\b(\d{6})\b", message["text"])
                return match.group(1) if match else None
        return None

    return str(wait_for(newest, seconds, f"an SMS to {mobile}"))


def sms_ids(mobile: str) -> set[str]:
    return {m["id"] for m in inbox(mobile, "sms")}


def link_token(email: str, path: str, *, after: set[str], seconds: float = 20) -> str:
    """The ``token`` of the link to ``path`` in the newest e-mail to ``email`` not in ``after``."""

    def newest() -> str | None:
        for message in inbox(email, "email"):
            if message["id"] in after:
                continue
            for link in message["links"]:
                parts = urlsplit(link)
                if parts.path == path:
                    return parse_qs(parts.query)["token"][0]
        return None

    return str(wait_for(newest, seconds, f"an e-mail to {email} with a link to {path}"))


def email_ids(email: str) -> set[str]:
    return {m["id"] for m in inbox(email, "email")}


def logged_in(edge: Edge, account: dict[str, Any]) -> tuple[httpx.Client, str]:
    """A client holding the refresh cookie, and an access token."""
    http = edge.client()
    before = sms_ids(account["mobile"])
    started = http.post(
        "/api/identity/auth/login",
        json={"email": account["email"], "password": account.get("password", PASSWORD)},
    )
    assert started.status_code == 200, started.text
    code = sms_code(account["mobile"], after=before)
    verified = http.post(
        "/api/identity/auth/login/verify",
        json={"challenge_id": started.json()["challenge_id"], "code": code},
    )
    assert verified.status_code == 200, verified.text
    return http, str(verified.json()["access_token"])


@contextmanager
def shifted_clock(mint_office_token: Callable[..., str], seconds: int) -> Iterator[None]:
    """Move identity's clock (local mode only) and always put it back.

    The offset is shared by everyone using the local stack: keep the shifted stretch short.
    """
    headers = {"authorization": f"Bearer {mint_office_token('dev:clock')}"}
    url = f"{IDENTITY_URL}/internal/identity/dev/clock"
    previous = httpx.get(url, headers=headers, timeout=5).json()["offset_seconds"]
    answer = httpx.put(url, json={"offset_seconds": previous + seconds}, headers=headers, timeout=5)
    assert answer.status_code == 200, answer.text
    try:
        yield
    finally:
        httpx.put(url, json={"offset_seconds": previous}, headers=headers, timeout=5)


def problem(answer: httpx.Response) -> dict[str, Any]:
    assert answer.headers["content-type"] == "application/problem+json", answer.text
    return dict(json.loads(answer.text))
