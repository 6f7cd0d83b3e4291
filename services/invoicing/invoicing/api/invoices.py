"""The institution's invoices (user token; scoped to the token's institution): send, quote,
the counter's lists, one invoice, and "Modifier ma demande"."""

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response

from invoicing.api.dependencies import CallerDep, IdempotencyKey, UowDep
from invoicing.api.schemas import (
    CorrectionIn,
    InvoiceIn,
    InvoiceOut,
    LineOut,
    PageOut,
    QuoteOut,
    RowOut,
    SubmitterOut,
    WarningOut,
)
from invoicing.application import queries
from invoicing.application.ports import Directory
from invoicing.application.sending import (
    CorrectInvoice,
    SendInvoice,
    correct_invoice,
    quote_invoice,
    request_hash,
    send_invoice,
)
from invoicing.domain.forms import TariffBook
from invoicing.domain.lifecycle import Status
from invoicing.domain.money import money_text

BASE = "/api/invoicing"


def invoices_router(directory: Directory, tariffs: TariffBook) -> APIRouter:
    router = APIRouter(prefix=BASE, tags=["invoices"])

    @router.post("/invoices", status_code=201, responses={200: {"model": InvoiceOut}})
    async def send(
        caller: CallerDep,
        uow: UowDep,
        body: InvoiceIn,
        response: Response,
        idempotency_key: IdempotencyKey = None,
    ) -> InvoiceOut:
        """Send an invoice. The same Idempotency-Key and body within 24 h answers the invoice
        the first request created (200); the same key with another body is refused (422)."""
        command = SendInvoice(
            draft=body.draft(body.form),
            save_decision=body.save_decision,
            idempotency_key=idempotency_key,
            request_hash=request_hash("send", body.model_dump(mode="json")),
        )
        sent = await send_invoice(command, caller, uow, directory, tariffs)
        if sent.replayed:
            response.status_code = 200
        return InvoiceOut.of(sent.invoice, caller.language)

    @router.post("/quote")
    async def quote(caller: CallerDep, body: InvoiceIn) -> QuoteOut:
        """The lines, total and warnings the invoice would have; nothing is stored."""
        answer = await quote_invoice(caller, body.draft(body.form), directory, tariffs)
        return QuoteOut(
            lines=[LineOut(**line) for line in answer.lines[caller.language]],
            total=money_text(answer.total),
            warnings=[
                WarningOut(code=w["code"], message=w["messages"][caller.language])
                for w in answer.warnings
            ],
        )

    @router.get("/invoices")
    async def list_(
        caller: CallerDep,
        uow: UowDep,
        view: Literal["history", "to_correct"] = "history",
        submitted_by: UUID | None = None,
        beneficiary: Annotated[str | None, Query(max_length=100)] = None,
        status: Status | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 50,
        cursor: Annotated[str | None, Query(max_length=400)] = None,
    ) -> PageOut:
        """Newest first: ``history`` by sending time, ``to_correct`` (corrections requested)
        by last change. ``beneficiary``: the start of the last or first name (case and accents
        ignored) or of the AVS number (dots ignored)."""
        page = await queries.list_invoices(
            caller,
            uow,
            view=view,
            submitted_by=submitted_by,
            beneficiary=beneficiary,
            status=status,
            limit=limit,
            cursor=cursor,
        )
        return PageOut(
            items=[RowOut.of(row, caller.language) for row in page.items],
            next_cursor=page.next_cursor,
        )

    @router.get("/submitters")
    async def submitters(caller: CallerDep, uow: UowDep) -> list[SubmitterOut]:
        """The people who have sent invoices in this institution (the "Responsable" filter)."""
        return [SubmitterOut.of(s) for s in await queries.list_submitters(caller, uow)]

    @router.get("/invoices/{invoice_id}")
    async def detail(caller: CallerDep, uow: UowDep, invoice_id: UUID) -> InvoiceOut:
        invoice = await queries.show_invoice(caller, invoice_id, uow)
        return InvoiceOut.of(invoice, caller.language)

    @router.put("/invoices/{invoice_id}")
    async def correct(
        caller: CallerDep,
        uow: UowDep,
        invoice_id: UUID,
        body: CorrectionIn,
        idempotency_key: IdempotencyKey = None,
    ) -> InvoiceOut:
        """ "Modifier ma demande": send the corrected invoice (a new version) when the office
        asked for a correction; ``revision`` is the one the form was loaded with."""
        command = CorrectInvoice(
            invoice_id=invoice_id,
            draft=body.draft(""),
            save_decision=body.save_decision,
            revision=body.revision,
            idempotency_key=idempotency_key,
            request_hash=request_hash(f"correct {invoice_id}", body.model_dump(mode="json")),
        )
        sent = await correct_invoice(command, caller, uow, directory, tariffs)
        return InvoiceOut.of(sent.invoice, caller.language)

    return router
