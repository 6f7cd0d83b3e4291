"""Diagnostic probes: an office-triggered event that proves the path from one service to another."""

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent


class ProbeSent(IntegrationEvent):
    """Identity sent a probe; notification records that it received it (exactly once)."""

    TOPIC: ClassVar[str] = "identity.probe"
    TYPE: ClassVar[str] = "identity.ProbeSent"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    probe_id: UUID
    label: str = Field(max_length=200)
