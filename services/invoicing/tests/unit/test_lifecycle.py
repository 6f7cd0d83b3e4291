"""An invoice's statuses, the office's decisions, corrections and the revision that guards
them."""

from datetime import UTC, datetime, timedelta

import pytest

from invoicing.domain import lifecycle
from invoicing.domain.lifecycle import Actor, Status

SENT = datetime(2025, 7, 3, 9, 0, tzinfo=UTC)
JEAN = Actor(kind="institution", id="account-1", name="Jean D.")
OFFICE = Actor(kind="office", id="office-cli", name="office-cli")


def later(hours: int) -> datetime:
    return SENT + timedelta(hours=hours)


def test_a_sent_invoice_is_submitted_at_revision_and_version_one() -> None:
    state = lifecycle.submitted(JEAN, SENT)

    assert (state.status, state.revision, state.version) == (Status.SUBMITTED, 1, 1)
    assert [(h.status, h.by, h.at) for h in state.history] == [(Status.SUBMITTED, JEAN, SENT)]
    assert state.last_message == ""


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        ("accepted", Status.ACCEPTED),
        ("correction_requested", Status.CORRECTION_REQUESTED),
        ("refused", Status.REFUSED),
    ],
)
def test_the_office_decides_a_submitted_invoice(decision, status) -> None:
    state = lifecycle.decide(
        lifecycle.submitted(JEAN, SENT),
        decision,
        revision=1,
        by=OFFICE,
        at=later(1),
        message="  Voir la décision.  ",
    )

    assert (state.status, state.revision, state.version) == (status, 2, 1)
    assert state.history[-1].message == "Voir la décision."
    assert state.history[-1].by == OFFICE
    assert state.last_message == "Voir la décision."


@pytest.mark.parametrize("decision", ["correction_requested", "refused"])
def test_a_correction_request_or_refusal_says_why(decision) -> None:
    with pytest.raises(lifecycle.MessageRequired):
        lifecycle.decide(
            lifecycle.submitted(JEAN, SENT), decision, revision=1, by=OFFICE, at=later(1)
        )


def test_a_decision_on_an_old_revision_is_stale_and_a_decided_invoice_is_not_under_review() -> None:
    accepted = lifecycle.decide(
        lifecycle.submitted(JEAN, SENT), "accepted", revision=1, by=OFFICE, at=later(1)
    )

    with pytest.raises(lifecycle.StaleRevision) as stale:
        lifecycle.decide(accepted, "refused", revision=1, by=OFFICE, at=later(2), message="x")
    with pytest.raises(lifecycle.NotUnderReview):
        lifecycle.decide(accepted, "refused", revision=2, by=OFFICE, at=later(2), message="x")
    assert stale.value.current == 2


def test_a_corrected_version_goes_back_to_review() -> None:
    asked = lifecycle.decide(
        lifecycle.submitted(JEAN, SENT),
        "correction_requested",
        revision=1,
        by=OFFICE,
        at=later(1),
        message="Joignez la facture.",
    )

    again = lifecycle.resubmit(asked, revision=2, by=JEAN, at=later(2))

    assert (again.status, again.revision, again.version) == (Status.SUBMITTED, 3, 2)
    assert [h.status for h in again.history] == [
        Status.SUBMITTED,
        Status.CORRECTION_REQUESTED,
        Status.SUBMITTED,
    ]
    assert again.last_message == ""


def test_only_a_requested_correction_can_be_sent_and_only_on_the_current_revision() -> None:
    sent = lifecycle.submitted(JEAN, SENT)
    asked = lifecycle.decide(
        sent, "correction_requested", revision=1, by=OFFICE, at=later(1), message="x"
    )

    with pytest.raises(lifecycle.NotAwaitingCorrection):
        lifecycle.resubmit(sent, revision=1, by=JEAN, at=later(2))
    with pytest.raises(lifecycle.StaleRevision):
        lifecycle.resubmit(asked, revision=1, by=JEAN, at=later(2))
