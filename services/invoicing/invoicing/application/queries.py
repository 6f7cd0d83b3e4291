"""The read side: the counter's lists and filters, the people who sent invoices, one invoice;
the office's queue and an invoice with all its versions. Every read is audited."""

import base64
import binascii
import json
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal
from uuid import UUID

from invoicing.application import errors
from invoicing.application.audit import record
from invoicing.application.ports import (
    After,
    Caller,
    Filters,
    Invoice,
    InvoiceDetail,
    InvoicingUnitOfWork,
    Page,
    QueueFilters,
    Row,
    SubmitterRef,
)
from invoicing.domain.lifecycle import Status
from invoicing.domain.problems import Problem

Clock = Callable[[], datetime]
View = Literal["history", "to_correct"]

BAD_CURSOR = Problem(
    "cursor",
    "cursor_invalid",
    {"fr": "Ce curseur de page n'est pas valide.", "de": "Dieser Seitencursor ist ungültig."},
)


def _now() -> datetime:
    return datetime.now(UTC)


def folded(text: str) -> str:
    """Lower case without accents or repeated spaces: ``"  Müller  É"`` → ``"muller e"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def beneficiary_filter(text: str | None) -> tuple[str | None, str | None]:
    """The ``beneficiary`` filter: an AVS number (digits, dots ignored) or a name prefix."""
    if not text or not text.strip():
        return None, None
    digits = "".join(c for c in text if c.isdigit())
    if digits and all(c.isdigit() or c in ". " for c in text.strip()):
        return None, digits
    return folded(text), None


async def list_invoices(
    caller: Caller,
    uow: InvoicingUnitOfWork,
    *,
    view: View,
    submitted_by: UUID | None,
    beneficiary: str | None,
    status: Status | None,
    limit: int,
    cursor: str | None,
    now: Clock = _now,
) -> Page:
    """Newest first: history by sending time, "to correct" by last change."""
    name, avs = beneficiary_filter(beneficiary)
    filters = Filters(submitted_by=submitted_by, status=status, name=name, avs=avs)
    after = _decode(cursor) if cursor else None
    async with uow:
        rows = await uow.invoices.search(
            caller.institution_id, view, filters, after=after, limit=limit + 1
        )
        detail = json.dumps(
            {
                "view": view,
                **{
                    k: str(v)
                    for k, v in (
                        ("submitted_by", submitted_by),
                        ("status", status),
                        ("q", name or avs),
                    )
                    if v
                },
            },
            ensure_ascii=False,
        )
        await record(
            uow, str(caller.account_id), caller.institution_id, "list", None, now(), detail
        )
        await uow.commit()
    return _page(
        rows, limit, lambda row: row.updated_at if view == "to_correct" else row.submitted_at
    )


async def list_submitters(caller: Caller, uow: InvoicingUnitOfWork) -> list[SubmitterRef]:
    async with uow:
        return await uow.invoices.submitters(caller.institution_id)


async def show_invoice(
    caller: Caller, invoice_id: UUID, uow: InvoicingUnitOfWork, *, now: Clock = _now
) -> Invoice:
    async with uow:
        invoice = await uow.invoices.get(invoice_id, institution_id=caller.institution_id)
        if invoice is None:
            raise errors.invoice_not_found()
        await record(uow, str(caller.account_id), caller.institution_id, "read", invoice.id, now())
        await uow.commit()
    return invoice


async def office_queue(
    uow: InvoicingUnitOfWork,
    *,
    filters: QueueFilters,
    limit: int,
    cursor: str | None,
) -> Page:
    """Oldest change first: the office works through its queue."""
    after = _decode(cursor) if cursor else None
    async with uow:
        rows = await uow.invoices.queue(filters, after=after, limit=limit + 1)
    return _page(rows, limit, lambda row: row.updated_at)


async def office_invoice(
    office: str, invoice_id: UUID, uow: InvoicingUnitOfWork, *, now: Clock = _now
) -> InvoiceDetail:
    async with uow:
        invoice = await uow.invoices.get(invoice_id, institution_id=None)
        if invoice is None:
            raise errors.invoice_not_found()
        versions = await uow.invoices.version_documents(invoice.id)
        await record(uow, office, invoice.institution_id, "office_read", invoice.id, now())
        await uow.commit()
    return InvoiceDetail(invoice, versions)


def _page(rows: list[Row], limit: int, key: Callable[[Row], datetime]) -> Page:
    items = rows[:limit]
    more = len(rows) > limit
    return Page(items, _encode(key(items[-1]), items[-1].id) if more and items else None)


def _encode(at: datetime, ident: UUID) -> str:
    raw = json.dumps([at.isoformat(), str(ident)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> After:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, ident = json.loads(raw)
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is None:
            raise ValueError("naive time")
        return After(moment, UUID(ident))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise errors.invalid([BAD_CURSOR]) from None
