"""Notification on the running stack: events published on Kafka come out as e-mails and SMS in
the developer inbox, in the recipient's language, once - replayed, restarted or not.

Each test uses recipients of its own (the stack and its inbox are shared) and deletes their
messages afterwards.
"""

import asyncio
import os
import secrets
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from contracts import IntegrationEvent
from contracts.identity import (
    InvitationIssued,
    LoginCodeIssued,
    PasswordChanged,
    PasswordResetRequested,
)
from contracts.organisation import (
    Manager,
    RegistrationApproved,
    RegistrationRefused,
    RegistrationSubmitted,
)
from guichet_local import control
from kernel.messaging import Envelope
from kernel.sealing import Sealer
from kernel.settings import ServiceSettings
from tests.conftest import ROOT

pytestmark = pytest.mark.stack

BOOTSTRAP = os.environ.get("GUICHET_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
STATE_DIR = Path(os.environ.get("GUICHET_STATE_DIR", ROOT / ".run" / "state"))
INBOX_API = "http://127.0.0.1:8025/dev/inbox/api"
PUBLIC_URL = "http://127.0.0.1:8000"
OFFICE_FR = "Office cantonal AI du Valais"
OFFICE_DE = "Kantonale IV-Stelle Wallis"


# --- helpers ------------------------------------------------------------------------------


class Recipients:
    """Fresh e-mail addresses and mobile numbers; their messages are deleted at the end."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def email(self) -> str:
        address = f"notif-{uuid.uuid4().hex[:12]}@example.ch"
        self.used.append(address)
        return address

    def mobile(self) -> str:
        number = f"+4179{secrets.randbelow(10**7):07d}"
        self.used.append(number)
        return number


@pytest.fixture
def recipients() -> Iterator[Recipients]:
    made = Recipients()
    yield made
    with httpx.Client(base_url=INBOX_API, timeout=10) as inbox:
        for recipient in made.used:
            inbox.delete("/messages", params={"to": recipient})


@pytest.fixture(scope="module")
def sealer() -> Sealer:
    """The key identity seals with: local mode shares it through the state directory."""
    if not (STATE_DIR / "event-sealing-key").exists():
        pytest.fail("no event-sealing-key in the state directory: is the local stack running?")
    settings = ServiceSettings(
        mode="local", state_dir=STATE_DIR, database_url="x", kafka_bootstrap="x", jwks_url="x"
    )
    return Sealer.from_settings(settings, None)


def messages(to: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{INBOX_API}/messages", params={"to": to}, timeout=10)
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()
    return found


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds}s waiting for {what}")


def the_message(to: str, seconds: float = 30) -> dict[str, Any]:
    wait_for(lambda: len(messages(to)) >= 1, seconds, f"a message to {to}")
    found = messages(to)
    assert len(found) == 1, f"{len(found)} messages to {to}"
    return found[0]


def key_of(event: IntegrationEvent) -> str:
    account_id = getattr(event, "account_id", None) or event.institution_id
    return str(account_id)


def publish(*events: IntegrationEvent) -> None:
    """What identity's and organisation's relays do: one record per event, ids in headers."""

    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, enable_idempotence=True)
        await producer.start()
        try:
            for event in events:
                envelope = Envelope.wrap(
                    event, key=key_of(event), correlation_id=f"e2e-{uuid.uuid4()}"
                )
                await producer.send_and_wait(
                    envelope.topic,
                    value=envelope.payload,
                    key=envelope.key.encode(),
                    headers=envelope.headers(),
                )
        finally:
            await producer.stop()

    asyncio.run(send())


def delivery_rows(event_id: uuid.UUID) -> list[dict[str, Any]]:
    async def select_rows() -> list[dict[str, Any]]:
        engine = create_async_engine(control.database_url("notification"))
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    text("SELECT * FROM delivery WHERE event_id = :id"), {"id": event_id}
                )
                return [dict(row._mapping) for row in rows]
        finally:
            await engine.dispose()

    return asyncio.run(select_rows())


def execute(statement: str, **params: Any) -> None:
    async def run() -> None:
        engine = create_async_engine(control.database_url("notification"))
        try:
            async with engine.begin() as connection:
                await connection.execute(text(statement), params)
        finally:
            await engine.dispose()

    asyncio.run(run())


# --- factories ----------------------------------------------------------------------------


def login_code(sealer: Sealer, mobile: str, code: str, **overrides: Any) -> LoginCodeIssued:
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "account_id": uuid.uuid4(),
        "language": "fr",
        "occurred_at": now,
        "challenge_id": uuid.uuid4(),
        "mobile": mobile,
        "sealed_code": sealer.seal(code),
        "expires_at": now + timedelta(minutes=5),
    }
    return LoginCodeIssued(**(values | overrides))


def manager(email: str, language: str = "fr", **overrides: Any) -> Manager:
    values: dict[str, Any] = {
        "account_id": uuid.uuid4(),
        "first_name": "Anne",
        "last_name": "Rey",
        "email": email,
        "language": language,
    }
    return Manager(**(values | overrides))


def registration_event(event_class: type[Any], email: str, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "institution_id": uuid.uuid4(),
        "institution_name": "Atelier Rhône & Fils SA",
        "gln": "7601001234567",
        "manager": manager(email),
    }
    return event_class(**(values | overrides))


def random_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


WORKER_LOG = ROOT / ".run" / "logs" / "notification-worker.log"


class WorkerLog:
    """What the notification worker logged from now on."""

    def __init__(self) -> None:
        self.start = WORKER_LOG.stat().st_size if WORKER_LOG.exists() else 0

    def text(self) -> str:
        with WORKER_LOG.open("rb") as handle:
            # A rotation since (past 20 MB) restarts the file.
            handle.seek(self.start if WORKER_LOG.stat().st_size >= self.start else 0)
            return handle.read().decode(errors="replace")


# --- tests --------------------------------------------------------------------------------


def test_login_codes_arrive_by_sms_in_the_account_language(
    sealer: Sealer, recipients: Recipients
) -> None:
    log = WorkerLog()
    french, german = recipients.mobile(), recipients.mobile()
    code_fr, code_de = random_code(), random_code()
    publish(
        login_code(sealer, french, code_fr),
        login_code(sealer, german, code_de, language="de"),
    )

    sms_fr = the_message(french)
    sms_de = the_message(german)
    assert sms_fr["kind"] == "sms"
    assert sms_fr["text"] == f"Votre code d'accès Guichet : {code_fr} (valable 5 minutes)"
    assert sms_de["text"] == f"Ihr Guichet-Zugangscode: {code_de} (5 Minuten gültig)"
    assert sms_fr["from"] == "Guichet"
    logged = log.text()
    assert "login_code sent to +4179***" in logged
    assert code_fr not in logged
    assert code_de not in logged


def test_account_emails_carry_their_links_in_the_recipient_language(
    sealer: Sealer, recipients: Recipients
) -> None:
    log = WorkerLog()
    reset_to, invited, changed = recipients.email(), recipients.email(), recipients.email()
    reset_token, invitation_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    publish(
        PasswordResetRequested(
            account_id=uuid.uuid4(),
            language="de",
            email=reset_to,
            first_name="Urs",
            sealed_token=sealer.seal(reset_token),
            expires_at=now + timedelta(minutes=60),
        ),
        InvitationIssued(
            account_id=uuid.uuid4(),
            language="fr",
            email=invited,
            first_name="Léa",
            company_name="Atelier Rhône & Fils SA",
            sealed_token=sealer.seal(invitation_token),
            expires_at=now + timedelta(days=7),
        ),
        PasswordChanged(
            account_id=uuid.uuid4(),
            language="fr",
            email=changed,
            first_name="Anne",
            reason="change",
        ),
    )

    reset = the_message(reset_to)
    assert reset["subject"] == f"{OFFICE_DE} – Zurücksetzen Ihres Passworts"
    assert reset["from"] == f"{OFFICE_DE} <no-reply@guichet.aivs.ch>"
    assert reset["text"].startswith("Guten Tag Urs\n")
    assert f"{PUBLIC_URL}/mot-de-passe/nouveau?token={reset_token}" in reset["links"]
    assert 'lang="de"' in reset["html"]

    invitation = the_message(invited)
    assert invitation["subject"] == f"{OFFICE_FR} – Invitation au Guichet en ligne de l'AI"
    assert f"{PUBLIC_URL}/invitation?token={invitation_token}" in invitation["links"]
    assert "Atelier Rhône & Fils SA vous a donné accès" in invitation["text"]
    assert "Atelier Rhône &amp; Fils SA" in invitation["html"]

    security = the_message(changed)
    assert security["subject"] == f"{OFFICE_FR} – Votre mot de passe a été modifié"
    assert "« Mon compte »" in security["text"]
    assert f"{PUBLIC_URL}/connexion" in security["links"]

    logged = log.text()
    assert "password_reset sent to" in logged
    assert reset_token not in logged
    assert invitation_token not in logged
    assert reset_to not in logged, "recipients are masked in the log"


def test_registration_emails_follow_the_office_decision(recipients: Recipients) -> None:
    submitted_to, approved_to, refused_to = (recipients.email() for _ in range(3))
    institution_id = uuid.uuid4()
    reason = "Le GLN indiqué appartient à une autre institution.\nMerci de nous appeler."
    publish(
        registration_event(RegistrationSubmitted, submitted_to, institution_id=institution_id),
        registration_event(
            RegistrationApproved,
            approved_to,
            manager=manager(approved_to, language="de", first_name="Urs", last_name="Imboden"),
        ),
        registration_event(RegistrationRefused, refused_to, reason=reason),
    )

    submitted = the_message(submitted_to)
    assert submitted["subject"] == f"{OFFICE_FR} – Votre demande d'inscription a bien été reçue"
    assert "examinée et confirmée par l'Office AI" in submitted["text"]
    assert "« Atelier Rhône & Fils SA » (GLN 7601001234567)" in submitted["text"]

    approved = the_message(approved_to)
    assert approved["subject"] == (
        f"{OFFICE_DE} – Ihr Zugang zum Online-Guichet ist freigeschaltet"
    )
    assert approved["text"].startswith("Guten Tag Urs Imboden\n")
    assert f"{PUBLIC_URL}/connexion" in approved["links"]

    refused = the_message(refused_to)
    assert refused["subject"] == f"{OFFICE_FR} – Décision concernant votre demande d'inscription"
    assert reason in refused["text"]


def test_a_replayed_event_sends_one_message(sealer: Sealer, recipients: Recipients) -> None:
    mobile, marker_mobile = recipients.mobile(), recipients.mobile()
    event = login_code(sealer, mobile, random_code())
    publish(event)
    the_message(mobile)

    # The same record again, then a marker on the same key (same partition, same consumer):
    # once the marker is delivered, the replay has been consumed.
    marker = login_code(sealer, marker_mobile, random_code(), account_id=event.account_id)
    publish(event, marker)
    the_message(marker_mobile)
    assert len(messages(mobile)) == 1


def test_the_delivery_row_stops_a_second_send_when_the_inbox_lost_the_event(
    sealer: Sealer, recipients: Recipients
) -> None:
    """The corner the delivery table guards: the message left, but the consumer's transaction
    (the inbox row) did not commit. Simulated by deleting the inbox row, then replaying."""
    address, marker_address = recipients.email(), recipients.email()
    event = registration_event(RegistrationSubmitted, address)
    publish(event)
    the_message(address)

    execute(
        "DELETE FROM processed_message WHERE consumer = :consumer AND event_id = :id",
        consumer="notification.registration-emails",
        id=event.event_id,
    )
    marker = registration_event(
        RegistrationSubmitted, marker_address, institution_id=event.institution_id
    )
    publish(event, marker)
    the_message(marker_address)

    assert len(messages(address)) == 1
    [row] = delivery_rows(event.event_id)
    assert (row["status"], row["attempts"], row["channel"]) == ("sent", 1, "email")


def test_an_expired_code_is_not_sent(sealer: Sealer, recipients: Recipients) -> None:
    late, marker_mobile = recipients.mobile(), recipients.mobile()
    expired = login_code(
        sealer,
        late,
        random_code(),
        occurred_at=datetime.now(UTC) - timedelta(minutes=6),
        expires_at=datetime.now(UTC) - timedelta(minutes=1),
    )
    marker = login_code(sealer, marker_mobile, random_code(), account_id=expired.account_id)
    publish(expired, marker)

    the_message(marker_mobile)
    assert messages(late) == []
    [row] = delivery_rows(expired.event_id)
    assert row["status"] == "skipped"
    assert row["attempts"] == 0


def test_a_secret_that_cannot_be_opened_ends_in_the_dead_letter_topic(
    recipients: Recipients,
) -> None:
    mobile = recipients.mobile()
    stranger = Sealer(SecretStr(Fernet.generate_key().decode()))
    event = login_code(stranger, mobile, "999999")
    publish(event)

    record = asyncio.run(read_dead_letter("identity.account.dlq", str(event.event_id)))
    assert record is not None, "the event did not reach identity.account.dlq"
    headers = dict(record.headers)
    assert b"cannot be opened" in headers["dlq-reason"]
    assert b"999999" not in headers["dlq-reason"]
    assert messages(mobile) == []
    [row] = delivery_rows(event.event_id)
    assert row["status"] == "failed"


async def read_dead_letter(topic: str, event_id: str, seconds: float = 30) -> Any:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=BOOTSTRAP,
        group_id=f"test-reader-{uuid.uuid4()}",
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
                    if dict(record.headers).get("event-id", b"").decode() == event_id:
                        return record
        return None
    finally:
        await consumer.stop()


def test_every_message_arrives_once_across_a_worker_restart(
    sealer: Sealer, recipients: Recipients
) -> None:
    wanted: set[str] = set()
    events: list[IntegrationEvent] = []
    for index in range(240):
        if index % 2:
            mobile = recipients.mobile()
            events.append(login_code(sealer, mobile, random_code()))
            wanted.add(mobile)
        else:
            address = recipients.email()
            events.append(registration_event(RegistrationSubmitted, address))
            wanted.add(address)

    def received() -> Counter[str]:
        """Messages per recipient of this test, in one request (the inbox is shared)."""
        response = httpx.get(f"{INBOX_API}/messages", timeout=30)
        response.raise_for_status()
        return Counter(to for message in response.json() for to in message["to"] if to in wanted)

    publish(*events)
    try:
        wait_for(lambda: len(received()) >= 1, 30, "the first messages")
        control.stop("notification-worker")
        before_restart = received()
        print(f"{len(before_restart)} of {len(wanted)} delivered before the restart")
        assert len(before_restart) < len(wanted), "everything left before the stop"
    finally:
        control.start("notification-worker")

    wait_for(lambda: len(received()) == len(wanted), 120, "every message after the restart")
    time.sleep(2)  # a message sent twice would show up by now
    counts = received()
    assert {to: n for to, n in counts.items() if n != 1} == {}
    assert 0 < len(before_restart) < len(wanted)
