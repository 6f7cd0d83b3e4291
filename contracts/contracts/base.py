"""The integration-event base class and the registry that maps (type, version) to a schema."""

from datetime import UTC, datetime
from typing import Any, ClassVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field


class IntegrationEvent(BaseModel):
    """An event one service publishes for others; its payload is the JSON of this model.

    ``TOPIC`` is ``<service>.<aggregate>``; ``TYPE`` and ``VERSION`` travel in the Kafka headers
    and in the payload so a consumer can pick the schema before parsing.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    TOPIC: ClassVar[str]
    TYPE: ClassVar[str]
    VERSION: ClassVar[int]

    event_id: UUID = Field(default_factory=uuid4)
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    schema_version: int

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "TYPE" in cls.__dict__:
            registry.register(cls)


class EventRegistry:
    """Every event class known to the suite, by (type, version)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, int], type[IntegrationEvent]] = {}

    def register(self, event_class: type[IntegrationEvent]) -> None:
        key = (event_class.TYPE, event_class.VERSION)
        if key in self._by_key and self._by_key[key] is not event_class:
            raise ValueError(f"event {key} registered twice")
        self._by_key[key] = event_class

    def lookup(self, event_type: str, version: int) -> type[IntegrationEvent] | None:
        return self._by_key.get((event_type, version))

    def all(self) -> list[type[IntegrationEvent]]:
        return list(self._by_key.values())


registry = EventRegistry()
