"""An invoice's life after sending: its status, the office's decisions, corrections, the
revision that guards them (optimistic concurrency) and the history of who changed what.

    submitted ──accept──▶ accepted
        │  ├───refuse──▶ refused
        │  └─request correction─▶ correction_requested ──resubmit (new version)──▶ submitted

``revision`` grows with every status change; a decision or a correction names the revision
it was made on, so that two office agents (or an agent and the institution) cannot both act
on the same state. ``version`` is the content's version: 1 at sending, +1 at each correction.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Literal


class Status(StrEnum):
    SUBMITTED = "submitted"
    CORRECTION_REQUESTED = "correction_requested"
    ACCEPTED = "accepted"
    REFUSED = "refused"


Decision = Literal["accepted", "correction_requested", "refused"]
DECISIONS: dict[Decision, Status] = {
    "accepted": Status.ACCEPTED,
    "correction_requested": Status.CORRECTION_REQUESTED,
    "refused": Status.REFUSED,
}
MESSAGE_MAX_LENGTH = 4000


class LifecycleError(Exception):
    """A change the invoice's state does not allow."""


class StaleRevision(LifecycleError):
    """The change was made on a revision that is no longer the current one."""

    def __init__(self, current: int) -> None:
        super().__init__(f"current revision is {current}")
        self.current = current


class NotUnderReview(LifecycleError):
    """Only a submitted invoice can be decided."""


class NotAwaitingCorrection(LifecycleError):
    """Only an invoice whose correction was requested can be sent again."""


class MessageRequired(LifecycleError):
    """A correction request and a refusal tell the institution why."""


@dataclass(frozen=True)
class Actor:
    """Who made a change: an institution's user (named "Jean D." on the counter) or the office
    (a client of the office's systems)."""

    kind: Literal["institution", "office"]
    id: str
    name: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    status: Status
    by: Actor
    message: str = ""


@dataclass(frozen=True)
class Lifecycle:
    status: Status
    revision: int
    version: int
    history: tuple[HistoryEntry, ...]

    @property
    def last_message(self) -> str:
        """The office's message of the last correction request or refusal ("" otherwise)."""
        last = self.history[-1] if self.history else None
        return last.message if last and last.by.kind == "office" else ""


def submitted(by: Actor, at: datetime) -> Lifecycle:
    """The state of a freshly sent invoice."""
    return Lifecycle(
        status=Status.SUBMITTED,
        revision=1,
        version=1,
        history=(HistoryEntry(at=at, status=Status.SUBMITTED, by=by),),
    )


def decide(
    state: Lifecycle,
    decision: Decision,
    *,
    revision: int,
    by: Actor,
    at: datetime,
    message: str = "",
) -> Lifecycle:
    """The office accepts, refuses (with a reason) or asks for a correction (with a message)."""
    _check_revision(state, revision)
    if state.status is not Status.SUBMITTED:
        raise NotUnderReview(state.status.value)
    message = message.strip()
    if decision != "accepted" and not message:
        raise MessageRequired(decision)
    status = DECISIONS[decision]
    return replace(
        state,
        status=status,
        revision=state.revision + 1,
        history=(*state.history, HistoryEntry(at=at, status=status, by=by, message=message)),
    )


def resubmit(state: Lifecycle, *, revision: int, by: Actor, at: datetime) -> Lifecycle:
    """The institution sends the corrected invoice ("Modifier ma demande"): a new version."""
    _check_revision(state, revision)
    if state.status is not Status.CORRECTION_REQUESTED:
        raise NotAwaitingCorrection(state.status.value)
    return replace(
        state,
        status=Status.SUBMITTED,
        revision=state.revision + 1,
        version=state.version + 1,
        history=(*state.history, HistoryEntry(at=at, status=Status.SUBMITTED, by=by)),
    )


def _check_revision(state: Lifecycle, revision: int) -> None:
    if revision != state.revision:
        raise StaleRevision(state.revision)
