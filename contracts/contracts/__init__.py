"""Versioned integration-event schemas: the only thing services share about each other."""

from contracts import beneficiary, diagnostics, documents, identity, invoicing, organisation
from contracts.base import IntegrationEvent, registry

__all__ = [
    "IntegrationEvent",
    "beneficiary",
    "diagnostics",
    "documents",
    "identity",
    "invoicing",
    "organisation",
    "registry",
]
