"""Dependencies beneficiary's routes declare."""

from typing import Annotated

from fastapi import Depends

from beneficiary.adapters.beneficiaries import SqlUnitOfWork
from beneficiary.application.ports import Actor
from kernel.auth import CurrentUser
from kernel.deps import RuntimeDep
from kernel.errors import Forbidden


def get_uow(runtime: RuntimeDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(runtime.session_factory)


def get_actor(principal: CurrentUser) -> Actor:
    if principal.company_id is None:
        raise Forbidden(code="no_institution", detail="the account belongs to no institution")
    return Actor(subject=principal.subject, company_id=principal.company_id)


UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]
ActorDep = Annotated[Actor, Depends(get_actor)]
