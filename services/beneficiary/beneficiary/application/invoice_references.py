"""What an invoice sent for a beneficiary changes on it: the beneficiary becomes referenced (a
removal archives it instead of erasing it) and, when the sender ticked "save the decision
number", the decision joins the beneficiary's list.

Runs in the consumer's transaction (its inbox row makes a replay a no-op). Only the sending
institution's beneficiary is touched: the event's ``institution_id`` scopes every read and write.
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from beneficiary.application.errors import beneficiary_changed
from beneficiary.application.ports import AuditEntry, AuditLog, Beneficiaries
from beneficiary.domain import identifiers
from beneficiary.domain.beneficiary import Decision
from beneficiary.domain.problems import BadValue
from contracts import IntegrationEvent
from contracts.beneficiary import BeneficiaryUpdated
from contracts.invoicing import InvoiceSubmitted
from kernel import correlation

log = logging.getLogger(__name__)

DESCRIPTION_LENGTH = 200


def _now() -> datetime:
    return datetime.now(UTC)


def _description(event: InvoiceSubmitted) -> str:
    # The form requires a description; when the sender typed none, the kind of invoice it was
    # sent with (the form's title in the sender's language) says what the decision covers.
    try:
        typed = identifiers.plain_text(event.decision_description)
    except BadValue:
        typed = ""  # invoicing let a character through that this form refuses
    return (typed or event.printable.form_title)[:DESCRIPTION_LENGTH]


async def when_invoice_submitted_reference_beneficiary(
    event: InvoiceSubmitted,
    beneficiaries: Beneficiaries,
    audit: AuditLog,
    emit: Callable[[IntegrationEvent], None],
    *,
    now: Callable[[], datetime] = _now,
) -> None:
    beneficiary = await beneficiaries.get(event.institution_id, event.beneficiary_id)
    if beneficiary is None:
        # Invoicing read it in this institution at sending; erased since (or never ours).
        log.warning(
            "invoice %s names beneficiary %s, unknown in institution %s: ignored",
            event.reference,
            event.beneficiary_id,
            event.institution_id,
        )
        return
    await beneficiaries.mark_referenced(event.institution_id, beneficiary.id)
    if (
        not event.save_decision
        or beneficiary.archived
        or beneficiary.has_decision(event.decision_number)
    ):
        return
    if beneficiary.decisions_full:
        log.warning(
            "invoice %s: beneficiary %s already keeps the most decisions, %s not saved",
            event.reference,
            beneficiary.id,
            event.decision_number,
        )
        return
    at = now()
    beneficiary.keep_decision(Decision(event.decision_number, _description(event)), at=at)
    if not await beneficiaries.save(beneficiary, beneficiary.details.search_name):
        # Changed by its institution meanwhile: the consumer retries with a fresh read.
        raise beneficiary_changed()
    await audit.record(
        AuditEntry(
            at=at,
            # The person who ticked "save the decision number".
            subject=str(event.submitter.account_id),
            company_id=event.institution_id,
            action="update",
            beneficiary_id=beneficiary.id,
            correlation_id=correlation.correlation_id.get(),
            detail=f"decision saved from invoice {event.reference}",
        )
    )
    emit(
        BeneficiaryUpdated(
            beneficiary_id=beneficiary.id,
            institution_id=event.institution_id,
            version=beneficiary.version,
        )
    )
