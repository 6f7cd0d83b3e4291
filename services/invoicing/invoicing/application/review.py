"""The office decides a submitted invoice: accepts it, asks for a correction or refuses it.

The decision names the revision the agent saw (409 ``stale_revision`` otherwise) and is
announced, in the same transaction, to notification (e-mail to the submitter) and documents
(the PDF copy re-rendered with the status).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from uuid import UUID

from contracts import invoicing as events
from invoicing.adapters import metrics
from invoicing.application import errors, snapshot
from invoicing.application.audit import record
from invoicing.application.ports import Invoice, InvoiceDetail, InvoicingUnitOfWork
from invoicing.domain import lifecycle
from invoicing.domain.problems import Problem

Clock = Callable[[], datetime]

MESSAGE_FIELD: dict[lifecycle.Decision, str] = {
    "accepted": "message",
    "correction_requested": "message",
    "refused": "reason",
}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DecideInvoice:
    invoice_id: UUID
    decision: lifecycle.Decision
    revision: int
    message: str
    decided_by: str  # the office client


def _message_required(field: str) -> Problem:
    return Problem(
        field,
        "required",
        {
            "fr": "Indiquez à l'institution ce qu'elle doit savoir.",
            "de": "Teilen Sie der Institution mit, was sie wissen muss.",
        },
    )


async def decide_invoice(
    command: DecideInvoice, uow: InvoicingUnitOfWork, *, now: Clock = _now
) -> InvoiceDetail:
    """The decided invoice with every version (what the office's detail shows)."""
    at = now()
    by = lifecycle.Actor(kind="office", id=command.decided_by, name=command.decided_by)
    async with uow:
        invoice = await uow.invoices.get(command.invoice_id, institution_id=None)
        if invoice is None:
            raise errors.invoice_not_found()
        try:
            state = lifecycle.decide(
                invoice.lifecycle,
                command.decision,
                revision=command.revision,
                by=by,
                at=at,
                message=command.message,
            )
        except lifecycle.StaleRevision as stale:
            raise errors.stale_revision(stale.current) from None
        except lifecycle.NotUnderReview as refused:
            raise errors.not_under_review(str(refused)) from None
        except lifecycle.MessageRequired:
            raise errors.invalid([_message_required(MESSAGE_FIELD[command.decision])]) from None
        decided = replace(invoice, lifecycle=state, updated_at=at)
        if not await uow.invoices.save(decided, previous_revision=invoice.lifecycle.revision):
            raise errors.stale_revision(invoice.lifecycle.revision + 1)
        await record(
            uow, command.decided_by, invoice.institution_id, command.decision, invoice.id, at
        )
        uow.emit(_decision_event(decided, command, at), key=str(invoice.id))
        versions = await uow.invoices.version_documents(invoice.id)
        await uow.commit()
    version_sent_at = (
        invoice.versions[-1].submitted_at if invoice.versions else invoice.submitted_at
    )
    metrics.invoice_decided(invoice.form, command.decision, (at - version_sent_at).total_seconds())
    return InvoiceDetail(decided, versions)


def _decision_event(
    invoice: Invoice, command: DecideInvoice, at: datetime
) -> events.InvoiceAccepted | events.InvoiceCorrectionRequested | events.InvoiceRefused:
    common = {
        "invoice_id": invoice.id,
        "institution_id": invoice.institution_id,
        "version": invoice.lifecycle.version,
        "reference": invoice.reference,
        "form": invoice.form,
        "submitter": snapshot.submitter_of(invoice.document),
        "decided_at": at,
    }
    message = invoice.lifecycle.history[-1].message
    if command.decision == "accepted":
        return events.InvoiceAccepted.model_validate(common)
    if command.decision == "correction_requested":
        return events.InvoiceCorrectionRequested.model_validate({**common, "message": message})
    return events.InvoiceRefused.model_validate({**common, "reason": message})
