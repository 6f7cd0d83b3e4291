"""The office decides a pending registration: approve it, or refuse it with a reason.

Each decision is taken once: the registration must still be pending, and it is saved only if
nobody changed it since it was read (two reviewers deciding at the same moment: one wins,
the other gets a conflict).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from organisation.application import registration_events
from organisation.application.errors import invalid, registration_decided, registration_not_found
from organisation.application.ports import RegistrationsUnitOfWork
from organisation.domain.problems import InvalidInput
from organisation.domain.registration import AlreadyDecided, Registration


@dataclass(frozen=True)
class ApproveRegistration:
    institution_id: UUID
    decided_by: str


@dataclass(frozen=True)
class RefuseRegistration:
    institution_id: UUID
    decided_by: str
    reason: str


def _now() -> datetime:
    return datetime.now(UTC)


async def approve_registration(
    command: ApproveRegistration,
    uow: RegistrationsUnitOfWork,
    *,
    now: Callable[[], datetime] = _now,
) -> Registration:
    async with uow:
        registration = await _load(uow, command.institution_id)
        try:
            registration.approve(by=command.decided_by, at=now())
        except AlreadyDecided as decided:
            raise registration_decided(decided.status) from None
        await _save(uow, registration)
        uow.emit(registration_events.approved(registration), key=str(registration.institution_id))
        await uow.commit()
    return registration


async def refuse_registration(
    command: RefuseRegistration,
    uow: RegistrationsUnitOfWork,
    *,
    now: Callable[[], datetime] = _now,
) -> Registration:
    async with uow:
        registration = await _load(uow, command.institution_id)
        try:
            registration.refuse(by=command.decided_by, at=now(), reason=command.reason)
        except AlreadyDecided as decided:
            raise registration_decided(decided.status) from None
        except InvalidInput as refused:
            raise invalid(refused.problems) from None
        await _save(uow, registration)
        uow.emit(registration_events.refused(registration), key=str(registration.institution_id))
        await uow.commit()
    return registration


async def _load(uow: RegistrationsUnitOfWork, institution_id: UUID) -> Registration:
    registration = await uow.registrations.get(institution_id)
    if registration is None:
        raise registration_not_found()
    return registration


async def _save(uow: RegistrationsUnitOfWork, registration: Registration) -> None:
    if not await uow.registrations.save_decision(registration):
        raise registration_decided()
