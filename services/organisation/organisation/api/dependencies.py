"""Dependencies organisation's routes declare."""

from typing import Annotated

from fastapi import Depends

from kernel.db import SessionFactory
from kernel.deps import RuntimeDep
from organisation.adapters.registrations import SqlUnitOfWork


def get_uow(runtime: RuntimeDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(runtime.session_factory)


def get_sessions(runtime: RuntimeDep) -> SessionFactory:
    return runtime.session_factory


UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]
SessionsDep = Annotated[SessionFactory, Depends(get_sessions)]
