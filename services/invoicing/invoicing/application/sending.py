"""The institution sends an invoice, gets a quote for a draft, and sends a corrected version
("Modifier ma demande").

Sending reads the submitter, the institution, the beneficiary, the company account and every
attachment from their owners with the caller's token, checks the draft against the forms'
rules and tariffs, then stores the invoice, its first version, its history, the
Idempotency-Key and the ``InvoiceSubmitted`` event in one transaction.
"""

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from contracts import invoicing as events
from invoicing.adapters import metrics
from invoicing.application import errors, snapshot
from invoicing.application.audit import record
from invoicing.application.ports import (
    BeneficiaryFacts,
    BeneficiaryName,
    Caller,
    Directory,
    DirectoryUnavailable,
    FileFacts,
    Invoice,
    InvoicingUnitOfWork,
    KeyUse,
    Lookup,
    MonthTaken,
    SessionEnded,
    Sources,
    SubmitterRef,
    VersionInfo,
)
from invoicing.domain import lifecycle
from invoicing.domain.forms import (
    MONTHLY_FORMS,
    Checked,
    Context,
    Draft,
    InvalidInput,
    TariffBook,
    check,
)
from invoicing.domain.problems import Problem
from kernel.errors import Unauthorized

ZURICH = ZoneInfo("Europe/Zurich")
KEY_LIFETIME_SECONDS = 24 * 3600
INVOICE_ATTACHMENT = "invoice_attachment"

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SendInvoice:
    draft: Draft
    save_decision: bool
    idempotency_key: str | None
    request_hash: str


@dataclass(frozen=True)
class CorrectInvoice:
    invoice_id: UUID
    draft: Draft  # its ``form`` is the invoice's, whatever the caller sent
    save_decision: bool
    revision: int
    idempotency_key: str | None
    request_hash: str


@dataclass(frozen=True)
class Sent:
    invoice: Invoice
    replayed: bool


@dataclass(frozen=True)
class Quote:
    lines: Mapping[str, list[dict[str, str]]]
    total: Decimal
    warnings: list[dict[str, Any]]


def request_hash(operation: str, body: Mapping[str, Any]) -> str:
    """The fingerprint an Idempotency-Key is bound to: the operation and its canonical body."""
    canonical = json.dumps([operation, body], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _problem(field: str, code: str, fr: str, de: str) -> Problem:
    return Problem(field, code, {"fr": fr, "de": de})


BENEFICIARY_NOT_FOUND = _problem(
    "beneficiary_id",
    "not_found",
    "Ce bénéficiaire n'existe pas dans votre société.",
    "Diese begünstigte Person gibt es in Ihrer Firma nicht.",
)
BANK_ACCOUNT_NOT_FOUND = _problem(
    "payee.bank_account_id",
    "not_found",
    "Ce compte bancaire n'existe pas dans votre société.",
    "Dieses Bankkonto gibt es in Ihrer Firma nicht.",
)
NO_BANK_DETAILS = _problem(
    "payee.kind",
    "no_bank_details",
    "Le bénéficiaire n'a pas de coordonnées bancaires : complétez sa fiche ou payez à la société.",
    "Die begünstigte Person hat keine Bankverbindung: ergänzen Sie sie oder zahlen Sie an die "
    "Firma.",
)
DUPLICATE_MONTH = _problem(
    "decision.number",
    "duplicate_month",
    "Une facture pour ce numéro de décision et ce mois a déjà été envoyée.",
    "Für diese Verfügungsnummer und diesen Monat wurde bereits eine Rechnung eingereicht.",
)


def _file_not_found(index: int) -> Problem:
    return _problem(
        f"attachments[{index}].file_id",
        "not_found",
        "Ce fichier n'existe pas dans votre société.",
        "Diese Datei gibt es in Ihrer Firma nicht.",
    )


def _file_not_an_attachment(index: int) -> Problem:
    return _problem(
        f"attachments[{index}].file_id",
        "not_an_invoice_attachment",
        "Ce fichier n'a pas été déposé comme pièce jointe de facture.",
        "Diese Datei wurde nicht als Rechnungsanhang hochgeladen.",
    )


@dataclass(frozen=True)
class _Prepared:
    sources: Sources
    checked: Checked
    files: tuple[FileFacts, ...]
    beneficiary: BeneficiaryFacts
    invoice_date: date


async def _prepare(
    caller: Caller, draft: Draft, directory: Directory, tariffs: TariffBook, today: date
) -> _Prepared:
    """Read the owners' data and check the draft; every problem is reported at once."""
    lookup = Lookup(
        beneficiary_id=draft.beneficiary_id,
        bank_account_id=draft.bank_account_id if draft.payee_kind == "company" else None,
        file_ids=tuple(ref.file_id for ref in draft.attachments),
    )
    try:
        sources = await directory.read(caller.token, lookup)
    except SessionEnded:
        raise Unauthorized(detail="the session has ended") from None
    except DirectoryUnavailable:
        raise errors.directory_unavailable() from None
    found: list[Problem] = []
    beneficiary = sources.beneficiary
    if draft.beneficiary_id is not None and beneficiary is None:
        found.append(BENEFICIARY_NOT_FOUND)
    if lookup.bank_account_id is not None and sources.bank_account is None:
        found.append(BANK_ACCOUNT_NOT_FOUND)
    if draft.payee_kind == "beneficiary" and beneficiary is not None and beneficiary.bank is None:
        found.append(NO_BANK_DETAILS)
    for index, file in enumerate(sources.files):
        if file is None:
            found.append(_file_not_found(index))
        elif file.purpose != INVOICE_ATTACHMENT:
            found.append(_file_not_an_attachment(index))
    context = Context(
        today=today, beneficiary_birth_date=beneficiary.birth_date if beneficiary else None
    )
    try:
        checked = check(draft, context, tariffs)
    except InvalidInput as refused:
        raise errors.invalid([*refused.problems, *found]) from None
    if found:
        raise errors.invalid(found)
    files = tuple(f for f in sources.files if f is not None)
    assert beneficiary is not None  # a missing or unknown beneficiary was reported above
    assert draft.invoice_date is not None  # check() requires it
    return _Prepared(sources, checked, files, beneficiary, draft.invoice_date)


def _month(checked: Checked) -> date | None:
    """The month a monthly form covers (one invoice per decision number and month)."""
    if checked.form in MONTHLY_FORMS and checked.period is not None:
        return checked.period.start
    return None


def _today(at: datetime) -> date:
    return at.astimezone(ZURICH).date()


async def quote_invoice(
    caller: Caller,
    draft: Draft,
    directory: Directory,
    tariffs: TariffBook,
    *,
    now: Clock = _now,
) -> Quote:
    """The lines, total and warnings the draft would have; nothing is stored."""
    prepared = await _prepare(caller, draft, directory, tariffs, _today(now()))
    doc = snapshot.document(
        draft, prepared.checked, prepared.sources, save_decision=False, files=prepared.files
    )
    return Quote(lines=doc["lines"], total=prepared.checked.total, warnings=doc["warnings"])


async def _replay(uow: InvoicingUnitOfWork, caller: Caller, use: KeyUse, request_hash: str) -> Sent:
    if use.request_hash != request_hash:
        raise errors.idempotency_key_reused()
    invoice = await uow.invoices.get(use.invoice_id, institution_id=caller.institution_id)
    if invoice is None:
        raise errors.invoice_not_found()
    return Sent(invoice, replayed=True)


async def _earlier_use(
    uow: InvoicingUnitOfWork, caller: Caller, key: str | None, at: datetime
) -> KeyUse | None:
    if key is None:
        return None
    async with uow:
        return await uow.keys.find(caller.institution_id, key, since=_key_horizon(at))


def _key_horizon(at: datetime) -> datetime:
    return datetime.fromtimestamp(at.timestamp() - KEY_LIFETIME_SECONDS, UTC)


def _submitted_event(
    invoice: Invoice, checked: Checked, *, submitted_at: datetime
) -> events.InvoiceSubmitted:
    doc = invoice.document
    return events.InvoiceSubmitted(
        invoice_id=invoice.id,
        institution_id=invoice.institution_id,
        version=invoice.lifecycle.version,
        reference=invoice.reference,
        form=invoice.form,
        submitter=snapshot.submitter_of(doc),
        beneficiary_id=invoice.beneficiary.id,
        bank_account_id=invoice.bank_account_id,
        decision_number=invoice.decision_number,
        decision_description=doc["decision"]["description"],
        save_decision=doc["decision"]["save"],
        total=doc["total"],
        printable=snapshot.copy(
            doc, checked, reference=invoice.reference, submitted_at=submitted_at
        ),
    )


def _actor(caller: Caller, prepared: _Prepared) -> lifecycle.Actor:
    return lifecycle.Actor(
        kind="institution",
        id=str(caller.account_id),
        name=prepared.sources.submitter.short_name,
    )


async def send_invoice(
    command: SendInvoice,
    caller: Caller,
    uow: InvoicingUnitOfWork,
    directory: Directory,
    tariffs: TariffBook,
    *,
    now: Clock = _now,
) -> Sent:
    at = now()
    key = command.idempotency_key
    earlier = await _earlier_use(uow, caller, key, at)
    if earlier is not None:
        async with uow:
            return await _replay(uow, caller, earlier, command.request_hash)
    prepared = await _prepare(caller, command.draft, directory, tariffs, _today(at))
    checked, sources = prepared.checked, prepared.sources
    beneficiary, invoice_date = prepared.beneficiary, prepared.invoice_date
    invoice_id = uuid4()
    async with uow:
        if key is not None:
            use = KeyUse(command.request_hash, invoice_id)
            held = await uow.keys.claim(
                caller.institution_id, key, use, at=at, since=_key_horizon(at)
            )
            if held is not None:
                # A concurrent request with this key (a double click) created the invoice.
                return await _replay(uow, caller, held, command.request_hash)
        month = _month(checked)
        if month and await uow.invoices.month_taken(
            caller.institution_id, checked.decision_number, month, other_than=None
        ):
            raise errors.invalid([DUPLICATE_MONTH])
        number = await uow.invoices.next_reference_number()
        submitter = SubmitterRef(sources.submitter.account_id, sources.submitter.short_name)
        invoice = Invoice(
            id=invoice_id,
            institution_id=caller.institution_id,
            reference=f"F-{at.astimezone(ZURICH).year}-{number:06d}",
            form=checked.form,
            lifecycle=lifecycle.submitted(_actor(caller, prepared), at),
            beneficiary=BeneficiaryName(
                beneficiary.id, beneficiary.first_name, beneficiary.last_name, beneficiary.avs
            ),
            bank_account_id=command.draft.bank_account_id
            if command.draft.payee_kind == "company"
            else None,
            decision_number=checked.decision_number,
            invoice_date=invoice_date,
            period=checked.period,
            total=checked.total,
            submitted_by=submitter,
            submitted_at=at,
            updated_at=at,
            document=snapshot.document(
                command.draft,
                checked,
                sources,
                save_decision=command.save_decision,
                files=prepared.files,
            ),
            versions=(VersionInfo(1, at),),
        )
        try:
            await uow.invoices.add(invoice)
        except MonthTaken:
            raise errors.invalid([DUPLICATE_MONTH]) from None
        await uow.invoices.remember_submitter(caller.institution_id, submitter, at)
        await record(uow, str(caller.account_id), caller.institution_id, "send", invoice.id, at)
        uow.emit(_submitted_event(invoice, checked, submitted_at=at), key=str(invoice.id))
        await uow.commit()
    metrics.invoice_submitted(invoice.form)
    return Sent(invoice, replayed=False)


async def correct_invoice(
    command: CorrectInvoice,
    caller: Caller,
    uow: InvoicingUnitOfWork,
    directory: Directory,
    tariffs: TariffBook,
    *,
    now: Clock = _now,
) -> Sent:
    """Send version n+1 of an invoice whose correction the office requested."""
    at = now()
    key = command.idempotency_key
    earlier = await _earlier_use(uow, caller, key, at)
    if earlier is not None:
        async with uow:
            return await _replay(uow, caller, earlier, command.request_hash)
    async with uow:
        current = await uow.invoices.get(command.invoice_id, institution_id=caller.institution_id)
    if current is None:
        raise errors.invoice_not_found()
    draft = replace(command.draft, form=current.form)
    _check_correctable(current, command.revision)
    prepared = await _prepare(caller, draft, directory, tariffs, _today(at))
    checked, sources = prepared.checked, prepared.sources
    beneficiary, invoice_date = prepared.beneficiary, prepared.invoice_date
    async with uow:
        if key is not None:
            use = KeyUse(command.request_hash, current.id)
            held = await uow.keys.claim(
                caller.institution_id, key, use, at=at, since=_key_horizon(at)
            )
            if held is not None:
                return await _replay(uow, caller, held, command.request_hash)
        invoice = await uow.invoices.get(current.id, institution_id=caller.institution_id)
        if invoice is None:
            raise errors.invoice_not_found()
        try:
            state = lifecycle.resubmit(
                invoice.lifecycle, revision=command.revision, by=_actor(caller, prepared), at=at
            )
        except lifecycle.StaleRevision as stale:
            raise errors.stale_revision(stale.current) from None
        except lifecycle.NotAwaitingCorrection as refused:
            raise errors.not_awaiting_correction(str(refused)) from None
        month = _month(checked)
        if month and await uow.invoices.month_taken(
            caller.institution_id, checked.decision_number, month, other_than=invoice.id
        ):
            raise errors.invalid([DUPLICATE_MONTH])
        changed = replace(
            invoice,
            lifecycle=state,
            beneficiary=BeneficiaryName(
                beneficiary.id, beneficiary.first_name, beneficiary.last_name, beneficiary.avs
            ),
            bank_account_id=draft.bank_account_id if draft.payee_kind == "company" else None,
            decision_number=checked.decision_number,
            invoice_date=invoice_date,
            period=checked.period,
            total=checked.total,
            updated_at=at,
            document=snapshot.document(
                draft, checked, sources, save_decision=command.save_decision, files=prepared.files
            ),
            versions=(*invoice.versions, VersionInfo(state.version, at)),
        )
        try:
            saved = await uow.invoices.save(changed, previous_revision=invoice.lifecycle.revision)
        except MonthTaken:
            raise errors.invalid([DUPLICATE_MONTH]) from None
        if not saved:
            raise errors.stale_revision(invoice.lifecycle.revision + 1)
        submitter = SubmitterRef(sources.submitter.account_id, sources.submitter.short_name)
        await uow.invoices.remember_submitter(caller.institution_id, submitter, at)
        await record(uow, str(caller.account_id), caller.institution_id, "correct", invoice.id, at)
        uow.emit(_submitted_event(changed, checked, submitted_at=at), key=str(invoice.id))
        await uow.commit()
    metrics.invoice_submitted(changed.form)
    return Sent(changed, replayed=False)


def _check_correctable(invoice: Invoice, revision: int) -> None:
    """Refuse early, before reading the directory, what the transaction would refuse anyway."""
    state = invoice.lifecycle
    if revision != state.revision:
        raise errors.stale_revision(state.revision)
    if state.status is not lifecycle.Status.CORRECTION_REQUESTED:
        raise errors.not_awaiting_correction(state.status.value)
