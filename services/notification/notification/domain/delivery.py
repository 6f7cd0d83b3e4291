"""The delivery log's rules: one delivery per event and channel, its states, retries and expiry."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from notification.domain.messages import Channel, Language, Template


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # claimed; being sent, or a send is to be retried
    SENT = "sent"  # accepted by the SMTP server or the SMS provider
    FAILED = "failed"  # the last round of attempts failed; the event went to the dead letters
    SKIPPED = "skipped"  # not sent on purpose: its code or link had expired


@dataclass(frozen=True)
class DeliveryKey:
    """A delivery is unique per event and channel: a replayed event finds its own row."""

    event_id: UUID
    channel: Channel

    def __str__(self) -> str:
        return f"{self.event_id}.{self.channel}"


@dataclass(frozen=True)
class Dispatch:
    """What one event asks to deliver, before any secret is opened."""

    event_id: UUID
    event_type: str
    template: Template
    language: Language
    recipient: str
    recipient_name: str = ""
    # A code or link that expired before it could be sent is not sent at all.
    not_after: datetime | None = None

    @property
    def key(self) -> DeliveryKey:
        return DeliveryKey(self.event_id, self.template.channel)

    def has_expired(self, now: datetime) -> bool:
        return self.not_after is not None and now >= self.not_after


@dataclass(frozen=True)
class DeliveryState:
    status: DeliveryStatus
    attempts: int

    @property
    def already_sent(self) -> bool:
        return self.status is DeliveryStatus.SENT


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts per round and the exponential pause between them."""

    attempts: int = 3
    base_delay: float = 1.0
    max_delay: float = 10.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("at least one attempt is needed")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays cannot be negative")

    def delay_after(self, attempt: int) -> float:
        """Pause after the given failed attempt (1-based)."""
        return float(min(self.base_delay * 2 ** (attempt - 1), self.max_delay))


class DeliveryError(Exception):
    """A message could not be handed over. Its text never contains the message's secret."""

    transient: bool = False


class TransientDeliveryError(DeliveryError):
    """Worth retrying: the server is unreachable, busy, or answered 4xx (SMTP) / 5xx, 429 (HTTP)."""

    transient = True


class PermanentDeliveryError(DeliveryError):
    """No retry can fix it: the address was refused, the provider rejected the request."""


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes of validity to announce, at least one."""
    return max(1, round((end - start).total_seconds() / 60))
