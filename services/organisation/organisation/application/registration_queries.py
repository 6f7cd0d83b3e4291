"""The office's read side: registrations by status, oldest first, one keyset page at a time."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from kernel.db import SessionFactory
from organisation.adapters.orm import institution
from organisation.adapters.registrations import REGISTRATIONS, registration_from_row
from organisation.application.errors import invalid, registration_not_found
from organisation.domain.problems import Problem
from organisation.domain.registration import Registration, RegistrationStatus

BAD_CURSOR = Problem(
    "cursor",
    "cursor_invalid",
    {
        "fr": "Ce curseur de page n'est pas valide.",
        "de": "Dieser Seitencursor ist ungültig.",
    },
)


@dataclass(frozen=True)
class RegistrationPage:
    items: list[Registration]
    # Opaque; None on the last page.
    next_cursor: str | None


async def list_registrations(
    sessions: SessionFactory,
    *,
    status: RegistrationStatus | None,
    limit: int,
    cursor: str | None,
) -> RegistrationPage:
    # Keyset on (submitted_at, id): pages stay stable while new registrations arrive.
    query = REGISTRATIONS.order_by(institution.c.submitted_at, institution.c.id).limit(limit + 1)
    if status is not None:
        query = query.where(institution.c.status == status.value)
    if cursor:
        after_time, after_id = _decode(cursor)
        query = query.where(
            sa.tuple_(institution.c.submitted_at, institution.c.id) > (after_time, after_id)
        )
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    items = [registration_from_row(row) for row in rows[:limit]]
    more = len(rows) > limit
    return RegistrationPage(items, _encode(items[-1]) if more and items else None)


async def registration_detail(sessions: SessionFactory, institution_id: UUID) -> Registration:
    async with sessions() as session:
        row = (
            await session.execute(REGISTRATIONS.where(institution.c.id == institution_id))
        ).first()
    if row is None:
        raise registration_not_found()
    return registration_from_row(row)


def _encode(last: Registration) -> str:
    raw = json.dumps([last.submitted_at.isoformat(), str(last.institution_id)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, ident = json.loads(raw)
        after_time = datetime.fromisoformat(when)
        if after_time.tzinfo is None:
            raise ValueError("naive time")
        return after_time, UUID(ident)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise invalid([BAD_CURSOR]) from None
