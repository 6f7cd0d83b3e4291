"""The outbox relay: publishes committed outbox rows to Kafka, in order, then marks them sent."""

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta

import asyncpg
from aiokafka import AIOKafkaProducer
from sqlalchemy import delete, func, select, update

from kernel import metrics
from kernel.db import SessionFactory
from kernel.messaging import Envelope, outbox_message

log = logging.getLogger(__name__)


def make_producer(bootstrap: str) -> AIOKafkaProducer:
    # Idempotence + acks=all: a retried send after a broker hiccup is written once.
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        enable_idempotence=True,
        acks="all",
        linger_ms=2,
        max_batch_size=256 * 1024,
    )


class OutboxRelay:
    def __init__(
        self,
        *,
        service: str,
        session_factory: SessionFactory,
        producer: AIOKafkaProducer,
        wake: "OutboxWake",
        batch_size: int = 1000,
        idle_interval: float = 1.0,
        keep_published: timedelta = timedelta(days=7),
    ) -> None:
        self._service = service
        self._session_factory = session_factory
        self._producer = producer
        self._wake = wake
        self._batch_size = batch_size
        self._idle_interval = idle_interval
        self._keep_published = keep_published

    async def publish_batch(self) -> int:
        """Publish up to one batch; returns how many rows were published."""
        async with self._session_factory() as session, session.begin():
            # SKIP LOCKED lets a second relay (during a rolling deploy) wait its turn row by row
            # instead of blocking; ordering by id keeps each aggregate's events in commit order.
            rows = (
                await session.execute(
                    select(outbox_message)
                    .where(outbox_message.c.published_at.is_(None))
                    .order_by(outbox_message.c.id)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            sends = []
            for row in rows:
                envelope = Envelope(
                    event_id=row.event_id,
                    topic=row.topic,
                    key=row.key,
                    event_type=row.event_type,
                    version=row.version,
                    payload=row.payload,
                    correlation_id=row.correlation_id,
                )
                sends.append(
                    await self._producer.send(
                        envelope.topic,
                        value=envelope.payload,
                        key=envelope.key.encode(),
                        headers=envelope.headers(),
                    )
                )
            # Marked only once the broker acknowledged every record: a crash before this line
            # republishes the batch, which consumers absorb through their inbox.
            await asyncio.gather(*sends)
            await session.execute(
                update(outbox_message)
                .where(outbox_message.c.id.in_([row.id for row in rows]))
                .values(published_at=func.now())
            )
        for row in rows:
            metrics.OUTBOX_PUBLISHED.labels(self._service, row.topic).inc()
        return len(rows)

    async def observe_backlog(self) -> None:
        async with self._session_factory() as session:
            count, oldest = (
                await session.execute(
                    select(func.count(), func.min(outbox_message.c.created_at)).where(
                        outbox_message.c.published_at.is_(None)
                    )
                )
            ).one()
        metrics.OUTBOX_BACKLOG.labels(self._service).set(count)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        metrics.OUTBOX_OLDEST_AGE.labels(self._service).set(max(age, 0.0))

    async def purge_published(self) -> None:
        cutoff = datetime.now(UTC) - self._keep_published
        async with self._session_factory() as session, session.begin():
            await session.execute(
                delete(outbox_message).where(outbox_message.c.published_at < cutoff)
            )

    async def run(self) -> None:
        backoff = 0.5
        observed_at = purged_at = 0.0
        while True:
            try:
                published = await self.publish_batch()
                now = time.monotonic()
                if now - observed_at > 1.0:
                    await self.observe_backlog()
                    observed_at = now
                if now - purged_at > 3600.0:
                    await self.purge_published()
                    purged_at = now
                backoff = 0.5
                if published < self._batch_size:
                    await self._wake.wait(self._idle_interval)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                # Broker or database unavailable: keep the rows, retry with a capped backoff.
                log.warning("outbox relay paused: %s", error)
                await self._safe_observe()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)

    async def _safe_observe(self) -> None:
        try:
            await self.observe_backlog()
        except Exception as error:
            log.debug("backlog not observed: %s", error)


class OutboxWake:
    """Wakes the relay as soon as a unit of work commits events (PostgreSQL NOTIFY), so it can
    poll rarely when idle. Without its listening connection it falls back to short polling."""

    CHANNEL = "outbox"

    def __init__(self, database_url: str, *, fallback_interval: float = 0.05) -> None:
        # asyncpg wants a plain PostgreSQL URL, without SQLAlchemy's driver suffix.
        self._dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self._fallback_interval = fallback_interval
        self._event = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        self._retry_at = 0.0

    async def wait(self, idle_interval: float) -> None:
        if not await self._listening():
            await asyncio.sleep(self._fallback_interval)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), idle_interval)
        # Cleared before the next batch is read: a commit notified after this point wakes the
        # following wait at once, and one notified before it is already visible to the batch.
        self._event.clear()

    async def _listening(self) -> bool:
        if self._connection is not None and not self._connection.is_closed():
            return True
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._connection = await asyncpg.connect(self._dsn, timeout=3)
            await self._connection.add_listener(self.CHANNEL, self._notified)
        except (OSError, asyncpg.PostgresError) as error:
            log.warning("outbox wake-up unavailable, polling instead: %s", error)
            self._connection = None
            self._retry_at = time.monotonic() + 5.0
            return False
        return True

    def _notified(self, *_: object) -> None:
        self._event.set()

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
