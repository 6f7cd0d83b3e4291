"""A manager's journey through the real services, read from the developer inbox: registration,
the office's approval, login with the SMS code, a forgotten password and its reset.

Everything the manager receives is produced by identity and organisation and delivered by
notification; the sealed code and link are opened with the key the services share.
"""

import random
import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

pytestmark = pytest.mark.stack

INBOX_API = "http://127.0.0.1:8025/dev/inbox/api"
PUBLIC_URL = "http://127.0.0.1:8000"
OFFICE_DE = "Kantonale IV-Stelle Wallis"
PASSWORD = "ein genügend langes Passwort"
NEW_PASSWORD = "ein anderes genügend langes Passwort"


def gln() -> str:
    from stdnum import ean

    base = "76" + str(uuid.uuid4().int)[:10]
    return base + ean.calc_check_digit(base)


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Callable[[], httpx.Client]]:
    """Clients from a loopback address of their own: the gateway rate-limits public routes
    per client address, and the stack is shared with other tests."""
    opened: list[httpx.Client] = []

    def open_client() -> httpx.Client:
        address = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        local = urlsplit(gateway_url).hostname in ("127.0.0.1", "localhost")
        transport = httpx.HTTPTransport(local_address=address) if local else None
        client = httpx.Client(base_url=gateway_url, transport=transport, timeout=30.0)
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        client.close()


@pytest.fixture
def manager() -> Iterator[dict[str, str]]:
    person = {
        "first_name": "Urs",
        "last_name": "Imboden",
        "email": f"journey.{uuid.uuid4().hex[:12]}@example.ch",
        "password": PASSWORD,
        "mobile": f"079 {random.randint(100, 999)} {random.randint(1000, 9999)}",
        "language": "de",
    }
    yield person
    with httpx.Client(base_url=INBOX_API, timeout=10) as inbox:
        for recipient in (person["email"], e164(person["mobile"])):
            inbox.delete("/messages", params={"to": recipient})


def e164(swiss_mobile: str) -> str:
    return "+41" + swiss_mobile.replace(" ", "")[1:]


def inbox(to: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{INBOX_API}/messages", params={"to": to}, timeout=10)
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()
    return found


def next_message(to: str, count: int, seconds: float = 30) -> dict[str, Any]:
    """Wait until ``to`` has ``count`` messages; return the newest."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = inbox(to)
        if len(found) >= count:
            assert len(found) == count, [m.get("subject") or m["text"] for m in found]
            return found[0]
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for message {count} to {to}")


def login(edge: Callable[[], httpx.Client], email: str, password: str) -> dict[str, Any]:
    """The first login step; identity activates the account once it consumed the approval."""
    deadline = time.monotonic() + 30
    while True:
        response = edge().post(
            "/api/identity/auth/login", json={"email": email, "password": password}
        )
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_manager_hears_from_the_office_at_every_step(
    edge: Callable[[], httpx.Client],
    manager: dict[str, str],
    office_token: Callable[..., str],
) -> None:
    email, mobile = manager["email"], e164(manager["mobile"])
    company = {
        "name": "Rhône & Söhne AG",
        "gln": gln(),
        "uid": None,
        "street": "Bahnhofstrasse 1",
        "postcode": "3900",
        "locality": "Brig",
        "phone": "027 922 00 00",
    }
    registered = edge().post(
        "/api/organisation/registrations",
        json={
            "account_type": "institution",
            "company": company,
            "manager": manager,
            "terms_accepted": True,
        },
    )
    assert registered.status_code == 201, registered.text
    institution_id = registered.json()["institution_id"]

    received = next_message(email, 1)
    assert received["subject"] == f"{OFFICE_DE} – Ihr Registrierungsantrag ist eingegangen"
    assert received["text"].startswith("Guten Tag Urs Imboden\n")
    assert "Rhône & Söhne AG" in received["text"]
    assert "Rhône &amp; Söhne AG" in received["html"]

    approved = edge().post(
        f"/internal/organisation/registrations/{institution_id}/approve",
        headers={"Authorization": f"Bearer {office_token('registrations:review')}"},
    )
    assert approved.status_code in (200, 204), approved.text
    welcome = next_message(email, 2)
    assert welcome["subject"] == f"{OFFICE_DE} – Ihr Zugang zum Online-Guichet ist freigeschaltet"
    assert f"{PUBLIC_URL}/connexion" in welcome["links"]

    challenge = login(edge, email, PASSWORD)
    sms = next_message(mobile, 1)
    found = re.fullmatch(r"Ihr Guichet-Zugangscode: (\d{6}) \(5 Minuten gültig\)", sms["text"])
    assert found, sms["text"]
    verified = edge().post(
        "/api/identity/auth/login/verify",
        json={"challenge_id": challenge["challenge_id"], "code": found.group(1)},
    )
    assert verified.status_code == 200, verified.text
    assert verified.json()["access_token"]

    forgot = edge().post("/api/identity/auth/password/forgot", json={"email": email})
    assert forgot.status_code == 202, forgot.text
    reset_mail = next_message(email, 3)
    assert reset_mail["subject"] == f"{OFFICE_DE} – Zurücksetzen Ihres Passworts"
    [link] = [x for x in reset_mail["links"] if "/mot-de-passe/nouveau?" in x]
    assert link.startswith(f"{PUBLIC_URL}/mot-de-passe/nouveau?token=")
    token = parse_qs(urlsplit(link).query)["token"][0]

    reset = edge().post(
        "/api/identity/auth/password/reset",
        json={"token": token, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD},
    )
    assert reset.status_code == 204, reset.text
    security = next_message(email, 4)
    assert security["subject"] == f"{OFFICE_DE} – Ihr Passwort wurde geändert"
    assert "zurückgesetzt" in security["text"]

    # The new password works, and its code arrives as a second SMS.
    login(edge, email, NEW_PASSWORD)
    assert next_message(mobile, 2)["text"].startswith("Ihr Guichet-Zugangscode: ")
