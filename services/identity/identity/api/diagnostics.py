"""Office diagnostics: send a probe event through the outbox, Kafka and another service."""

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from identity.application.send_probe import SendProbe, send_probe
from kernel.auth import office_with_scopes
from kernel.deps import UowDep

router = APIRouter(tags=["diagnostics"])


class ProbeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = Field(min_length=1, max_length=200)


class ProbeOut(BaseModel):
    id: UUID
    label: str
    created_at: datetime


@router.post(
    "/internal/identity/diagnostics/probes",
    status_code=201,
    dependencies=[office_with_scopes("diagnostics")],
)
async def create_probe(body: ProbeIn, uow: UowDep) -> ProbeOut:
    probe = await send_probe(SendProbe(label=body.label), uow)
    return ProbeOut(id=probe.id, label=probe.label, created_at=probe.created_at)
