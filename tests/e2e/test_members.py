"""Ma société through the gateway: managers only, tenant isolation, an invitation that ends in a
password and a login, and a removal that ends the member's session at once.

Institutions are registered through the public route and approved with the office CLI; callers
use tokens from the ``user_token`` fixture (manager or collaborator of A or B). Each httpx
client speaks from its own loopback address (the gateway limits per address).
"""

import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.identity_support import (
    PASSWORD,
    email_ids,
    link_token,
    sms_code,
    sms_ids,
    unique_mobile,
    wait_for,
)
from tests.e2e.test_registration import office, register, registration

MEMBERS = "/api/organisation/members"
BANK_ACCOUNTS = "/api/organisation/bank-accounts"
QR_IBAN = "CH44 3199 9123 0008 8901 2"

Open = Callable[..., httpx.Client]


def opener(gateway_url: str, opened: list[httpx.Client]) -> Open:
    """Clients that each speak from a fresh loopback address when the gateway is local."""
    local = urlsplit(gateway_url).hostname in ("127.0.0.1", "localhost")

    def open_client(token: str | None = None) -> httpx.Client:
        transport = None
        if local:
            source = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            transport = httpx.HTTPTransport(local_address=source)
        headers = {"authorization": f"Bearer {token}"} if token else {}
        http = httpx.Client(
            base_url=gateway_url, transport=transport, timeout=30.0, headers=headers
        )
        opened.append(http)
        return http

    return open_client


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Open]:
    opened: list[httpx.Client] = []
    yield opener(gateway_url, opened)
    for http in opened:
        http.close()


def approved(edge: Open, gateway_url: str) -> str:
    institution_id = register(edge, registration())
    done = office(gateway_url, "registrations", "approve", institution_id)
    assert done.returncode == 0, done.stderr
    return institution_id


@pytest.fixture(scope="module")
def companies(gateway_url: str) -> tuple[str, str]:
    clients: list[httpx.Client] = []
    open_client = opener(gateway_url, clients)
    try:
        return approved(open_client, gateway_url), approved(open_client, gateway_url)
    finally:
        for http in clients:
            http.close()


@pytest.fixture
def as_user(edge: Open, user_token: Callable[..., str]) -> Callable[..., httpx.Client]:
    def client(company: str, role: str = "manager") -> httpx.Client:
        return edge(user_token(subject=str(uuid.uuid4()), company_id=company, role=role))

    return client


def member_body(**overrides: Any) -> dict[str, Any]:
    return {
        "first_name": "Luc",
        "last_name": "Favre",
        "role": "collaborator",
        "email": f"e2e.member.{uuid.uuid4().hex[:10]}@example.ch",
        "mobile": unique_mobile(),
        "language": "fr",
        **overrides,
    }


def log_in(edge: Open, person: dict[str, Any]) -> tuple[httpx.Client, str]:
    """A browser holding the refresh cookie, and an access token."""
    browser = edge()
    sent_before = sms_ids(person["mobile"])
    started = browser.post(
        "/api/identity/auth/login", json={"email": person["email"], "password": PASSWORD}
    )
    assert started.status_code == 200, started.text
    verified = browser.post(
        "/api/identity/auth/login/verify",
        json={
            "challenge_id": started.json()["challenge_id"],
            "code": sms_code(person["mobile"], after=sent_before),
        },
    )
    assert verified.status_code == 200, verified.text
    return browser, str(verified.json()["access_token"])


def ended(browser: httpx.Client) -> bool:
    return browser.post("/api/identity/auth/refresh").status_code == 401


def test_a_collaborator_cannot_open_ma_societe(
    companies: tuple[str, str], as_user: Callable[..., httpx.Client]
) -> None:
    a, _ = companies
    collaborator = as_user(a, "collaborator")
    assert collaborator.get(MEMBERS).status_code == 403
    assert collaborator.post(MEMBERS, json=member_body()).status_code == 403
    assert collaborator.get(BANK_ACCOUNTS).status_code == 200  # invoices are paid to them
    assert collaborator.post(BANK_ACCOUNTS, json={}).status_code == 403
    # The company's name (user menu) is every member's to read.
    institution = collaborator.get("/api/organisation/institution")
    assert institution.status_code == 200
    assert institution.json()["name"] == "Atelier Rhône SA"


def test_another_institution_gets_404_and_lists_never_leak(
    companies: tuple[str, str], as_user: Callable[..., httpx.Client]
) -> None:
    a, b = companies
    manager_a, manager_b = as_user(a), as_user(b)
    added = manager_a.post(MEMBERS, json=member_body())
    assert added.status_code == 201, added.text
    member = added.json()
    account = manager_a.post(
        BANK_ACCOUNTS, json={"iban": QR_IBAN, "holder": "Atelier Rhône SA", "label": "QR"}
    )
    assert account.status_code == 201, account.text
    assert account.json()["is_qr_iban"] is True
    account_id = account.json()["id"]

    assert manager_b.patch(f"{MEMBERS}/{member['id']}", json={"role": "manager"}).status_code == (
        404
    )
    assert manager_b.delete(f"{MEMBERS}/{member['id']}").status_code == 404
    assert manager_b.get(f"{BANK_ACCOUNTS}/{account_id}").status_code == 404
    assert (
        manager_b.put(
            f"{BANK_ACCOUNTS}/{account_id}", json={"iban": QR_IBAN, "holder": "B", "label": "B"}
        ).status_code
        == 404
    )
    assert manager_b.delete(f"{BANK_ACCOUNTS}/{account_id}").status_code == 404
    b_members = {m["id"] for m in manager_b.get(MEMBERS).json()["items"]}
    assert member["id"] not in b_members
    assert account_id not in {x["id"] for x in manager_b.get(BANK_ACCOUNTS).json()["items"]}
    # A's objects are untouched.
    assert manager_a.get(f"{BANK_ACCOUNTS}/{account_id}").status_code == 200
    assert member["id"] in {m["id"] for m in manager_a.get(MEMBERS).json()["items"]}


def test_the_last_manager_can_be_neither_removed_nor_demoted(
    companies: tuple[str, str], as_user: Callable[..., httpx.Client]
) -> None:
    _, b = companies
    manager = as_user(b)
    managers = [m for m in manager.get(MEMBERS).json()["items"] if m["role"] == "manager"]
    assert len(managers) == 1
    (boss,) = managers
    demoted = manager.patch(
        f"{MEMBERS}/{boss['id']}", json={"role": "collaborator"}, headers={"accept-language": "de"}
    )
    assert demoted.status_code == 409
    assert "Manager" in demoted.json()["detail"]
    assert manager.delete(f"{MEMBERS}/{boss['id']}").status_code == 409


def test_an_invited_member_chooses_a_password_and_changes_reach_their_sessions(
    companies: tuple[str, str], as_user: Callable[..., httpx.Client], edge: Open
) -> None:
    a, _ = companies
    manager = as_user(a)
    body = member_body()
    before = email_ids(body["email"])
    added = manager.post(MEMBERS, json=body)
    assert added.status_code == 201, added.text
    member = added.json()

    token = link_token(body["email"], "/invitation", after=before, seconds=30)
    accepted = edge().post(
        "/api/identity/auth/invitations/accept",
        json={"token": token, "password": PASSWORD, "password_confirmation": PASSWORD},
    )
    assert accepted.status_code == 204, accepted.text

    browser, access = log_in(edge, body)
    me = edge(access).get("/api/identity/me").json()
    assert (me["company_id"], me["role"]) == (a, "collaborator")
    assert browser.post("/api/identity/auth/refresh").status_code == 200

    # A role change ends the sessions; the next login carries the new role and names.
    changed = manager.patch(
        f"{MEMBERS}/{member['id']}", json={"role": "manager", "last_name": "Favre-Rey"}
    )
    assert changed.status_code == 200, changed.text
    wait_for(lambda: ended(browser), 30, "the session to end after the role change")
    browser, access = log_in(edge, body)
    me = edge(access).get("/api/identity/me").json()
    assert (me["role"], me["last_name"]) == ("manager", "Favre-Rey")

    assert manager.delete(f"{MEMBERS}/{member['id']}").status_code == 204

    # Identity's worker applies organisation's MemberRemoved: every refresh family is revoked.
    wait_for(lambda: ended(browser), 30, "the member's refresh session to be revoked")
    again = edge().post(
        "/api/identity/auth/login", json={"email": body["email"], "password": PASSWORD}
    )
    assert again.status_code == 403
    assert member["id"] not in {m["id"] for m in manager.get(MEMBERS).json()["items"]}
