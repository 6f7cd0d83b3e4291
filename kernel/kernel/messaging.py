"""The outbox and inbox tables every service database carries, and the Kafka message envelope."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

import sqlalchemy as sa
from alembic.operations import Operations

from contracts import IntegrationEvent

# Table objects are not bound to a database: each service's own database has these two tables,
# created by its first migration through ``create_messaging_tables``.
_metadata = sa.MetaData()

outbox_message = sa.Table(
    "outbox_message",
    _metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("event_id", sa.Uuid, nullable=False, unique=True),
    sa.Column("topic", sa.String(200), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("event_type", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", sa.LargeBinary, nullable=False),
    sa.Column("correlation_id", sa.String(100), nullable=True),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
)

processed_message = sa.Table(
    "processed_message",
    _metadata,
    sa.Column("consumer", sa.String(200), primary_key=True),
    sa.Column("event_id", sa.Uuid, primary_key=True),
    sa.Column(
        "processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)


# The relay only ever looks at unpublished rows: a partial index keeps that scan tiny.
sa.Index(
    "ix_outbox_message_unpublished",
    outbox_message.c.id,
    postgresql_where=outbox_message.c.published_at.is_(None),
)


def create_messaging_tables(op: Operations) -> None:
    """Create the messaging tables; called once from each service's first migration.

    The tables above are the schema's only definition. Changing them later means a new
    migration in every service, never an edit here.
    """
    _metadata.create_all(op.get_bind(), checkfirst=False)


HEADER_EVENT_ID = "event-id"
HEADER_EVENT_TYPE = "event-type"
HEADER_VERSION = "event-version"
HEADER_CORRELATION_ID = "correlation-id"


@dataclass(frozen=True)
class Envelope:
    """What travels on Kafka: routing (topic, key), identity and schema (headers), payload."""

    event_id: UUID
    topic: str
    key: str
    event_type: str
    version: int
    payload: bytes
    correlation_id: str | None = None

    @classmethod
    def wrap(cls, event: IntegrationEvent, *, key: str, correlation_id: str | None) -> "Envelope":
        return cls(
            event_id=event.event_id,
            topic=event.TOPIC,
            key=key,
            event_type=event.TYPE,
            version=event.VERSION,
            payload=event.model_dump_json().encode(),
            correlation_id=correlation_id,
        )

    def headers(self) -> list[tuple[str, bytes]]:
        headers = [
            (HEADER_EVENT_ID, str(self.event_id).encode()),
            (HEADER_EVENT_TYPE, self.event_type.encode()),
            (HEADER_VERSION, str(self.version).encode()),
        ]
        if self.correlation_id:
            headers.append((HEADER_CORRELATION_ID, self.correlation_id.encode()))
        return headers

    @classmethod
    def from_kafka(
        cls,
        *,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Sequence[tuple[str, bytes]],
    ) -> "Envelope":
        """Rebuild an envelope from a received record; raises ValueError when it is malformed."""
        found = {name: raw.decode() for name, raw in headers}
        try:
            event_id = UUID(found[HEADER_EVENT_ID])
            event_type = found[HEADER_EVENT_TYPE]
            version = int(found[HEADER_VERSION])
        except (KeyError, ValueError) as error:
            raise ValueError(f"malformed headers: {error}") from error
        if value is None:
            raise ValueError("empty payload")
        return cls(
            event_id=event_id,
            topic=topic,
            key=(key or b"").decode(),
            event_type=event_type,
            version=version,
            payload=value,
            correlation_id=found.get(HEADER_CORRELATION_ID),
        )

    def as_outbox_row(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "topic": self.topic,
            "key": self.key,
            "event_type": self.event_type,
            "version": self.version,
            "payload": self.payload,
            "correlation_id": self.correlation_id,
        }
