"""A service's worker process: the outbox relay, its consumers and a small health/metrics port."""

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from kernel import metrics
from kernel.consumer import IdempotentConsumer, Subscription
from kernel.health import StartupError, require_infrastructure
from kernel.logs import configure_logging
from kernel.relay import OutboxRelay, OutboxWake, make_producer
from kernel.runtime import Runtime, build_runtime
from kernel.settings import ServiceSettings, SettingsT, load_or_exit

log = logging.getLogger(__name__)


def run_worker(
    load_settings: Callable[[], SettingsT],
    subscriptions: Callable[[Runtime], Sequence[Subscription]],
) -> None:
    """Entry point of ``python -m <service>.worker``."""
    settings = load_or_exit(load_settings)
    configure_logging(f"{settings.service_name}-worker", settings.log_level)
    try:
        asyncio.run(_main(build_runtime(settings), subscriptions))
    except StartupError as error:
        log.error("%s worker cannot start: %s", settings.service_name, error)
        raise SystemExit(1) from None


async def _main(
    runtime: Runtime, subscriptions: Callable[[Runtime], Sequence[Subscription]]
) -> None:
    settings = runtime.settings
    await require_infrastructure(runtime.engine, settings.kafka_bootstrap)
    plan = subscriptions(runtime)
    await ensure_topics(settings, [s.topics for s in plan])
    producer = make_producer(settings.kafka_bootstrap)
    await producer.start()
    wake = OutboxWake(settings.database_url.get_secret_value())
    relay = OutboxRelay(
        service=settings.service_name,
        session_factory=runtime.session_factory,
        producer=producer,
        wake=wake,
    )
    consumers = [
        IdempotentConsumer(
            service=settings.service_name,
            subscription=subscription,
            session_factory=runtime.session_factory,
            bootstrap=settings.kafka_bootstrap,
            dead_letter_producer=producer,
        )
        for subscription in plan
    ]
    # Same interface as the API: loopback locally, all interfaces in a container.
    server = await asyncio.start_server(_serve_probe, settings.http_host, settings.worker_port)
    tasks = [asyncio.create_task(relay.run()), *(asyncio.create_task(c.run()) for c in consumers)]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("worker started: relay and %d consumer(s)", len(consumers))
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        server.close()
        await producer.stop()
        await wake.close()
        await runtime.engine.dispose()
        log.info("worker stopped")


async def ensure_topics(settings: ServiceSettings, topic_lists: Sequence[Sequence[str]]) -> None:
    """Create the consumed topics and their dead-letter topics up front: a consumer subscribed
    to a topic that does not exist yet would only notice it at its next metadata refresh."""
    names = sorted(
        {name for topics in topic_lists for topic in topics for name in (topic, f"{topic}.dlq")}
    )
    if not names:
        return
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, settings.kafka_partitions, settings.kafka_replication_factor)
            for name in names
            if name not in existing
        ]
        if missing:
            # Another worker may create them meanwhile.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()


async def _serve_probe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers GET /healthz and GET /metrics; nothing else is served on the worker port."""
    try:
        request_line = await asyncio.wait_for(reader.readline(), 5)
        while (await asyncio.wait_for(reader.readline(), 5)) not in (b"\r\n", b"\n", b""):
            pass
        parts = request_line.decode("latin-1").split()
        path = parts[1] if len(parts) > 1 else ""
        if path == "/healthz":
            status, body, content_type = "200 OK", b'{"status":"alive"}', "application/json"
        elif path == "/metrics":
            body, content_type = metrics.render()
            status = "200 OK"
        else:
            status, body, content_type = "404 Not Found", b"", "text/plain"
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        await writer.drain()
    except (TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()
