"""A diagnostic probe: the office asks identity to send an event through the whole event path."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class Probe:
    id: UUID
    label: str
    created_at: datetime
