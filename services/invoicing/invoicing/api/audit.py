"""The office reads the audit log of invoice data (office token with scope ``audit:read``)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from invoicing.api.dependencies import Auditor, UowDep
from invoicing.api.schemas import AuditEntryOut
from invoicing.application.audit import audit_trail

router = APIRouter(prefix="/internal/invoicing", tags=["audit"])


@router.get("/audit")
async def audit(
    _: Auditor,
    uow: UowDep,
    institution_id: UUID,
    invoice_id: UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditEntryOut]:
    """Who read or changed an institution's invoice data, newest first."""
    entries = await audit_trail(institution_id, invoice_id, uow, limit=limit)
    return [AuditEntryOut.model_validate(e, from_attributes=True) for e in entries]
