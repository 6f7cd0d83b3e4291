"""Registration of an institution across the running stack: the gateway, organisation, the real
identity (account creation with a client-credentials token), the office CLI and Kafka."""

import asyncio
import ipaddress
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer
from stdnum import ean

from guichet_local import control
from tests.conftest import ROOT

pytestmark = pytest.mark.stack

BOOTSTRAP = os.environ.get("GUICHET_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
STATE_DIR = Path(os.environ.get("GUICHET_STATE_DIR", ROOT / ".run" / "state"))
TOPIC = "organisation.registration"
REGISTRATIONS = "/api/organisation/registrations"


def fresh_address(gateway_url: str) -> str | None:
    """A loopback address of its own: the gateway allows 10 registrations a minute per address."""
    host = urlsplit(gateway_url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        return None
    return f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Callable[[], httpx.Client]]:
    opened: list[httpx.Client] = []

    def open_client() -> httpx.Client:
        address = fresh_address(gateway_url)
        transport = httpx.HTTPTransport(local_address=address) if address else None
        http = httpx.Client(base_url=gateway_url, transport=transport, timeout=30.0)
        opened.append(http)
        return http

    yield open_client
    for http in opened:
        http.close()


def unique_gln() -> str:
    base = "76" + str(uuid.uuid4().int)[:10]
    return base + ean.calc_check_digit(base)


def registration(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "account_type": "institution",
        "company": {
            "name": "Atelier Rhône SA",
            "gln": unique_gln(),
            "uid": "CHE-116.281.710",
            "street": "Av. de la Gare 15",
            "postcode": "1950",
            "locality": "Sion",
            "phone": "027 324 96 11",
        },
        "manager": {
            "first_name": "Anne",
            "last_name": "Rey",
            "email": f"e2e.{uuid.uuid4().hex[:12]}@example.ch",
            "password": "un mot de passe assez long",
            "mobile": "079 123 45 67",
            "language": "fr",
        },
        "terms_accepted": True,
    }
    for part, value in overrides.items():
        body[part] = {**body[part], **value} if isinstance(value, dict) else value
    return body


def register(edge: Callable[[], httpx.Client], body: dict[str, Any]) -> str:
    response = edge().post(REGISTRATIONS, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"
    return str(response.json()["institution_id"])


def office(gateway_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The office CLI as an operator runs it, in its own process."""
    command = [sys.executable, "-m", "organisation.office", "--url", gateway_url]
    command += ["--state-dir", str(STATE_DIR)]
    address = fresh_address(gateway_url)
    if address:
        command += ["--source-address", address]
    env = {k: v for k, v in os.environ.items() if k != "ORGANISATION_OFFICE_CLIENT_SECRET"}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )


async def _registration_event(
    event_type: str, institution_id: str, seconds: float
) -> dict[str, Any] | None:
    consumer = AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=BOOTSTRAP,
        group_id=f"test-registration-{uuid.uuid4()}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    headers = {name: value.decode() for name, value in record.headers}
                    if (
                        headers.get("event-type") == event_type
                        and record.key == institution_id.encode()
                        and record.value is not None
                    ):
                        payload: dict[str, Any] = json.loads(record.value)
                        return payload
        return None
    finally:
        await consumer.stop()


def event_on_kafka(event_type: str, institution_id: str, seconds: float = 30) -> dict[str, Any]:
    found = asyncio.run(_registration_event(event_type, institution_id, seconds))
    assert found is not None, f"no {event_type} for {institution_id} on {TOPIC}"
    return found


def login_status(edge: Callable[[], httpx.Client], body: dict[str, Any]) -> tuple[int, str]:
    """What identity answers the manager's first login step (status, problem code)."""
    manager = body["manager"]
    response = edge().post(
        "/api/identity/auth/login",
        json={"email": manager["email"], "password": manager["password"]},
    )
    code = "" if response.status_code == 200 else str(response.json().get("code"))
    return response.status_code, code


def wait_for_login(
    edge: Callable[[], httpx.Client], body: dict[str, Any], expected: tuple[int, str]
) -> None:
    """Identity learns the office's decision from Kafka: give its consumer a moment."""
    deadline = time.monotonic() + 30
    seen = login_status(edge, body)
    while seen != expected and time.monotonic() < deadline:
        time.sleep(0.5)
        seen = login_status(edge, body)
    assert seen == expected


def stored_with_gln(gln: str) -> int:
    """Institutions (any status) and their memberships holding this GLN, in organisation's DB."""

    async def count() -> int:
        url = control.database_url("organisation").replace("postgresql+asyncpg", "postgresql")
        connection = await asyncpg.connect(url)
        try:
            institutions = await connection.fetchval(
                "SELECT count(*) FROM institution WHERE gln = $1", gln
            )
            outbox = await connection.fetchval(
                "SELECT count(*) FROM outbox_message WHERE position($1 in "
                "convert_from(payload, 'UTF8')) > 0",
                f'"gln":"{gln}"',
            )
            return int(institutions) + int(outbox)
        finally:
            await connection.close()

    return asyncio.run(count())


def test_registration_waits_for_the_office_and_the_cli_approves_it(
    edge: Callable[[], httpx.Client], gateway_url: str
) -> None:
    body = registration()
    institution_id = register(edge, body)

    # The account exists in identity, pending: the right password is told it must wait.
    assert login_status(edge, body) == (403, "account_pending")
    submitted = event_on_kafka("organisation.RegistrationSubmitted", institution_id)
    assert submitted["gln"] == body["company"]["gln"]
    assert submitted["manager"]["email"] == body["manager"]["email"]
    assert "password" not in json.dumps(submitted)

    listed = office(gateway_url, "registrations", "list", "--status", "pending", "--limit", "100")
    assert listed.returncode == 0, listed.stderr
    shown = office(gateway_url, "registrations", "show", institution_id, "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["status"] == "pending"
    assert json.loads(shown.stdout)["manager"]["mobile"] == "+41791234567"

    approved = office(gateway_url, "registrations", "approve", institution_id)
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.strip() == f"approved: {institution_id} Atelier Rhône SA"

    event = event_on_kafka("organisation.RegistrationApproved", institution_id)
    assert event["institution_id"] == institution_id
    assert event["manager"]["account_id"] == submitted["manager"]["account_id"]
    # Identity consumed the approval: the manager can now sign in (the SMS code step starts).
    wait_for_login(edge, body, (200, ""))

    detail = office(gateway_url, "registrations", "show", institution_id, "--json")
    decision = json.loads(detail.stdout)["decision"]
    assert decision["decided_by"] == "office-cli"
    assert decision["decided_at"]

    again = office(gateway_url, "registrations", "approve", institution_id)
    assert again.returncode == 1
    assert "409 registration_decided" in again.stderr


def test_refusal_carries_its_reason_and_frees_the_gln(
    edge: Callable[[], httpx.Client], gateway_url: str
) -> None:
    body = registration()
    institution_id = register(edge, body)

    refused = office(
        gateway_url, "registrations", "refuse", institution_id, "--reason", "GLN inconnu de refdata"
    )
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout.startswith(f"refused: {institution_id}")

    event = event_on_kafka("organisation.RegistrationRefused", institution_id)
    assert event["reason"] == "GLN inconnu de refdata"
    wait_for_login(edge, body, (403, "account_refused"))
    listed = office(gateway_url, "registrations", "list", "--status", "refused", "--json")
    assert institution_id in {item["institution_id"] for item in json.loads(listed.stdout)["items"]}

    # A refused registration frees its GLN: the institution may apply again (new manager e-mail:
    # the refused account keeps its own).
    retry = registration(company={"gln": body["company"]["gln"]})
    assert register(edge, retry) != institution_id


def test_a_registered_gln_is_refused_without_revealing_its_holder(
    edge: Callable[[], httpx.Client],
) -> None:
    first = registration()
    register(edge, first)
    second = registration(company={"gln": first["company"]["gln"], "name": "Autre SA"})

    response = edge().post(REGISTRATIONS, json=second, headers={"Accept-Language": "de"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("company.gln", "gln_already_registered")
    assert "Atelier" not in response.text
    assert first["manager"]["email"] not in response.text
    # Nothing of the second attempt was kept: its manager can still register elsewhere.
    register(edge, registration(manager={"email": second["manager"]["email"]}))


def test_identitys_password_policy_is_shown_under_manager(
    edge: Callable[[], httpx.Client],
) -> None:
    body = registration(manager={"password": "password1234"})
    response = edge().post(REGISTRATIONS, json=body)
    assert response.status_code == 422, response.text
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"manager.password"}
    assert stored_with_gln(body["company"]["gln"]) == 0


def test_an_email_already_used_is_shown_under_manager(edge: Callable[[], httpx.Client]) -> None:
    first = registration()
    register(edge, first)
    second = registration(manager={"email": first["manager"]["email"]})
    response = edge().post(REGISTRATIONS, json=second)
    assert response.status_code == 422, response.text
    assert {e["field"] for e in response.json()["errors"]} == {"manager.email"}
    assert stored_with_gln(second["company"]["gln"]) == 0


def _set(body: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    *parents, leaf = path.split(".")
    target = body
    for part in parents:
        target = target[part]
    target[leaf] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        ("company.gln", "7601001234560", "company.gln", "gln_check_digit"),
        ("manager.email", "anne.rey@", "manager.email", "email_invalid"),
        ("manager.mobile", "079 123", "manager.mobile", "phone_invalid"),
        ("company.phone", "+1 202 555 0100", "company.phone", "phone_country"),
        ("company.name", "A" * 5000, "company.name", "string_too_long"),
        ("company.iban", "CH93 0076 2011 6238 5295 7", "company.iban", "extra_forbidden"),
        ("role", "admin", "role", "extra_forbidden"),
        ("company.gln", 7601001234567, "company.gln", "string_type"),
        ("terms_accepted", "yes", "terms_accepted", "bool_type"),
        ("manager", ["Anne"], "manager", "model_attributes_type"),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_stored(
    edge: Callable[[], httpx.Client], path: str, value: object, field: str, code: str
) -> None:
    valid = registration()
    email = valid["manager"]["email"]
    body = _set(json.loads(json.dumps(valid)), path, value)
    gln = body["company"]["gln"]

    response = edge().post(REGISTRATIONS, json=body)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {(field, code)}
    assert all(e["message"] for e in errors)
    if isinstance(gln, str):
        assert stored_with_gln(gln) == 0
    # The account was not created either: the same e-mail registers fine afterwards.
    register(edge, registration(manager={"email": email}))


def test_a_body_over_the_gateway_limit_is_refused_before_the_service(
    edge: Callable[[], httpx.Client],
) -> None:
    body = registration(company={"name": "A" * 2_000_000})
    response = edge().post(REGISTRATIONS, json=body)
    assert response.status_code == 413
    assert stored_with_gln(body["company"]["gln"]) == 0


def test_the_review_is_closed_to_anyone_without_an_office_token(
    edge: Callable[[], httpx.Client], user_token: Callable[..., str]
) -> None:
    client = edge()
    assert client.get("/internal/organisation/registrations").status_code == 401
    headers = {"Authorization": f"Bearer {user_token()}"}
    assert client.get("/internal/organisation/registrations", headers=headers).status_code in (
        401,
        403,
    )
    # Registering is public, but reading registrations is not.
    assert client.get(REGISTRATIONS).status_code == 401
