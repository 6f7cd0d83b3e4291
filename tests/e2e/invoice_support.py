"""Helpers for the invoice end-to-end tests: a registered and approved institution whose people
log in for real (SMS code), beneficiaries, a company bank account, uploaded attachments, one
valid content per form with its total computed by hand from the tariffs, the office's
decisions, the PDF copy and the e-mails read from the developer inbox.

Everything goes through the gateway; each client speaks from a loopback address of its own
(the gateway limits per address).
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from pypdf import PdfReader

from guichet_local import control
from identity.adapters.signing import SigningKey
from identity.settings import IdentitySettings
from tests.e2e.identity_support import (
    PASSWORD,
    STATE_DIR,
    Edge,
    email_ids,
    inbox,
    link_token,
    sms_code,
    sms_ids,
    unique_mobile,
    wait_for,
)
from tests.e2e.test_beneficiaries import body as beneficiary_body
from tests.e2e.test_documents import PDF
from tests.e2e.test_registration import office, register, registration

INVOICES = "/api/invoicing/invoices"
OFFICE_INVOICES = "/internal/invoicing/invoices"
QR_IBAN = "CH44 3199 9123 0008 8901 2"
INVOICE_DATE = "2026-11-02"
REFRESH_AFTER = 10 * 60  # access tokens live 15 minutes


@dataclass
class Person:
    """Someone who logged in: a browser holding the refresh cookie and a fresh access token."""

    edge: Edge
    email: str
    mobile: str
    first_name: str
    last_name: str
    browser: httpx.Client | None = None
    access: str = ""
    since: float = 0.0
    account_id: str = ""

    def log_in(self) -> None:
        self.browser = self.edge.client()
        before = sms_ids(self.mobile)
        started = self.browser.post(
            "/api/identity/auth/login", json={"email": self.email, "password": PASSWORD}
        )
        assert started.status_code == 200, started.text
        verified = self.browser.post(
            "/api/identity/auth/login/verify",
            json={
                "challenge_id": started.json()["challenge_id"],
                "code": sms_code(self.mobile, after=before),
            },
        )
        assert verified.status_code == 200, verified.text
        self.access, self.since = str(verified.json()["access_token"]), time.monotonic()
        self.account_id = str(self.client().get("/api/identity/me").json()["account_id"])

    def token(self) -> str:
        if time.monotonic() - self.since > REFRESH_AFTER:
            assert self.browser is not None
            refreshed = self.browser.post("/api/identity/auth/refresh")
            assert refreshed.status_code == 200, refreshed.text
            self.access, self.since = str(refreshed.json()["access_token"]), time.monotonic()
        return self.access

    def client(self, **headers: str) -> httpx.Client:
        return self.edge.client(authorization=f"Bearer {self.token()}", **headers)

    @property
    def short_name(self) -> str:
        """How the counter names a submitter ("Jean D.")."""
        return f"{self.first_name} {self.last_name[0]}."


@dataclass
class Institution:
    id: str
    name: str
    manager: Person
    bank_account_id: str = ""
    people: list[Person] = field(default_factory=list)


def new_institution(edge: Edge, gateway_url: str, name: str = "Atelier Rhône SA") -> Institution:
    """Registered through the public route, approved with the office CLI, manager logged in,
    with one company bank account."""
    manager = Person(
        edge, f"e2e.inv.{uuid.uuid4().hex[:12]}@example.ch", unique_mobile(), "Anne", "Rey"
    )
    body = registration(
        company={"name": name},
        manager={
            "email": manager.email,
            "mobile": manager.mobile,
            "password": PASSWORD,
            "first_name": manager.first_name,
            "last_name": manager.last_name,
        },
    )
    institution_id = register(edge.client, body)
    done = office(gateway_url, "registrations", "approve", institution_id)
    assert done.returncode == 0, done.stderr

    def active() -> bool:
        answer = edge.client().post(
            "/api/identity/auth/login", json={"email": manager.email, "password": PASSWORD}
        )
        return answer.status_code == 200

    wait_for(active, 30, "identity to activate the manager's account")
    # That login sent a code: wait for it, so that the real login tells its own SMS apart.
    wait_for(lambda: inbox(manager.mobile, "sms"), 20, "the first SMS")
    manager.log_in()
    institution = Institution(institution_id, name, manager, people=[manager])
    account = manager.client().post(
        "/api/organisation/bank-accounts",
        json={"iban": QR_IBAN, "holder": name, "label": f"Principal {uuid.uuid4().hex[:6]}"},
    )
    assert account.status_code == 201, account.text
    institution.bank_account_id = str(account.json()["id"])
    return institution


def add_collaborator(institution: Institution, first_name: str, last_name: str) -> Person:
    """Invited by the manager, chooses a password from the e-mail's link, logs in."""
    edge = institution.manager.edge
    person = Person(
        edge, f"e2e.inv.{uuid.uuid4().hex[:12]}@example.ch", unique_mobile(), first_name, last_name
    )
    before = email_ids(person.email)
    added = institution.manager.client().post(
        "/api/organisation/members",
        json={
            "first_name": first_name,
            "last_name": last_name,
            "role": "collaborator",
            "email": person.email,
            "mobile": person.mobile,
            "language": "fr",
        },
    )
    assert added.status_code == 201, added.text
    token = link_token(person.email, "/invitation", after=before, seconds=30)
    accepted = edge.client().post(
        "/api/identity/auth/invitations/accept",
        json={"token": token, "password": PASSWORD, "password_confirmation": PASSWORD},
    )
    assert accepted.status_code == 204, accepted.text
    person.log_in()
    institution.people.append(person)
    return person


def new_beneficiary(person: Person, **overrides: Any) -> dict[str, Any]:
    """A beneficiary of the person's company, with a bank account (QR-IBAN and reference)."""
    created = person.client().post(
        "/api/beneficiary/beneficiaries", json=beneficiary_body(**overrides)
    )
    assert created.status_code == 201, created.text
    found: dict[str, Any] = created.json()
    return found


def upload_attachment(person: Person, filename: str = "justificatif.pdf") -> str:
    content = PDF + uuid.uuid4().hex.encode()  # a file of its own (no deduplication surprise)
    made = person.client(**{"Content-Type": "application/pdf"}).post(
        "/api/documents/files",
        params={"purpose": "invoice_attachment", "filename": filename},
        content=content,
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def decision_number() -> str:
    """A new 14-digit decision number of the Valais office (323), year 2025."""
    return f"3232025{uuid.uuid4().int % 10**7:07d}"


@dataclass(frozen=True)
class FormCase:
    """One valid content of a form, the attachments it needs and the total from the tariffs."""

    content: dict[str, Any]
    attachments: tuple[str, ...]
    total: Decimal
    period: tuple[str, str] | None = None  # monthly forms: (start, end) as shown in the summary


def _aid(*lines: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "lines": [
            {
                "article": article,
                "supplier": "Orthopédie du Rhône SA",
                "delivery_date": "2026-10-12",
                "quantity": quantity,
                "unit_price": unit_price,
            }
            for article, quantity, unit_price in lines
        ]
    }


# Totals worked out by hand from DOMAIN.md ("Invoices"), never by the code under test.
FORMS: dict[str, FormCase] = {
    "318.635": FormCase(
        _aid(("Siège ergonomique", "2", "125.50"), ("Réglage", "1", "48.00")),
        ("supplier_invoice",),
        Decimal("299.00"),  # 2 × 125.50 + 48.00
    ),
    "318.636": FormCase(
        _aid(("Rampe d'accès", "1", "4800.00")),
        ("supplier_invoice", "cost_approval"),
        Decimal("4800.00"),
    ),
    "318.637": FormCase(_aid(("Épithèse", "3", "33.35")), ("supplier_invoice",), Decimal("100.05")),
    "318.638": FormCase(
        _aid(("Loupe électronique", "1", "1290.00"), ("Piles", "2", "12.40")),
        ("supplier_invoice",),
        Decimal("1314.80"),  # 1290.00 + 2 × 12.40
    ),
    "318.639": FormCase(
        _aid(("Aide à la préhension", "4", "19.90")), ("supplier_invoice",), Decimal("79.60")
    ),
    # 2025, severe helplessness 67.20 a day, no SSI: 31 nights at home × 67.20.
    "318.632.2": FormCase(
        {
            "month": "2025-07",
            "helplessness": "severe",
            "ssi": None,
            "nights_home": 31,
            "nights_away": 0,
        },
        (),
        Decimal("2083.20"),
        ("01.07.2025", "31.07.2025"),
    ),
    # Adult: 909.02 both ears 1,650.00 + 909.07 batteries two devices 80.00.
    "300.001": FormCase(
        {
            "fitting": "first",
            "seller": "Audition Sion SA",
            "delivery_date": "2026-10-20",
            "lines": [{"code": "909.02"}, {"code": "909.07"}],
        },
        ("supplier_invoice",),
        Decimal("1730.00"),
    ),
    # 2026 rates = 2025: 10 h × 35.30 + 2 qualified h × 52.95 + 1 night level 1 × 58.85.
    "318.536": FormCase(
        {
            "month": "2026-10",
            "assistants": [
                {
                    "name": "Marie Bonvin",
                    "relative": False,
                    "hours": "10",
                    "qualified_hours": "2",
                    "nights": [1, 0, 0, 0],
                    "continued_wage_days": 0,
                    "continued_wage_amount": "0.00",
                }
            ],
        },
        ("payslip",),
        Decimal("517.75"),
        ("01.10.2026", "31.10.2026"),
    ),
    # Car 100 km × 0.45 + meals 11.50 (6 h away); public fare 18.40 + meals 19.00 (9 h away).
    "318.632.1": FormCase(
        {
            "companion": False,
            "lines": [
                {
                    "date": "2026-10-06",
                    "from": "Sion",
                    "to": "Lausanne",
                    "purpose": "Mesure d'orientation professionnelle",
                    "transport": "car",
                    "km": 100,
                    "hours_away": 6,
                    "nights_away": 0,
                    "board_paid": False,
                },
                {
                    "date": "2026-10-07",
                    "from": "Sion",
                    "to": "Brig",
                    "purpose": "Mesure d'orientation professionnelle",
                    "transport": "public",
                    "fare": "18.40",
                    "hours_away": 9,
                    "nights_away": 0,
                    "board_paid": False,
                },
            ],
        },
        ("receipt",),
        Decimal("93.90"),
    ),
    # 3 × 95.50 + 1 × 60.00.
    "318.632": FormCase(
        {
            "lines": [
                {
                    "date": "2026-10-14",
                    "description": "Séance d'ergothérapie",
                    "tariff_code": "7301",
                    "quantity": "3",
                    "rate": "95.50",
                },
                {"date": "2026-10-15", "description": "Rapport", "quantity": "1", "rate": "60.00"},
            ]
        },
        (),
        Decimal("346.50"),
    ),
}


def invoice_body(
    form: str,
    beneficiary_id: str,
    *,
    bank_account_id: str | None = None,
    attachments: list[dict[str, str]] | None = None,
    content: dict[str, Any] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """A valid body for ``form`` (FORMS' content); the company account when one is given,
    else the beneficiary's own account."""
    payee = (
        {"kind": "company", "bank_account_id": bank_account_id}
        if bank_account_id
        else {"kind": "beneficiary"}
    )
    return {
        "form": form,
        "beneficiary_id": beneficiary_id,
        "payee": payee,
        "decision": {"number": decision_number(), "description": "", "save": False},
        "invoice_date": INVOICE_DATE,
        "invoice_number": f"A-{uuid.uuid4().hex[:6]}",
        "remark": "",
        "attachments": attachments or [],
        "content": FORMS[form].content if content is None else content,
        **overrides,
    }


def attachments_for(person: Person, form: str) -> list[dict[str, str]]:
    return [
        {"file_id": upload_attachment(person, f"{kind}.pdf"), "kind": kind}
        for kind in FORMS[form].attachments
    ]


def send(person: Person, body: dict[str, Any], key: str | None = None, **headers: str):
    return person.client(**{"Idempotency-Key": key or str(uuid.uuid4()), **headers}).post(
        INVOICES, json=body
    )


def sent(person: Person, body: dict[str, Any]) -> dict[str, Any]:
    answer = send(person, body)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


def detail(person: Person, invoice_id: str) -> dict[str, Any]:
    answer = person.client().get(f"{INVOICES}/{invoice_id}")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def listed(person: Person, **params: Any) -> list[dict[str, Any]]:
    """Every row of a counter list, page after page."""
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = person.client().get(
            INVOICES, params={**params, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        rows += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return rows


class Office:
    """The office's client on the internal invoicing API (scope ``invoices:review``)."""

    def __init__(self, edge: Edge, mint: Callable[..., str]) -> None:
        self.edge, self.mint = edge, mint

    def client(self) -> httpx.Client:
        return self.edge.client(authorization=f"Bearer {self.mint('invoices:review')}")

    def show(self, invoice_id: str) -> dict[str, Any]:
        answer = self.client().get(f"{OFFICE_INVOICES}/{invoice_id}")
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found

    def decide(self, invoice_id: str, action: str, **body: Any) -> httpx.Response:
        revision = body.pop("revision", None)
        if revision is None:
            revision = self.show(invoice_id)["revision"]
        return self.client().post(
            f"{OFFICE_INVOICES}/{invoice_id}/{action}", json={"revision": revision, **body}
        )

    def decided(self, invoice_id: str, action: str, **body: Any) -> dict[str, Any]:
        answer = self.decide(invoice_id, action, **body)
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found


def pdf_text(
    person: Person, invoice_id: str, version: int | None = None, seconds: float = 30
) -> str:
    """The text of the invoice's PDF copy, once documents rendered it."""
    params = {"version": version} if version else {}

    def rendered() -> bytes | None:
        answer = person.client().get(f"/api/documents/invoices/{invoice_id}/pdf", params=params)
        if answer.status_code == 404:
            return None
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/pdf"
        return answer.content

    content = wait_for(rendered, seconds, f"the PDF copy of invoice {invoice_id}")
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def amount_pattern(total: Decimal) -> re.Pattern[str]:
    """``2083.20`` as printed, with or without a thousands separator (2'083.20, 2’083.20)."""
    whole, cents = f"{total:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return re.compile(r"[’' \u202f]?".join([whole, *groups]) + r"\." + cents)


def emails_about(person: Person, reference: str) -> list[dict[str, Any]]:
    """The e-mails to the person that name the invoice's reference, newest first."""
    return [
        m
        for m in inbox(person.email, "email")
        if reference in (m.get("subject") or "") + m.get("text", "")
    ]


def email_count(
    person: Person, reference: str, count: int, seconds: float = 30
) -> list[dict[str, Any]]:
    """Wait until exactly ``count`` e-mails name the reference (never more)."""

    def arrived() -> list[dict[str, Any]] | None:
        found = emails_about(person, reference)
        assert len(found) <= count, [m.get("subject") for m in found]
        return found if len(found) == count else None

    found: list[dict[str, Any]] = wait_for(arrived, seconds, f"{count} e-mail(s) about {reference}")
    return found


def claims(token: str) -> dict[str, Any]:
    """The (already verified elsewhere) claims of an access token."""
    segment = token.split(".")[1]
    found: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    )
    return found


def token_for(account_id: str, company_id: str, role: str, minutes: int = 30) -> str:
    """An access token for an existing account, signed with identity's key of the local stack
    (as the ``user_token`` fixture does): invoicing reads the submitter from identity."""
    settings = IdentitySettings(
        mode="local",
        state_dir=STATE_DIR,
        database_url="unused",
        kafka_bootstrap="unused",
        jwks_url="unused",
    )
    key = SigningKey((STATE_DIR / "identity-signing-key.pem").read_text())
    return key.user_token(
        settings,
        subject=account_id,
        company_id=company_id,
        role=role,
        lifetime=timedelta(minutes=minutes),
    )


def codes(answer: httpx.Response) -> set[str]:
    """The problem's code and its fields' codes (a rule may be told either way)."""
    problem = answer.json()
    return {problem.get("code", ""), *(e["code"] for e in problem.get("errors", []))}


def database_rows(service: str, query: str, *args: Any) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        url = control.database_url(service).replace("postgresql+asyncpg", "postgresql")
        connection = await asyncpg.connect(url)
        try:
            return [dict(r) for r in await connection.fetch(query, *args)]
        finally:
            await connection.close()

    return asyncio.run(fetch())
