"""FastAPI dependency aliases shared by every service's routes."""

from typing import Annotated

from fastapi import Depends, Request

from kernel.runtime import Runtime
from kernel.uow import UnitOfWork


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_uow(runtime: Annotated[Runtime, Depends(get_runtime)]) -> UnitOfWork:
    return UnitOfWork(runtime.session_factory)


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
UowDep = Annotated[UnitOfWork, Depends(get_uow)]
