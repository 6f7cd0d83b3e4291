"""The institution's beneficiaries (user token; scoped to the token's institution)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from beneficiary.api.dependencies import ActorDep, UowDep
from beneficiary.api.schemas import (
    BeneficiaryIn,
    BeneficiaryOut,
    BeneficiaryPageOut,
    BeneficiaryRowOut,
    RemovedOut,
)
from beneficiary.application import beneficiaries as use_cases

router = APIRouter(prefix="/api/beneficiary/beneficiaries", tags=["beneficiaries"])


@router.post("", status_code=201)
async def create(actor: ActorDep, uow: UowDep, body: BeneficiaryIn) -> BeneficiaryOut:
    return BeneficiaryOut.of(await use_cases.register_beneficiary(actor, body.form(), uow))


@router.get("")
async def list_(
    actor: ActorDep,
    uow: UowDep,
    name: Annotated[str | None, Query(max_length=100)] = None,
    avs: Annotated[str | None, Query(max_length=30)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> BeneficiaryPageOut:
    """Active beneficiaries by last then first name. ``name``: part of the last or first name,
    case and accents ignored; ``avs``: part of the AVS number, dots ignored."""
    page = await use_cases.list_beneficiaries(
        actor, uow, name=name, avs=avs, limit=limit, cursor=cursor
    )
    return BeneficiaryPageOut(
        items=[BeneficiaryRowOut.of(row) for row in page.items], next_cursor=page.next_cursor
    )


@router.get("/{beneficiary_id}")
async def detail(actor: ActorDep, uow: UowDep, beneficiary_id: UUID) -> BeneficiaryOut:
    return BeneficiaryOut.of(await use_cases.show_beneficiary(actor, beneficiary_id, uow))


@router.put("/{beneficiary_id}")
async def update(
    actor: ActorDep, uow: UowDep, beneficiary_id: UUID, body: BeneficiaryIn
) -> BeneficiaryOut:
    return BeneficiaryOut.of(
        await use_cases.change_beneficiary(actor, beneficiary_id, body.form(), uow)
    )


@router.delete("/{beneficiary_id}")
async def delete(actor: ActorDep, uow: UowDep, beneficiary_id: UUID) -> RemovedOut:
    """Erase the beneficiary, or archive it when invoices refer to it."""
    archived = await use_cases.remove_beneficiary(actor, beneficiary_id, uow)
    return RemovedOut(id=beneficiary_id, archived=archived)
