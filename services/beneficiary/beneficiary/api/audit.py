"""The office reads the audit log of beneficiary data (office token with scope ``audit:read``)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from beneficiary.api.dependencies import UowDep
from beneficiary.api.schemas import AuditEntryOut
from beneficiary.application.beneficiaries import audit_trail
from kernel.auth import Principal, office_with_scopes

SCOPE = "audit:read"
Auditor = Annotated[Principal, office_with_scopes(SCOPE)]

router = APIRouter(prefix="/internal/beneficiary", tags=["audit"])


@router.get("/audit")
async def audit(
    _: Auditor,
    uow: UowDep,
    company_id: UUID,
    beneficiary_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditEntryOut]:
    """Who read or changed an institution's beneficiary data, newest first."""
    entries = await audit_trail(company_id, beneficiary_id, uow, limit=limit)
    return [AuditEntryOut.of(entry) for entry in entries]
