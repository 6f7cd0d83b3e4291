"""Local mode only: move identity's clock, so tests can wait out a lockout or an expiry.

Never mounted outside local mode (see ``identity.bootstrap.routers``).
"""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from identity.api.dependencies import WiringDep
from kernel.auth import office_with_scopes
from kernel.errors import NotFound

router = APIRouter(
    prefix="/internal/identity/dev/clock",
    tags=["dev"],
    dependencies=[office_with_scopes("dev:clock")],
)


class ClockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Thirty days either way is plenty for any rule identity has.
    offset_seconds: int = Field(ge=-30 * 86400, le=30 * 86400)


class ClockOut(BaseModel):
    offset_seconds: int
    now: datetime


@router.get("")
async def get_clock(wiring: WiringDep) -> ClockOut:
    clock = wiring.clock_control
    if clock is None:
        raise NotFound(detail="no adjustable clock")
    now = await clock.now()
    return ClockOut(offset_seconds=clock.offset_seconds, now=now)


@router.put("")
async def put_clock(body: ClockIn, wiring: WiringDep) -> ClockOut:
    clock = wiring.clock_control
    if clock is None:
        raise NotFound(detail="no adjustable clock")
    now = await clock.set_offset(body.offset_seconds)
    return ClockOut(offset_seconds=body.offset_seconds, now=now)
