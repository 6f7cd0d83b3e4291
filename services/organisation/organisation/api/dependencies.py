"""Dependencies organisation's routes declare."""

from typing import Annotated

from fastapi import Depends, Request

from kernel.auth import CurrentUser, Principal
from kernel.db import SessionFactory
from kernel.deps import RuntimeDep
from kernel.errors import Forbidden
from kernel.i18n import Language, negotiate
from organisation.adapters.registrations import SqlUnitOfWork


def get_uow(runtime: RuntimeDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(runtime.session_factory)


def get_sessions(runtime: RuntimeDep) -> SessionFactory:
    return runtime.session_factory


UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]
SessionsDep = Annotated[SessionFactory, Depends(get_sessions)]


async def institution_member(principal: CurrentUser) -> Principal:
    """A user of an institution (any role)."""
    if principal.company_id is None:
        raise Forbidden(code="no_institution", detail="the account belongs to no institution")
    return principal


async def institution_manager(
    principal: Annotated[Principal, Depends(institution_member)],
) -> Principal:
    """A manager of their institution; a collaborator is refused (403) within it."""
    if not principal.is_manager:
        raise Forbidden(code="managers_only", detail="only a manager may do this")
    return principal


MemberDep = Annotated[Principal, Depends(institution_member)]
ManagerDep = Annotated[Principal, Depends(institution_manager)]


def language(request: Request) -> Language:
    return negotiate(request.headers.get("accept-language"))


LanguageDep = Annotated[Language, Depends(language)]
