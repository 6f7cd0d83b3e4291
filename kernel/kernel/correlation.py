"""The correlation id of the request or message being handled, carried through logs and events."""

from contextvars import ContextVar

HEADER = "x-correlation-id"

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
