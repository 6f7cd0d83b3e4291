"""What the browser journeys share: unique identities, the developer inbox, the office's
approval, the browser's API traffic (for the authentication budget and failure messages), and
named steps.

Chromium connects from 127.0.0.1 and shares the gateway's per-address budget on
`/api/identity/auth/` with every other client on this machine: journeys keep the browser's
calls there few (the tests check them with `Traffic.rate_limited`), and Python's own calls go
through the `edge` fixture (conftest.py), from a loopback address of their own.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Request, Response, expect

ROOT = Path(__file__).resolve().parents[2]
INBOX_API = os.environ.get("GUICHET_INBOX_API", "http://127.0.0.1:8025/dev/inbox/api")
PASSWORD = "une phrase de passe assez longue"
# The browser's calls to the authentication routes (their per-address budget is small).
RATE_LIMITED = ("/api/identity/auth/", "/api/identity/oauth/token")


# --- unique identities for each run -------------------------------------------------------


def gs1_check_digit(first12: str) -> str:
    """GS1 (EAN-13) check digit: weights 1, 3, 1, 3 … from the left."""
    total = sum(int(digit) * (1 if index % 2 == 0 else 3) for index, digit in enumerate(first12))
    return str((10 - total % 10) % 10)


def unique_gln() -> str:
    """A GLN with a Swiss GS1 prefix (760–769) and a valid check digit."""
    first12 = f"76{random.randint(0, 9)}{random.randint(0, 10**9 - 1):09d}"
    return first12 + gs1_check_digit(first12)


def wrong_check_digit(gln: str) -> str:
    return gln[:12] + str((int(gln[12]) + 1) % 10)


@dataclass(frozen=True)
class Manager:
    first_name: str
    last_name: str
    email: str
    mobile_typed: str
    mobile_e164: str


def unique_manager(lang: str) -> Manager:
    digits = f"{random.randint(0, 9_999_999):07d}"
    return Manager(
        first_name="Anne" if lang == "fr" else "Urs",
        last_name=f"Web{uuid.uuid4().hex[:6].capitalize()}",
        email=f"web.{lang}.{uuid.uuid4().hex[:12]}@example.ch",
        mobile_typed=f"+41 79 {digits[:3]} {digits[3:5]} {digits[5:]}",
        mobile_e164=f"+4179{digits}",
    )


# --- the developer inbox and the gateway from Python ---------------------------------------


def inbox(to: str, kind: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{INBOX_API}/messages", params={"to": to, "kind": kind}, timeout=10)
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()
    return messages


def wait_for_message(to: str, kind: str, *, after: set[str], seconds: float = 45) -> dict[str, Any]:
    """The newest message to `to` that is not in `after` (ids seen before)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fresh = [message for message in inbox(to, kind) if message["id"] not in after]
        if fresh:
            return fresh[0]
        time.sleep(0.25)
    raise AssertionError(f"no new {kind} to {to} within {seconds:.0f} s")


def message_ids(to: str, kind: str) -> set[str]:
    return {message["id"] for message in inbox(to, kind)}


def sms_code(message: dict[str, Any]) -> str:
    found = re.search(r"(?<!\d)(\d{6})(?!\d)", message["text"])
    assert found, f"no 6-digit code in the SMS {message['text']!r}"
    return found.group(1)


# --- what the browser sent -----------------------------------------------------------------


class Traffic:
    """The browser's API calls and answers, for the budget check and for failure messages."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.answers: list[str] = []
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    def _on_request(self, request: Request) -> None:
        if "/api/" in request.url:
            self.requests.append(f"{request.method} {urlsplit(request.url).path}")

    def _on_response(self, response: Response) -> None:
        if "/api/" not in response.url:
            return
        line = f"{response.request.method} {urlsplit(response.url).path} → {response.status}"
        if response.status >= 400:
            try:
                line += f" {response.text()[:300]}"
            except Exception:  # the body may be gone after a navigation
                line += " (body unavailable)"
        self.answers.append(line)

    def rate_limited(self) -> list[str]:
        return [
            request for request in self.requests if any(path in request for path in RATE_LIMITED)
        ]


@contextmanager
def step(name: str, traffic: Traffic) -> Iterator[None]:
    """Names the step in a failure, with what the API answered the browser so far."""
    try:
        yield
    except Exception as error:  # re-raised as a named failure
        answers = "\n  ".join(traffic.answers[-8:]) or "(no API call yet)"
        pytest.fail(f"step '{name}' failed: {error}\nAPI answers to the browser:\n  {answers}")


def approve(institution_id: str, gateway_url: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "organisation.office",
            "registrations",
            "approve",
            institution_id,
            "--url",
            gateway_url,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, (
        f"office CLI exit {done.returncode}: {done.stdout.strip()} {done.stderr.strip()}"
    )


def wait_until_identity_activated(
    edge: Callable[[], httpx.Client], manager: Manager, seconds: float = 30
) -> None:
    """identity activates the account when it consumes the approval, which may come a moment
    after notification's e-mail. Probed from Python's own address (not the browser's budget);
    a successful probe sends an SMS, which is awaited so the browser's code is the next one."""
    seen = message_ids(manager.mobile_e164, "sms")
    deadline = time.monotonic() + seconds
    while True:
        answer = edge().post(
            "/api/identity/auth/login", json={"email": manager.email, "password": PASSWORD}
        )
        if answer.status_code == 200:
            break
        # 403 account_pending: identity has not consumed the approval yet.
        assert answer.status_code == 403, f"login probe: {answer.status_code} {answer.text}"
        assert time.monotonic() < deadline, f"still not active after {seconds:.0f} s: {answer.text}"
        time.sleep(0.5)
    wait_for_message(manager.mobile_e164, "sms", after=seen)


def unique_avs() -> str:
    """A valid AVS number (756, nine digits, EAN-13 check digit), shown 756.xxxx.xxxx.xx."""
    first12 = f"756{random.randint(0, 10**9 - 1):09d}"
    digits = first12 + gs1_check_digit(first12)
    return f"{digits[:3]}.{digits[3:7]}.{digits[7:11]}.{digits[11:]}"


def register_institution(
    edge: Callable[[], httpx.Client], manager: Manager, company: str, language: str = "fr"
) -> str:
    """Registers an institution through organisation's API (not the browser); its id."""
    answer = edge().post(
        "/api/organisation/registrations",
        json={
            "account_type": "institution",
            "company": {
                "name": company,
                "gln": unique_gln(),
                "uid": None,
                "street": "Rue du Rhône 12",
                "postcode": "1950",
                "locality": "Sion",
                "phone": "+41 27 322 00 00",
            },
            "manager": {
                "first_name": manager.first_name,
                "last_name": manager.last_name,
                "email": manager.email,
                "password": PASSWORD,
                "mobile": manager.mobile_typed,
                "language": language,
            },
            "terms_accepted": True,
        },
    )
    assert answer.status_code == 201, f"registration: {answer.status_code} {answer.text}"
    return str(answer.json()["institution_id"])


# The sign-in page's words, per language (web/src/i18n).
SIGN_IN: dict[str, dict[str, str]] = {
    "fr": {
        "heading": "Connexion",
        "email": "Email",
        "password": "Mot de passe",
        "button": "Se connecter",
        "code": "Code d'accès",
        "counter": "Guichet",
    },
    "de": {
        "heading": "Anmeldung",
        "email": "E-Mail",
        "password": "Passwort",
        "button": "Anmelden",
        "code": "Zugangscode",
        "counter": "Schalter",
    },
}


def sign_in_with_code(page: Page, person: Manager, language: str = "fr") -> None:
    """E-mail and password, then the SMS code from the inbox, up to the counter."""
    words = SIGN_IN[language]
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    sms_before = message_ids(person.mobile_e164, "sms")
    page.get_by_label(words["email"], exact=True).fill(person.email)
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["button"], exact=True).click()
    expect(page.get_by_label(words["code"])).to_be_visible()
    code = sms_code(wait_for_message(person.mobile_e164, "sms", after=sms_before))
    page.get_by_label(words["code"]).fill(code)
    page.get_by_role("button", name=words["button"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["counter"])
