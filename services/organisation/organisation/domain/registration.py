"""An institution's registration: what it declared, who manages it and the office's decision.

The registration is the institution while the office has not approved it; its status moves
once, from pending to approved or refused, and ``version`` counts the changes so that two
deciders cannot both win.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from kernel.i18n import Language
from organisation.domain.problems import InvalidInput, Problem, required

REASON_MAX_LENGTH = 2000


class RegistrationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class Role(StrEnum):
    MANAGER = "manager"
    COLLABORATOR = "collaborator"


@dataclass(frozen=True)
class Company:
    """The institution as declared; every value already checked and normalised."""

    name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str


@dataclass(frozen=True)
class Manager:
    """The person who registered; the account (password, login) lives in identity."""

    account_id: UUID
    first_name: str
    last_name: str
    email: str
    mobile: str
    language: Language


@dataclass(frozen=True)
class Decision:
    """Who decided (the office system's client id) and when; a refusal carries its reason."""

    decided_by: str
    decided_at: datetime
    reason: str | None = None


class AlreadyDecided(Exception):
    """The registration is no longer pending: a decision is taken once."""

    def __init__(self, status: RegistrationStatus) -> None:
        self.status = status
        super().__init__(f"registration already {status}")


@dataclass
class Registration:
    institution_id: UUID
    company: Company
    manager: Manager
    submitted_at: datetime
    status: RegistrationStatus = RegistrationStatus.PENDING
    decision: Decision | None = None
    version: int = 1

    @classmethod
    def submit(
        cls, *, institution_id: UUID, company: Company, manager: Manager, at: datetime
    ) -> "Registration":
        return cls(institution_id=institution_id, company=company, manager=manager, submitted_at=at)

    def approve(self, *, by: str, at: datetime) -> None:
        self._decide(RegistrationStatus.APPROVED, Decision(by, at))

    def refuse(self, *, by: str, at: datetime, reason: str) -> None:
        self._ensure_pending()
        reason = reason.strip()
        if not reason:
            raise InvalidInput([required("reason", {"fr": "Motif", "de": "Begründung"})])
        if len(reason) > REASON_MAX_LENGTH:
            raise InvalidInput(
                [
                    Problem(
                        "reason",
                        "too_long",
                        {
                            "fr": f"Le motif compte au plus {REASON_MAX_LENGTH} caractères.",
                            "de": f"Die Begründung hat höchstens {REASON_MAX_LENGTH} Zeichen.",
                        },
                    )
                ]
            )
        self._decide(RegistrationStatus.REFUSED, Decision(by, at, reason))

    def _ensure_pending(self) -> None:
        if self.status is not RegistrationStatus.PENDING:
            raise AlreadyDecided(self.status)

    def _decide(self, status: RegistrationStatus, decision: Decision) -> None:
        self._ensure_pending()
        self.status = status
        self.decision = decision
        self.version += 1
