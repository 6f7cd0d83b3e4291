"""How the use cases' refusals reach the caller: kernel error types, one problem+json each."""

from kernel.errors import Conflict, DomainError, NotFound, RuleViolated
from kernel.errors import invalid as invalid


def invoice_not_found() -> NotFound:
    # Also the answer for another institution's invoice: its existence is not revealed.
    return NotFound(code="invoice_not_found", detail="no such invoice")


def stale_revision(current: int) -> Conflict:
    return Conflict(
        code="stale_revision",
        detail=f"the invoice changed meanwhile (current revision {current}): reload it",
    )


def not_under_review(status: str) -> Conflict:
    return Conflict(
        code="not_under_review", detail=f"only a submitted invoice can be decided ({status})"
    )


def not_awaiting_correction(status: str) -> Conflict:
    return Conflict(
        code="not_awaiting_correction",
        detail=f"only an invoice whose correction was requested can be changed ({status})",
    )


def idempotency_key_reused() -> RuleViolated:
    return RuleViolated(
        code="idempotency_key_reused",
        detail="this Idempotency-Key was used with another request body within 24 hours",
    )


def directory_unavailable() -> DomainError:
    return DomainError(
        status=503,
        code="directory_unavailable",
        title="Service unavailable",
        detail="a service the invoice is read from is unavailable; try again in a moment",
    )
