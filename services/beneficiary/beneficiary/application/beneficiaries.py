"""The institution's use cases on its beneficiaries. Every one is scoped to the caller's
institution (another institution's beneficiary is "not found") and leaves an audit entry in
the same transaction as its effect."""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from beneficiary.application.errors import (
    beneficiary_archived,
    beneficiary_changed,
    beneficiary_not_found,
    invalid,
)
from beneficiary.application.ports import (
    Actor,
    After,
    AuditEntry,
    AvsAlreadyRegistered,
    BeneficiaryUnitOfWork,
    Filters,
    Row,
)
from beneficiary.domain import identifiers
from beneficiary.domain.beneficiary import AVS_TAKEN, Beneficiary, BeneficiaryForm, check
from beneficiary.domain.problems import InvalidInput, Problem
from contracts import beneficiary as events
from kernel import correlation

BAD_CURSOR = Problem(
    "cursor",
    "cursor_invalid",
    {"fr": "Ce curseur de page n'est pas valide.", "de": "Dieser Seitencursor ist ungültig."},
)


def _now() -> datetime:
    return datetime.now(UTC)


Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Page:
    items: list[Row]
    next_cursor: str | None


async def _audit(
    uow: BeneficiaryUnitOfWork,
    actor: Actor,
    action: str,
    beneficiary_id: UUID | None,
    at: datetime,
    detail: str | None = None,
) -> None:
    await uow.audit.record(
        AuditEntry(
            at=at,
            subject=actor.subject,
            company_id=actor.company_id,
            action=action,
            beneficiary_id=beneficiary_id,
            correlation_id=correlation.correlation_id.get(),
            detail=detail,
        )
    )


async def register_beneficiary(
    actor: Actor, form: BeneficiaryForm, uow: BeneficiaryUnitOfWork, *, now: Clock = _now
) -> Beneficiary:
    at = now()
    try:
        details = check(form, today=at.date())
    except InvalidInput as refused:
        raise invalid(refused.problems) from None
    beneficiary = Beneficiary(
        id=uuid4(), company_id=actor.company_id, details=details, created_at=at, updated_at=at
    )
    async with uow:
        if await uow.beneficiaries.avs_in_use(actor.company_id, details.avs, other_than=None):
            raise invalid([AVS_TAKEN])
        try:
            await uow.beneficiaries.add(beneficiary, details.search_name)
        except AvsAlreadyRegistered:
            raise invalid([AVS_TAKEN]) from None
        await _audit(uow, actor, "create", beneficiary.id, at)
        uow.emit(
            events.BeneficiaryRegistered(
                beneficiary_id=beneficiary.id, institution_id=actor.company_id
            ),
            key=str(beneficiary.id),
        )
        await uow.commit()
    return beneficiary


async def show_beneficiary(
    actor: Actor, beneficiary_id: UUID, uow: BeneficiaryUnitOfWork, *, now: Clock = _now
) -> Beneficiary:
    async with uow:
        beneficiary = await _load(uow, actor, beneficiary_id)
        await _audit(uow, actor, "read", beneficiary.id, now())
        await uow.commit()
    return beneficiary


async def change_beneficiary(
    actor: Actor,
    beneficiary_id: UUID,
    form: BeneficiaryForm,
    uow: BeneficiaryUnitOfWork,
    *,
    now: Clock = _now,
) -> Beneficiary:
    at = now()
    async with uow:
        beneficiary = await _load(uow, actor, beneficiary_id)
        # Checked after the load: another institution learns nothing from the validation.
        try:
            details = check(form, today=at.date())
        except InvalidInput as refused:
            raise invalid(refused.problems) from None
        if beneficiary.archived:
            raise beneficiary_archived()
        if await uow.beneficiaries.avs_in_use(
            actor.company_id, details.avs, other_than=beneficiary.id
        ):
            raise invalid([AVS_TAKEN])
        beneficiary.change(details, at=at)
        try:
            saved = await uow.beneficiaries.save(beneficiary, details.search_name)
        except AvsAlreadyRegistered:
            raise invalid([AVS_TAKEN]) from None
        if not saved:
            raise beneficiary_changed()
        await _audit(uow, actor, "update", beneficiary.id, at)
        uow.emit(
            events.BeneficiaryUpdated(
                beneficiary_id=beneficiary.id,
                institution_id=actor.company_id,
                version=beneficiary.version,
            ),
            key=str(beneficiary.id),
        )
        await uow.commit()
    return beneficiary


async def remove_beneficiary(
    actor: Actor, beneficiary_id: UUID, uow: BeneficiaryUnitOfWork, *, now: Clock = _now
) -> bool:
    """Erase the beneficiary, or archive it when invoices refer to it; True when archived."""
    at = now()
    async with uow:
        beneficiary = await _load(uow, actor, beneficiary_id)
        if beneficiary.archived:
            raise beneficiary_archived()
        archived = beneficiary.remove(at=at)
        if archived:
            if not await uow.beneficiaries.save(beneficiary, beneficiary.details.search_name):
                raise beneficiary_changed()
        elif not await uow.beneficiaries.delete(beneficiary):
            # An invoice named it meanwhile (or it was changed): the caller tries again.
            raise beneficiary_changed()
        await _audit(uow, actor, "archive" if archived else "delete", beneficiary.id, at)
        uow.emit(
            events.BeneficiaryRemoved(
                beneficiary_id=beneficiary.id, institution_id=actor.company_id, archived=archived
            ),
            key=str(beneficiary.id),
        )
        await uow.commit()
    return archived


async def list_beneficiaries(
    actor: Actor,
    uow: BeneficiaryUnitOfWork,
    *,
    name: str | None,
    avs: str | None,
    limit: int,
    cursor: str | None,
    now: Clock = _now,
) -> Page:
    """Active beneficiaries by last then first name; ``name`` ignores case and accents,
    ``avs`` matches any part of the number (dots ignored)."""
    filters = Filters(
        name=identifiers.folded(" ".join(name.split())) if name and name.strip() else None,
        avs=identifiers.digits(avs) if avs and identifiers.digits(avs) else None,
    )
    after = _decode(cursor) if cursor else None
    async with uow:
        rows = await uow.beneficiaries.search(
            actor.company_id, filters, after=after, limit=limit + 1
        )
        detail = json.dumps(
            {k: v for k, v in (("name", filters.name), ("avs", filters.avs)) if v},
            ensure_ascii=False,
        )[:200]
        await _audit(uow, actor, "list", None, now(), detail)
        await uow.commit()
    items = rows[:limit]
    more = len(rows) > limit
    return Page(items, _encode(items[-1]) if more and items else None)


async def audit_trail(
    company_id: UUID, beneficiary_id: UUID | None, uow: BeneficiaryUnitOfWork, *, limit: int
) -> list[AuditEntry]:
    async with uow:
        return await uow.audit.entries(company_id, beneficiary_id, limit=limit)


async def _load(uow: BeneficiaryUnitOfWork, actor: Actor, beneficiary_id: UUID) -> Beneficiary:
    beneficiary = await uow.beneficiaries.get(actor.company_id, beneficiary_id)
    if beneficiary is None:
        raise beneficiary_not_found()
    return beneficiary


def _encode(last: Row) -> str:
    raw = json.dumps([last.search_name, str(last.id)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> After:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, ident = json.loads(raw)
        if not isinstance(name, str):
            raise TypeError("name")
        return After(name, UUID(ident))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise invalid([BAD_CURSOR]) from None
