"""What the delivery use cases need from the outside world; adapters implement it, tests fake it."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from notification.domain.delivery import DeliveryKey, DeliveryState, Dispatch
from notification.domain.messages import Email, Language, Sms, Template


class EmailSender(Protocol):
    async def send(self, email: Email, *, idempotency_key: str) -> str | None:
        """Hand the e-mail over; returns the server's reference when it gives one.

        Raises TransientDeliveryError or PermanentDeliveryError, never anything else.
        """


class SmsSender(Protocol):
    async def send(self, sms: Sms, *, idempotency_key: str) -> str | None:
        """Hand the SMS over; same contract as EmailSender.send."""


class SecretOpener(Protocol):
    def open(self, sealed: str, *, max_age_seconds: int | None = None) -> str:
        """The secret; ValueError when it cannot be opened (kernel.sealing.Sealer)."""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class Renderer(Protocol):
    def email(
        self, template: Template, language: Language, context: Mapping[str, object]
    ) -> RenderedEmail: ...

    def sms(self, template: Template, language: Language, context: Mapping[str, object]) -> str: ...


class DeliveryLog(Protocol):
    """The ``delivery`` table. Every method commits on its own, outside the consumer's
    transaction: a row marked 'sent' must stay so even when that transaction rolls back."""

    async def claim(self, dispatch: Dispatch) -> DeliveryState:
        """Create the row (pending, no attempt) unless it exists; return its current state."""

    async def record_attempt(self, key: DeliveryKey) -> None:
        """One more attempt is about to be made: attempts + 1, status pending."""

    async def note_failure(self, key: DeliveryKey, error: str) -> None:
        """A failed attempt that will be retried: keep it pending, remember the error."""

    async def mark_sent(self, key: DeliveryKey, reference: str | None) -> None: ...

    async def mark_failed(self, key: DeliveryKey, error: str) -> None: ...

    async def mark_skipped(self, key: DeliveryKey, reason: str) -> None: ...


class DeliveryObserver(Protocol):
    """Counts what left the system (metrics)."""

    def sent(self, dispatch: Dispatch) -> None: ...

    def failed(self, dispatch: Dispatch, *, transient: bool) -> None: ...

    def skipped(self, dispatch: Dispatch, reason: str) -> None: ...
