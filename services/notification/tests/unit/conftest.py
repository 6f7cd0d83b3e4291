"""Fakes and factories for notification's unit tests: no database, no SMTP server, no network."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

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
from kernel.sealing import Sealer
from notification.adapters.templates import JinjaRenderer
from notification.application.courier import Courier
from notification.domain.delivery import (
    DeliveryKey,
    DeliveryState,
    DeliveryStatus,
    Dispatch,
    RetryPolicy,
)
from notification.domain.links import Links
from notification.domain.messages import Email, Office, Sms

NOW = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
PUBLIC_URL = "http://127.0.0.1:8000"
OFFICE = Office(
    names={
        "fr": "Office cantonal AI du Valais",
        "de": "Kantonale IV-Stelle Wallis",
        "it": "Office cantonal AI du Valais",
    },
    address_lines=("Av. de la Gare 15", "Case postale", "1951 Sion"),
    phone="027 324 96 11",
)


@dataclass
class Row:
    dispatch: Dispatch
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    reference: str | None = None


class FakeDeliveryLog:
    """The delivery table in memory, with the same rule: a sent row stays sent."""

    def __init__(self) -> None:
        self.rows: dict[DeliveryKey, Row] = {}

    async def claim(self, dispatch: Dispatch) -> DeliveryState:
        row = self.rows.setdefault(dispatch.key, Row(dispatch))
        return DeliveryState(row.status, row.attempts)

    def _open_row(self, key: DeliveryKey) -> Row | None:
        row = self.rows[key]
        return None if row.status is DeliveryStatus.SENT else row

    async def record_attempt(self, key: DeliveryKey) -> None:
        if row := self._open_row(key):
            row.attempts += 1
            row.status = DeliveryStatus.PENDING

    async def note_failure(self, key: DeliveryKey, error: str) -> None:
        if row := self._open_row(key):
            row.last_error = error

    async def mark_sent(self, key: DeliveryKey, reference: str | None) -> None:
        if row := self._open_row(key):
            row.status, row.reference = DeliveryStatus.SENT, reference

    async def mark_failed(self, key: DeliveryKey, error: str) -> None:
        if row := self._open_row(key):
            row.status, row.last_error = DeliveryStatus.FAILED, error

    async def mark_skipped(self, key: DeliveryKey, reason: str) -> None:
        if row := self._open_row(key):
            row.status, row.last_error = DeliveryStatus.SKIPPED, reason

    def only(self) -> Row:
        assert len(self.rows) == 1, self.rows
        return next(iter(self.rows.values()))


class FakeSender:
    """Records what it sends; ``failures`` are raised first, one per attempt."""

    def __init__(self) -> None:
        self.sent: list[Any] = []
        self.keys: list[str] = []
        self.failures: list[Exception] = []
        self.attempts = 0
        self.gate: asyncio.Event | None = None
        self.started = asyncio.Event()

    async def send(self, message: Email | Sms, *, idempotency_key: str) -> str | None:
        self.attempts += 1
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        self.keys.append(idempotency_key)
        return f"ref-{len(self.sent)}"


@dataclass
class FakeObserver:
    events: list[tuple[str, str, str]] = field(default_factory=list)

    def sent(self, dispatch: Dispatch) -> None:
        self.events.append(("sent", dispatch.template.value, ""))

    def failed(self, dispatch: Dispatch, *, transient: bool) -> None:
        self.events.append(("failed", dispatch.template.value, str(transient)))

    def skipped(self, dispatch: Dispatch, reason: str) -> None:
        self.events.append(("skipped", dispatch.template.value, reason))


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Fakes:
    log: FakeDeliveryLog = field(default_factory=FakeDeliveryLog)
    email: FakeSender = field(default_factory=FakeSender)
    sms: FakeSender = field(default_factory=FakeSender)
    observer: FakeObserver = field(default_factory=FakeObserver)
    clock: Clock = field(default_factory=Clock)
    pauses: list[float] = field(default_factory=list)

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(SecretStr(Fernet.generate_key().decode()))


@pytest.fixture
def fakes() -> Fakes:
    return Fakes()


@pytest.fixture
def renderer() -> JinjaRenderer:
    return JinjaRenderer(OFFICE, Links(PUBLIC_URL))


@pytest.fixture
def make_courier(fakes: Fakes, sealer: Sealer, renderer: JinjaRenderer) -> Callable[..., Courier]:
    def make(**overrides: Any) -> Courier:
        values: dict[str, Any] = {
            "log": fakes.log,
            "email_sender": fakes.email,
            "sms_sender": fakes.sms,
            "opener": sealer,
            "renderer": renderer,
            "observer": fakes.observer,
            "office": OFFICE,
            "links": Links(PUBLIC_URL),
            "retry": RetryPolicy(attempts=3, base_delay=1.0, max_delay=10.0),
            "clock": fakes.clock,
            "sleep": fakes.sleep,
        }
        return Courier(**(values | overrides))

    return make


@pytest.fixture
def courier(make_courier: Callable[..., Courier]) -> Courier:
    return make_courier()


# --- events -------------------------------------------------------------------------------


@pytest.fixture
def make_login_code_issued(sealer: Sealer) -> Callable[..., LoginCodeIssued]:
    def make(code: str = "123456", **overrides: Any) -> LoginCodeIssued:
        values: dict[str, Any] = {
            "account_id": uuid4(),
            "language": "fr",
            "occurred_at": NOW,
            "challenge_id": uuid4(),
            "mobile": "+41791234567",
            "sealed_code": sealer.seal(code),
            "expires_at": NOW + timedelta(minutes=5),
        }
        return LoginCodeIssued(**(values | overrides))

    return make


@pytest.fixture
def make_password_reset_requested(sealer: Sealer) -> Callable[..., PasswordResetRequested]:
    def make(clear: str = "reset-token-abc", **overrides: Any) -> PasswordResetRequested:
        values: dict[str, Any] = {
            "account_id": uuid4(),
            "language": "fr",
            "occurred_at": NOW,
            "email": "anne.rey@example.ch",
            "first_name": "Anne",
            "sealed_token": sealer.seal(clear),
            "expires_at": NOW + timedelta(minutes=60),
        }
        return PasswordResetRequested(**(values | overrides))

    return make


@pytest.fixture
def make_invitation_issued(sealer: Sealer) -> Callable[..., InvitationIssued]:
    def make(clear: str = "invitation-token-xyz", **overrides: Any) -> InvitationIssued:
        values: dict[str, Any] = {
            "account_id": uuid4(),
            "language": "de",
            "occurred_at": NOW,
            "email": "marc.imboden@example.ch",
            "first_name": "Marc",
            "company_name": "Atelier Rhône SA",
            "sealed_token": sealer.seal(clear),
            "expires_at": NOW + timedelta(days=7),
        }
        return InvitationIssued(**(values | overrides))

    return make


def make_password_changed(**overrides: Any) -> PasswordChanged:
    values: dict[str, Any] = {
        "account_id": uuid4(),
        "language": "fr",
        "occurred_at": NOW,
        "email": "anne.rey@example.ch",
        "first_name": "Anne",
        "reason": "reset",
    }
    return PasswordChanged(**(values | overrides))


def make_manager(**overrides: Any) -> Manager:
    values: dict[str, Any] = {
        "account_id": uuid4(),
        "first_name": "Anne",
        "last_name": "Rey",
        "email": "anne.rey@example.ch",
        "language": "fr",
    }
    return Manager(**(values | overrides))


def _registration(event_class: type[Any], **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "institution_id": uuid4(),
        "institution_name": "Atelier Rhône SA",
        "gln": "7601001234567",
        "manager": make_manager(),
        "occurred_at": NOW,
    }
    return event_class(**(values | overrides))


@pytest.fixture
def make_event() -> Callable[..., Any]:
    """Events without secrets, by class: make_event(RegistrationRefused, reason=...)."""

    def make(event_class: type[Any], **overrides: Any) -> Any:
        if event_class is PasswordChanged:
            return make_password_changed(**overrides)
        if event_class is RegistrationRefused:
            overrides.setdefault("reason", "Le GLN n'est pas au nom de la société.")
        if event_class in (RegistrationSubmitted, RegistrationApproved, RegistrationRefused):
            if isinstance(overrides.get("manager"), dict):
                overrides["manager"] = make_manager(**overrides["manager"])
            return _registration(event_class, **overrides)
        raise AssertionError(f"no factory for {event_class}")

    return make
