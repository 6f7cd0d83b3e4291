"""A database outage makes a consumer wait, not dead-letter good messages (load bench finding:
a 10 s PostgreSQL stop sent login codes and decision e-mails to the dead-letter topics)."""

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from kernel import consumer as consumer_module
from kernel.consumer import IdempotentConsumer, Subscription, unreachable


class Producer:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_and_wait(self, topic: str, **_: Any) -> None:
        self.sent.append(topic)


def failing_consumer(errors: list[Exception]) -> tuple[IdempotentConsumer, Producer]:
    producer = Producer()
    worker = IdempotentConsumer(
        service="test",
        subscription=Subscription("outage", {}),
        session_factory=None,  # type: ignore[arg-type]
        bootstrap="unused",
        dead_letter_producer=producer,  # type: ignore[arg-type]
        retry_delay=0.0,
    )
    envelope = SimpleNamespace(event_type="t", event_id=uuid4(), correlation_id="c")

    async def apply(*_: Any) -> str:
        if errors:
            raise errors.pop(0)
        return "processed"

    worker._prepare = lambda record: (envelope, None, None)  # type: ignore[method-assign,assignment,return-value]
    worker._apply = apply  # type: ignore[method-assign]
    return worker, producer


RECORD = SimpleNamespace(topic="t", partition=0, offset=1, headers=[], key=b"k", value=b"v")


async def test_an_outage_longer_than_the_attempts_is_waited_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(consumer_module, "OUTAGE_RETRY_SECONDS", 0.0)
    refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 55432)")
    worker, producer = failing_consumer([refused] * 10)

    assert await worker._outcome(RECORD) == "processed"  # type: ignore[arg-type]
    assert producer.sent == []


async def test_a_failing_handler_is_still_dead_lettered_after_its_attempts() -> None:
    worker, producer = failing_consumer([RuntimeError("bug")] * 3)

    assert await worker._outcome(RECORD) == "dead_letter"  # type: ignore[arg-type]
    assert producer.sent == ["t.dlq"]


def test_what_counts_as_unreachable() -> None:
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = ConnectionRefusedError(111, "refused")
    assert unreachable(wrapped)
    assert unreachable(asyncpg.exceptions.CannotConnectNowError("starting up"))
    assert not unreachable(RuntimeError("bug"))
    assert not unreachable(FileNotFoundError("a missing file is not an outage"))
