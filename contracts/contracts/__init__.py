"""Versioned integration-event schemas: the only thing services share about each other."""

from contracts.base import IntegrationEvent, registry

__all__ = ["IntegrationEvent", "registry"]
