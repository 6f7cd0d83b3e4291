"""The office's decision: taken once, recorded with who and when, announced with the change."""

from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from contracts.organisation import RegistrationApproved, RegistrationRefused
from kernel.errors import Conflict, NotFound, RuleViolated
from organisation.application.decide_registration import (
    ApproveRegistration,
    RefuseRegistration,
    approve_registration,
    refuse_registration,
)
from organisation.domain.registration import Company, Manager, Registration, RegistrationStatus

DECIDED = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)


def pending(uow) -> Registration:
    registration = Registration.submit(
        institution_id=uuid4(),
        company=Company("Atelier", "7601001234567", None, "Rue 1", "1950", "Sion", "+41273249611"),
        manager=Manager(uuid4(), "Anne", "Rey", "anne@example.ch", "+41791234567", "de"),
        at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    )
    uow.registrations.rows[registration.institution_id] = replace(registration)
    return registration


async def approve(uow, registration: Registration, by: str = "office-cli") -> Registration:
    return await approve_registration(
        ApproveRegistration(registration.institution_id, by), uow, now=lambda: DECIDED
    )


async def refuse(uow, registration: Registration, reason: str) -> Registration:
    return await refuse_registration(
        RefuseRegistration(registration.institution_id, "office-cli", reason),
        uow,
        now=lambda: DECIDED,
    )


async def test_approval_is_stored_and_announced(uow) -> None:
    registration = pending(uow)
    approved = await approve(uow, registration)
    stored = uow.registrations.rows[registration.institution_id]
    assert stored.status is RegistrationStatus.APPROVED
    assert stored.decision == approved.decision
    assert (stored.decision.decided_by, stored.decision.decided_at) == ("office-cli", DECIDED)
    (event,) = uow.committed
    assert isinstance(event, RegistrationApproved)
    assert event.institution_id == registration.institution_id
    assert event.manager.language == "de"


async def test_refusal_is_stored_and_announced_with_its_reason(uow) -> None:
    registration = pending(uow)
    await refuse(uow, registration, "GLN inconnu")
    assert uow.registrations.rows[registration.institution_id].status is RegistrationStatus.REFUSED
    (event,) = uow.committed
    assert isinstance(event, RegistrationRefused)
    assert event.reason == "GLN inconnu"


async def test_deciding_twice_is_a_conflict_and_announces_nothing_more(uow) -> None:
    registration = pending(uow)
    await approve(uow, registration)
    with pytest.raises(Conflict) as caught:
        await refuse(uow, registration, "trop tard")
    assert caught.value.code == "registration_decided"
    assert len(uow.committed) == 1
    assert uow.registrations.rows[registration.institution_id].status is RegistrationStatus.APPROVED


async def test_a_concurrent_decision_wins_and_this_one_is_a_conflict(uow) -> None:
    registration = pending(uow)
    uow.registrations.stale_on_save = True
    with pytest.raises(Conflict):
        await approve(uow, registration)
    assert uow.committed == []
    assert uow.registrations.rows[registration.institution_id].status is RegistrationStatus.PENDING


async def test_a_blank_reason_is_a_field_error(uow) -> None:
    registration = pending(uow)
    with pytest.raises(RuleViolated) as caught:
        await refuse(uow, registration, "  ")
    assert [e.field for e in caught.value.errors] == ["reason"]
    assert uow.committed == []


async def test_an_unknown_registration_is_not_found(uow) -> None:
    with pytest.raises(NotFound):
        await approve_registration(ApproveRegistration(uuid4(), "office-cli"), uow)
