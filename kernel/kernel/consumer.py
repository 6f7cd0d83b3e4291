"""Idempotent Kafka consumers: inbox table, bounded retries, then the topic's dead-letter topic."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from contracts import IntegrationEvent, registry
from kernel import correlation, metrics
from kernel.db import SessionFactory
from kernel.messaging import Envelope, processed_message
from kernel.uow import UnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, IntegrationEvent], Awaitable[None]]


class PoisonMessage(ValueError):
    """A message no retry can fix (malformed headers or payload)."""


OUTAGE_RETRY_SECONDS = 1.0


def unreachable(error: BaseException) -> bool:
    """True when the error (or what caused it) says a server is unreachable or restarting:
    connection refused or lost, or PostgreSQL shutting down or starting up."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError) and seen.connection_invalidated:
            return True
        if isinstance(
            seen,
            ConnectionError
            | TimeoutError
            | asyncpg.exceptions.OperatorInterventionError
            | asyncpg.exceptions.ConnectionDoesNotExistError,
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@dataclass(frozen=True)
class Subscription:
    """One consumer group: the event classes it reads and the handler of each."""

    name: str
    handlers: Mapping[type[IntegrationEvent], Handler]
    # Batched: a fetched batch is applied in one transaction (much higher throughput). Only for
    # handlers whose effects are all in the database: a failed batch is rolled back and
    # replayed record by record, which would repeat any effect outside the transaction.
    batched: bool = False

    @property
    def topics(self) -> list[str]:
        return sorted({event_class.TOPIC for event_class in self.handlers})


def parse_event(envelope: Envelope) -> IntegrationEvent:
    """The event an envelope carries; PoisonMessage when no schema fits it."""
    event_class = registry.lookup(envelope.event_type, envelope.version)
    if event_class is None:
        raise PoisonMessage(f"unknown event {envelope.event_type} v{envelope.version}")
    try:
        event = event_class.model_validate_json(envelope.payload)
    except ValidationError as error:
        raise PoisonMessage(f"payload does not match its schema: {error}") from error
    if event.event_id != envelope.event_id:
        raise PoisonMessage("payload event id differs from the header")
    return event


class IdempotentConsumer:
    def __init__(
        self,
        *,
        service: str,
        subscription: Subscription,
        session_factory: SessionFactory,
        bootstrap: str,
        dead_letter_producer: AIOKafkaProducer,
        attempts: int = 3,
        retry_delay: float = 0.2,
    ) -> None:
        self._service = service
        self._subscription = subscription
        self._session_factory = session_factory
        self._bootstrap = bootstrap
        self._dlq = dead_letter_producer
        self._attempts = attempts
        self._retry_delay = retry_delay
        self._handlers = {
            (event_class.TYPE, event_class.VERSION): handler
            for event_class, handler in subscription.handlers.items()
        }

    @property
    def group_id(self) -> str:
        return f"{self._service}.{self._subscription.name}"

    async def run(self) -> None:
        """Consume forever; a failed session (rebalance, broker loss) restarts after a pause."""
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning("consumer %s restarting after: %s", self.group_id, error)
                await asyncio.sleep(1.0)

    async def _consume(self) -> None:
        consumer = AIOKafkaConsumer(
            *self._subscription.topics,
            bootstrap_servers=self._bootstrap,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=100,
        )
        await consumer.start()
        try:
            while True:
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                offsets = {}
                for partition, records in batches.items():
                    await self.handle_all(records)
                    offsets[partition] = records[-1].offset + 1
                    self._observe_lag(consumer, partition, offsets[partition])
                if offsets:
                    # Offsets are committed after the effects; a crash in between replays the
                    # records, which the inbox then recognises.
                    await consumer.commit(offsets)
        finally:
            await consumer.stop()

    def _observe_lag(
        self, consumer: AIOKafkaConsumer, partition: TopicPartition, next_offset: int
    ) -> None:
        highwater = consumer.highwater(partition)
        if highwater is not None:
            metrics.CONSUMER_LAG.labels(
                self._service, self._subscription.name, partition.topic, str(partition.partition)
            ).set(max(highwater - next_offset, 0))

    async def handle_all(self, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        """Process the records of one partition, in order."""
        if self._subscription.batched and len(records) > 1 and await self._try_batch(records):
            return
        for record in records:
            await self.handle(record)

    async def handle(self, record: ConsumerRecord[bytes, bytes]) -> str:
        """Process one record; returns the outcome recorded in the metrics."""
        outcome = await self._outcome(record)
        self._count(record, outcome)
        return outcome

    def _count(self, record: ConsumerRecord[bytes, bytes], outcome: str) -> None:
        metrics.CONSUMED.labels(self._service, self._subscription.name, record.topic, outcome).inc()

    def _prepare(
        self, record: ConsumerRecord[bytes, bytes]
    ) -> tuple[Envelope, IntegrationEvent, Handler] | None:
        """Envelope, event and handler of a record; None when no handler wants it.
        Raises ValueError (PoisonMessage included) when no retry can make it readable."""
        envelope = Envelope.from_kafka(
            topic=record.topic, key=record.key, value=record.value, headers=record.headers
        )
        handler = self._handlers.get((envelope.event_type, envelope.version))
        if handler is None:
            return None
        return envelope, parse_event(envelope), handler

    async def _try_batch(self, records: list[ConsumerRecord[bytes, bytes]]) -> bool:
        """Apply every readable record in one transaction; False (nothing applied) on failure."""
        prepared = []
        for record in records:
            try:
                found = self._prepare(record)
            except ValueError:
                return False  # the record-by-record path dead-letters it with its reason
            if found is not None:
                prepared.append((record, *found))
        outcomes: list[tuple[ConsumerRecord[bytes, bytes], str]] = []
        try:
            async with UnitOfWork(self._session_factory) as uow:
                # One statement claims the whole batch in the inbox; a copy of an event later in
                # the same batch finds its id already taken.
                unclaimed = await self._claim_many(
                    uow, [envelope for _, envelope, _, _ in prepared]
                )
                for record, envelope, event, handler in prepared:
                    if envelope.event_id in unclaimed:
                        unclaimed.discard(envelope.event_id)
                        await handler(uow, event)
                        outcomes.append((record, "processed"))
                    else:
                        outcomes.append((record, "duplicate"))
                await uow.commit()
        except Exception as error:
            log.info("batch of %d rolled back, retrying one by one: %s", len(records), error)
            return False
        handled = {id(record) for record, _ in outcomes}
        for record, outcome in outcomes:
            self._count(record, outcome)
        for record in records:
            if id(record) not in handled:
                self._count(record, "ignored")
        return True

    async def _claim_many(self, uow: UnitOfWork, envelopes: list[Envelope]) -> set[UUID]:
        """Record the event ids in the inbox; returns those this consumer had not processed."""
        if not envelopes:
            return set()
        claimed = await uow.session.execute(
            pg_insert(processed_message)
            .values([{"consumer": self.group_id, "event_id": e.event_id} for e in envelopes])
            .on_conflict_do_nothing()
            .returning(processed_message.c.event_id)
        )
        return set(claimed.scalars())

    async def _claim(self, uow: UnitOfWork, envelope: Envelope) -> bool:
        """Record the event id in the inbox; False when this consumer already processed it."""
        claimed = await uow.session.execute(
            pg_insert(processed_message)
            .values(consumer=self.group_id, event_id=envelope.event_id)
            .on_conflict_do_nothing()
            .returning(processed_message.c.event_id)
        )
        return claimed.first() is not None

    async def _outcome(self, record: ConsumerRecord[bytes, bytes]) -> str:
        try:
            found = self._prepare(record)
        except ValueError as error:  # PoisonMessage included: no retry can fix it
            await self._dead_letter(record, str(error))
            return "dead_letter"
        if found is None:
            return "ignored"
        envelope, event, handler = found
        token = correlation.correlation_id.set(envelope.correlation_id)
        attempt = 0
        try:
            while True:
                try:
                    return await self._apply(envelope, event, handler)
                except Exception as error:
                    if unreachable(error):
                        # The database or a server is down, not the message at fault: wait
                        # (the partition waits with it) instead of spending attempts, or a
                        # short outage would send good messages to the dead-letter topic.
                        log.warning(
                            "waiting for the outage to end, %s %s: %s",
                            envelope.event_type,
                            envelope.event_id,
                            error,
                        )
                        await asyncio.sleep(OUTAGE_RETRY_SECONDS)
                        continue
                    attempt += 1
                    if attempt == self._attempts:
                        await self._dead_letter(record, f"{type(error).__name__}: {error}")
                        return "dead_letter"
                    log.warning(
                        "handler failed (attempt %d/%d) for %s %s: %s",
                        attempt,
                        self._attempts,
                        envelope.event_type,
                        envelope.event_id,
                        error,
                    )
                    await asyncio.sleep(self._retry_delay * 2 ** (attempt - 1))
        finally:
            correlation.correlation_id.reset(token)

    async def _apply(self, envelope: Envelope, event: IntegrationEvent, handler: Handler) -> str:
        async with UnitOfWork(self._session_factory) as uow:
            if not await self._claim(uow, envelope):
                return "duplicate"
            await handler(uow, event)
            await uow.commit()
        return "processed"

    async def _dead_letter(self, record: ConsumerRecord[bytes, bytes], reason: str) -> None:
        topic = f"{record.topic}.dlq"
        headers = [
            *record.headers,
            ("dlq-reason", reason[:1000].encode()),
            ("dlq-consumer", self.group_id.encode()),
        ]
        await self._dlq.send_and_wait(topic, value=record.value, key=record.key, headers=headers)
        metrics.DEAD_LETTERS.labels(self._service, record.topic).inc()
        log.error(
            "message sent to dead-letter topic %s (partition %s offset %s): %s",
            topic,
            record.partition,
            record.offset,
            reason[:300],
        )
