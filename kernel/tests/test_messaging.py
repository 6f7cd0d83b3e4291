"""Envelopes survive the trip through Kafka headers; malformed records are recognised."""

from uuid import uuid4

import pytest

from contracts.diagnostics import ProbeSent
from kernel.messaging import Envelope


def test_envelope_round_trip_through_kafka_fields() -> None:
    event = ProbeSent(probe_id=uuid4(), label="hello")
    envelope = Envelope.wrap(event, key=str(event.probe_id), correlation_id="c-1")
    back = Envelope.from_kafka(
        topic=envelope.topic,
        key=envelope.key.encode(),
        value=envelope.payload,
        headers=envelope.headers(),
    )
    assert back == envelope
    assert ProbeSent.model_validate_json(back.payload) == event
    assert back.topic == "identity.probe"


@pytest.mark.parametrize(
    "headers",
    [
        [],
        [("event-id", b"not-a-uuid"), ("event-type", b"x"), ("event-version", b"1")],
        [("event-id", str(uuid4()).encode()), ("event-type", b"x"), ("event-version", b"one")],
    ],
)
def test_malformed_headers_are_refused(headers: list[tuple[str, bytes]]) -> None:
    with pytest.raises(ValueError, match="malformed"):
        Envelope.from_kafka(topic="t", key=None, value=b"{}", headers=headers)
