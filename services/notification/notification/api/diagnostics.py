"""Office diagnostics: did a probe sent by identity arrive here, and how many times."""

from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from kernel.auth import office_with_scopes
from kernel.deps import RuntimeDep
from notification.application.probe_receipts import count_probe_receipts

router = APIRouter(tags=["diagnostics"])


class ProbeReceipts(BaseModel):
    probe_id: UUID
    receipts: int


@router.get(
    "/internal/notification/diagnostics/probes/{probe_id}",
    dependencies=[office_with_scopes("diagnostics")],
)
async def probe_receipts(probe_id: UUID, runtime: RuntimeDep) -> ProbeReceipts:
    receipts = await count_probe_receipts(runtime.session_factory, probe_id)
    return ProbeReceipts(probe_id=probe_id, receipts=receipts)
