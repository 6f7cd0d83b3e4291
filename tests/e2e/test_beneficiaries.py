"""Beneficiaries through the gateway with identity-signed tokens: institution B never sees
institution A's beneficiaries (404 on every object, nothing in its list), refusals store
nothing, and the office reads the audit log."""

import ipaddress
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from stdnum import ean
from stdnum.ch import ssn

pytestmark = pytest.mark.stack

BASE = "/api/beneficiary/beneficiaries"


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def open_client(gateway_url: str) -> Iterator[Callable[[dict[str, str]], httpx.Client]]:
    """Clients that each speak from a fresh loopback address (the gateway limits per address)."""
    opened: list[httpx.Client] = []

    def open_(headers: dict[str, str]) -> httpx.Client:
        transport = None
        if _is_loopback(gateway_url):
            source = (
                f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
            )
            transport = httpx.HTTPTransport(local_address=source)
        http = httpx.Client(
            base_url=gateway_url, transport=transport, timeout=30.0, headers=headers
        )
        opened.append(http)
        return http

    yield open_
    for http in opened:
        http.close()


def unique_avs() -> str:
    base = "756" + str(uuid.uuid4().int)[:9]
    return str(ssn.format(base + ean.calc_check_digit(base)))


def body(**overrides: Any) -> dict[str, Any]:
    return {
        "last_name": "Jörg",
        "first_name": "Maëlle",
        "birth_date": "1975-02-03",
        "address": {"street": "Bahnhofstrasse 1", "postcode": "3900", "locality": "Brig"},
        "avs": unique_avs(),
        "decisions": [{"number": "32320251000896", "description": "Rente"}],
        "bank": {
            "iban": "CH44 3199 9123 0008 8901 2",
            "reference": "21 00000 00003 13947 14300 09017",
        },
        **overrides,
    }


@pytest.fixture
def institutions(user_token, open_client) -> tuple[httpx.Client, httpx.Client, str]:
    company_a, company_b = str(uuid.uuid4()), str(uuid.uuid4())
    a = open_client({"Authorization": f"Bearer {user_token(subject='anne', company_id=company_a)}"})
    b = open_client(
        {
            "Authorization": "Bearer "
            + user_token(subject="bruno", company_id=company_b, role="collaborator")
        }
    )
    return a, b, company_a


def test_institution_b_gets_404_for_a_beneficiaries_and_never_lists_them(institutions) -> None:
    a, b, _ = institutions
    created = a.post(BASE, json=body())
    assert created.status_code == 201, created.text
    url = f"{BASE}/{created.json()['id']}"

    assert b.get(url).status_code == 404
    assert b.put(url, json=body()).status_code == 404
    assert b.delete(url).status_code == 404
    for params in ({}, {"name": "jorg"}, {"avs": created.json()["avs"]}):
        listed = b.get(BASE, params=params)
        assert listed.status_code == 200
        assert listed.json()["items"] == []
        assert created.json()["avs"] not in listed.text

    shown = a.get(url)
    assert shown.status_code == 200
    assert shown.json()["version"] == 1
    mine = a.get(BASE, params={"name": "JORG maelle"}).json()["items"]
    assert [row["id"] for row in mine] == [created.json()["id"]]
    assert a.delete(url).json() == {"id": created.json()["id"], "archived": False}
    assert a.get(url).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"avs": "756.0005.0000.02"}, "avs", "avs_check_digit"),
        ({"avs": "756.0005.0000.18"}, "avs", "avs_check_digit"),
        ({"bank": {"iban": "CH4431999123000889012"}}, "bank.reference", "qr_reference_required"),
        (
            {
                "bank": {
                    "iban": "CH9300762011623852957",
                    "reference": "210000000003139471430009017",
                }
            },
            "bank.reference",
            "qr_reference_needs_qr_iban",
        ),
    ],
)
def test_refusals_store_nothing(institutions, overrides, field, code) -> None:
    a, _, _ = institutions
    refused = a.post(BASE, json=body(**overrides), headers={"Accept-Language": "de"})

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [(field, code)]
    assert a.get(BASE).json()["items"] == []


def test_the_office_reads_who_touched_the_data(institutions, office_token, open_client) -> None:
    a, _, company_a = institutions
    created = a.post(BASE, json=body(), headers={"X-Correlation-Id": "e2e-audit-1"}).json()
    a.get(f"{BASE}/{created['id']}")
    office = open_client({"Authorization": f"Bearer {office_token('audit:read')}"})
    params = {"company_id": company_a, "beneficiary_id": created["id"]}

    entries = office.get("/internal/beneficiary/audit", params=params)
    user_try = a.get("/internal/beneficiary/audit", params=params)

    assert entries.status_code == 200, entries.text
    assert [(e["action"], e["subject"]) for e in entries.json()] == [
        ("read", "anne"),
        ("create", "anne"),
    ]
    assert entries.json()[1]["correlation_id"] == "e2e-audit-1"
    assert user_try.status_code == 401
