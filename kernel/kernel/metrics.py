"""Prometheus metrics shared by every service (labelled by service) and the /metrics answer."""

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

HTTP_REQUESTS = Counter(
    "guichet_http_requests_total",
    "HTTP requests handled, by route template and status.",
    ["service", "method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "guichet_http_request_duration_seconds",
    "HTTP request latency, by route template.",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
OUTBOX_BACKLOG = Gauge(
    "guichet_outbox_backlog", "Outbox rows not yet published to Kafka.", ["service"]
)
OUTBOX_OLDEST_AGE = Gauge(
    "guichet_outbox_oldest_age_seconds",
    "Age of the oldest unpublished outbox row (0 when the outbox is empty).",
    ["service"],
)
OUTBOX_PUBLISHED = Counter(
    "guichet_outbox_published_total", "Outbox rows published to Kafka.", ["service", "topic"]
)
CONSUMED = Counter(
    "guichet_consumer_messages_total",
    "Messages taken from Kafka, by outcome (processed, duplicate, ignored, dead_letter).",
    ["service", "consumer", "topic", "outcome"],
)
CONSUMER_LAG = Gauge(
    "guichet_consumer_lag",
    "Messages between the consumer's position and the end of the partition.",
    ["service", "consumer", "topic", "partition"],
)
DEAD_LETTERS = Counter(
    "guichet_dead_letters_total", "Messages sent to a dead-letter topic.", ["service", "topic"]
)


def render() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
