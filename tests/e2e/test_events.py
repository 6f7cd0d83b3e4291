"""Events cross services through the real broker exactly once, survive a broker outage, and
poison messages end in the dead-letter topic."""

import asyncio
import json
import os
import re
import time
import uuid
from collections.abc import Callable

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from guichet_local import control

pytestmark = pytest.mark.stack

BOOTSTRAP = os.environ.get("GUICHET_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
NOTIFICATION_WORKER_METRICS = "http://127.0.0.1:8205/metrics"


def send_probe(client: httpx.Client, token: str, label: str) -> str:
    response = client.post(
        "/internal/identity/diagnostics/probes",
        json={"label": label},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def receipts(client: httpx.Client, token: str, probe_id: str) -> int:
    response = client.get(
        f"/internal/notification/diagnostics/probes/{probe_id}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return int(response.json()["receipts"])


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {seconds}s waiting for {what}")


def consumed(outcome: str) -> float:
    """The notification worker's count of consumed probe messages with this outcome."""
    text = httpx.get(NOTIFICATION_WORKER_METRICS, timeout=5).text
    pattern = (
        r'^guichet_consumer_messages_total\{[^}]*outcome="' + outcome + r'"[^}]*'
        r'topic="identity\.probe"[^}]*\} (\S+)$'
    )
    return sum(float(v) for v in re.findall(pattern, text, flags=re.MULTILINE))


async def read_topic(
    topic: str, match: Callable[[bytes], bool], seconds: float = 20
) -> ConsumerRecord[bytes, bytes] | None:
    """The first record of ``topic`` whose value matches, reading from the start."""
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
                    if record.value is not None and match(record.value):
                        return record
        return None
    finally:
        await consumer.stop()


def test_event_is_consumed_exactly_once_even_when_replayed(
    client: httpx.Client, office_token: Callable[..., str]
) -> None:
    token = office_token("diagnostics")
    probe_id = send_probe(client, token, "exactly once")
    wait_for(lambda: receipts(client, token, probe_id) >= 1, 20, "the probe to reach notification")

    record = asyncio.run(read_topic("identity.probe", lambda v: probe_id.encode() in v))
    assert record is not None, "the probe event is not on the identity.probe topic"
    duplicates_before = consumed("duplicate")

    async def replay() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
        await producer.start()
        try:
            # Three copies in one go: they reach the consumer together (batch path) or not.
            sends = [
                await producer.send(
                    record.topic, value=record.value, key=record.key, headers=list(record.headers)
                )
                for _ in range(3)
            ]
            await asyncio.gather(*sends)
        finally:
            await producer.stop()

    asyncio.run(replay())
    # The replay was taken and recognised, not lost: the duplicate counter moves, receipts do not.
    wait_for(
        lambda: consumed("duplicate") >= duplicates_before + 3, 20, "the replays to be consumed"
    )
    assert receipts(client, token, probe_id) == 1


def test_change_committed_while_the_broker_is_down_is_delivered_after_restart(
    client: httpx.Client, office_token: Callable[..., str]
) -> None:
    token = office_token("diagnostics")
    control.stop("kafka")
    try:
        # The API keeps accepting work: the event waits in identity's outbox.
        probe_id = send_probe(client, token, "broker outage")
        time.sleep(2)
        assert receipts(client, token, probe_id) == 0
    finally:
        control.start("kafka")
    wait_for(lambda: receipts(client, token, probe_id) == 1, 90, "delivery after the restart")
    time.sleep(1)
    assert receipts(client, token, probe_id) == 1


def test_poison_message_lands_in_the_dead_letter_topic() -> None:
    marker = f"poison-{uuid.uuid4()}"
    event_id = str(uuid.uuid4())

    async def publish_poison() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
        await producer.start()
        try:
            await producer.send_and_wait(
                "identity.probe",
                value=json.dumps({"not": "a probe", "marker": marker}).encode(),
                key=b"poison",
                headers=[
                    ("event-id", event_id.encode()),
                    ("event-type", b"identity.ProbeSent"),
                    ("event-version", b"1"),
                ],
            )
        finally:
            await producer.stop()

    dead_before = consumed("dead_letter")
    asyncio.run(publish_poison())
    record = asyncio.run(read_topic("identity.probe.dlq", lambda v: marker.encode() in v, 30))
    assert record is not None, "the poison message did not reach identity.probe.dlq"
    headers = dict(record.headers)
    assert headers["event-id"].decode() == event_id
    assert b"schema" in headers["dlq-reason"]
    assert consumed("dead_letter") > dead_before
