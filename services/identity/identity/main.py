"""Identity's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from identity import bootstrap
from identity.api.problems import install_problem_handler
from identity.settings import IdentitySettings, load_settings
from kernel.http import build_app
from kernel.runtime import build_runtime


def create_app(settings: IdentitySettings | None = None, **overrides: Any) -> FastAPI:
    """``overrides`` go to ``bootstrap.build_wiring`` (tests: clock, hasher, secrets)."""
    settings = settings or load_settings()
    runtime = build_runtime(settings)
    wiring = bootstrap.build_wiring(settings, runtime, **overrides)
    app = build_app(
        settings, bootstrap.routers(settings), title="Guichet identity", runtime=runtime
    )
    app.state.identity = wiring
    install_problem_handler(app)

    # The kernel's lifespan disposes of the engine; the clients table is brought in line
    # with the configuration before the first request.
    kernel_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await bootstrap.sync_clients(settings, runtime)
        async with kernel_lifespan(app):
            yield

    app.router.lifespan_context = lifespan
    return app
