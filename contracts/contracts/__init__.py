"""Versioned integration-event schemas: the only thing services share about each other."""

from contracts import diagnostics, identity, organisation
from contracts.base import IntegrationEvent, registry

__all__ = ["IntegrationEvent", "diagnostics", "identity", "organisation", "registry"]
