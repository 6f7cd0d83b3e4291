"""The office reviews invoices (office token with scope ``invoices:review``): its queue, an
invoice with every version, and the three decisions."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from invoicing.api.dependencies import LanguageDep, Reviewer, UowDep
from invoicing.api.schemas import (
    CorrectionRequestIn,
    OfficeInvoiceOut,
    OfficePageOut,
    OfficeRowOut,
    RefusalIn,
    RevisionIn,
)
from invoicing.application import queries
from invoicing.application.ports import QueueFilters
from invoicing.application.review import DecideInvoice, decide_invoice
from invoicing.domain.lifecycle import Decision, Status

router = APIRouter(prefix="/internal/invoicing/invoices", tags=["review"])


@router.get("")
async def queue(
    _: Reviewer,
    uow: UowDep,
    language: LanguageDep,
    status: Status | None = None,
    form: Annotated[str | None, Query(max_length=20)] = None,
    institution_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> OfficePageOut:
    """Oldest change first (a queue); ``status=submitted`` lists what waits for a decision."""
    page = await queries.office_queue(
        uow,
        filters=QueueFilters(status=status, form=form, institution_id=institution_id),
        limit=limit,
        cursor=cursor,
    )
    return OfficePageOut(
        items=[OfficeRowOut.of(row, language) for row in page.items],
        next_cursor=page.next_cursor,
    )


@router.get("/{invoice_id}")
async def detail(
    reviewer: Reviewer, uow: UowDep, language: LanguageDep, invoice_id: UUID
) -> OfficeInvoiceOut:
    found = await queries.office_invoice(reviewer.subject, invoice_id, uow)
    return OfficeInvoiceOut.of_versions(found.invoice, found.versions, language)


async def _decide(
    reviewer: Reviewer,
    uow: UowDep,
    language: LanguageDep,
    invoice_id: UUID,
    decision: Decision,
    revision: int,
    message: str = "",
) -> OfficeInvoiceOut:
    command = DecideInvoice(invoice_id, decision, revision, message, reviewer.subject)
    decided = await decide_invoice(command, uow)
    return OfficeInvoiceOut.of_versions(decided.invoice, decided.versions, language)


@router.post("/{invoice_id}/accept")
async def accept(
    reviewer: Reviewer, uow: UowDep, language: LanguageDep, invoice_id: UUID, body: RevisionIn
) -> OfficeInvoiceOut:
    """Accept: payment follows through the Centrale de compensation."""
    return await _decide(reviewer, uow, language, invoice_id, "accepted", body.revision)


@router.post("/{invoice_id}/request-correction")
async def request_correction(
    reviewer: Reviewer,
    uow: UowDep,
    language: LanguageDep,
    invoice_id: UUID,
    body: CorrectionRequestIn,
) -> OfficeInvoiceOut:
    """Send the invoice back to the institution with a message saying what to correct."""
    return await _decide(
        reviewer, uow, language, invoice_id, "correction_requested", body.revision, body.message
    )


@router.post("/{invoice_id}/refuse")
async def refuse(
    reviewer: Reviewer, uow: UowDep, language: LanguageDep, invoice_id: UUID, body: RefusalIn
) -> OfficeInvoiceOut:
    """Refuse, with the reason sent to the institution."""
    return await _decide(reviewer, uow, language, invoice_id, "refused", body.revision, body.reason)
