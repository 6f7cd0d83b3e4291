"""Dependencies documents's routes declare."""

from typing import Annotated

from fastapi import Depends

from documents.adapters.files import SqlUnitOfWork
from kernel.deps import RuntimeDep


def get_uow(runtime: RuntimeDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(runtime.session_factory)


UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]
