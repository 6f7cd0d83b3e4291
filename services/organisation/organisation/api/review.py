"""The office reviews registrations (office token with scope ``registrations:review``)."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from kernel.auth import Principal, office_with_scopes
from organisation.api.dependencies import SessionsDep, UowDep
from organisation.application.decide_registration import (
    ApproveRegistration,
    RefuseRegistration,
    approve_registration,
    refuse_registration,
)
from organisation.application.registration_queries import (
    list_registrations,
    registration_detail,
)
from organisation.domain.registration import REASON_MAX_LENGTH, Registration, RegistrationStatus

SCOPE = "registrations:review"
Reviewer = Annotated[Principal, office_with_scopes(SCOPE)]

router = APIRouter(prefix="/internal/organisation/registrations", tags=["review"])


class CompanyOut(BaseModel):
    name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str


class ManagerOut(BaseModel):
    account_id: UUID
    first_name: str
    last_name: str
    email: str
    mobile: str
    language: str


class DecisionOut(BaseModel):
    decided_by: str
    decided_at: datetime
    reason: str | None


class RegistrationOut(BaseModel):
    institution_id: UUID
    status: RegistrationStatus
    submitted_at: datetime
    company: CompanyOut
    manager: ManagerOut
    decision: DecisionOut | None
    version: int

    @classmethod
    def of(cls, registration: Registration) -> "RegistrationOut":
        decision = registration.decision
        return cls(
            institution_id=registration.institution_id,
            status=registration.status,
            submitted_at=registration.submitted_at,
            company=CompanyOut.model_validate(registration.company, from_attributes=True),
            manager=ManagerOut.model_validate(registration.manager, from_attributes=True),
            decision=DecisionOut.model_validate(decision, from_attributes=True)
            if decision
            else None,
            version=registration.version,
        )


class RegistrationPageOut(BaseModel):
    items: list[RegistrationOut]
    next_cursor: str | None = Field(
        description="pass as ?cursor= for the next page; null at the end"
    )


class RefusalIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    reason: str = Field(max_length=REASON_MAX_LENGTH)


@router.get("")
async def list_(
    _: Reviewer,
    sessions: SessionsDep,
    status: RegistrationStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> RegistrationPageOut:
    """Registrations oldest first, optionally of one status."""
    page = await list_registrations(sessions, status=status, limit=limit, cursor=cursor)
    return RegistrationPageOut(
        items=[RegistrationOut.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.get("/{institution_id}")
async def detail(_: Reviewer, sessions: SessionsDep, institution_id: UUID) -> RegistrationOut:
    return RegistrationOut.of(await registration_detail(sessions, institution_id))


@router.post("/{institution_id}/approve")
async def approve(reviewer: Reviewer, uow: UowDep, institution_id: UUID) -> RegistrationOut:
    """Approve a pending registration: the manager's account becomes active (identity)."""
    registration = await approve_registration(
        ApproveRegistration(institution_id=institution_id, decided_by=reviewer.subject), uow
    )
    return RegistrationOut.of(registration)


@router.post("/{institution_id}/refuse")
async def refuse(
    reviewer: Reviewer, uow: UowDep, institution_id: UUID, body: RefusalIn
) -> RegistrationOut:
    """Refuse a pending registration; the reason is sent to the manager."""
    registration = await refuse_registration(
        RefuseRegistration(
            institution_id=institution_id, decided_by=reviewer.subject, reason=body.reason
        ),
        uow,
    )
    return RegistrationOut.of(registration)
