"""The registration's status moves once: pending → approved, or pending → refused."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from organisation.domain.problems import InvalidInput
from organisation.domain.registration import (
    AlreadyDecided,
    Company,
    Manager,
    Registration,
    RegistrationStatus,
)

SUBMITTED = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
DECIDED = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)


def make_registration() -> Registration:
    return Registration.submit(
        institution_id=uuid4(),
        company=Company("Atelier", "7601001234567", None, "Rue 1", "1950", "Sion", "+41273249611"),
        manager=Manager(uuid4(), "Anne", "Rey", "anne@example.ch", "+41791234567", "fr"),
        at=SUBMITTED,
    )


def test_a_new_registration_is_pending() -> None:
    registration = make_registration()
    assert registration.status is RegistrationStatus.PENDING
    assert registration.decision is None
    assert registration.version == 1


def test_approval_records_who_and_when() -> None:
    registration = make_registration()
    registration.approve(by="office-cli", at=DECIDED)
    assert registration.status is RegistrationStatus.APPROVED
    assert registration.decision is not None
    assert (registration.decision.decided_by, registration.decision.decided_at) == (
        "office-cli",
        DECIDED,
    )
    assert registration.decision.reason is None
    assert registration.version == 2


def test_refusal_keeps_its_reason_trimmed() -> None:
    registration = make_registration()
    registration.refuse(by="office-cli", at=DECIDED, reason="  GLN inconnu de refdata  ")
    assert registration.status is RegistrationStatus.REFUSED
    assert registration.decision is not None
    assert registration.decision.reason == "GLN inconnu de refdata"


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_refusal_needs_a_reason_of_reasonable_length(reason: str) -> None:
    registration = make_registration()
    with pytest.raises(InvalidInput) as caught:
        registration.refuse(by="office-cli", at=DECIDED, reason=reason)
    assert [p.field for p in caught.value.problems] == ["reason"]
    assert registration.status is RegistrationStatus.PENDING
    assert registration.version == 1


@pytest.mark.parametrize("first", ["approve", "refuse"])
@pytest.mark.parametrize("second", ["approve", "refuse"])
def test_a_decision_is_taken_once(first: str, second: str) -> None:
    registration = make_registration()
    decide = {
        "approve": lambda: registration.approve(by="a", at=DECIDED),
        "refuse": lambda: registration.refuse(by="a", at=DECIDED, reason="non"),
    }
    decide[first]()
    decided = (registration.status, registration.decision, registration.version)
    with pytest.raises(AlreadyDecided):
        decide[second]()
    assert (registration.status, registration.decision, registration.version) == decided


def test_refusing_a_decided_registration_is_a_conflict_even_without_reason() -> None:
    registration = make_registration()
    registration.approve(by="a", at=DECIDED)
    with pytest.raises(AlreadyDecided):
        registration.refuse(by="a", at=DECIDED, reason="")
