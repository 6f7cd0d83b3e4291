"""The FastAPI skeleton every service shares: middleware, errors, health, metrics, whoami."""

import asyncio
import logging
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import APIRouter, FastAPI, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kernel import correlation, metrics
from kernel.auth import CurrentOffice, CurrentUser, Principal
from kernel.errors import install_error_handlers
from kernel.health import Readiness, StartupError, require_infrastructure
from kernel.local_secrets import MissingSecret
from kernel.logs import configure_logging
from kernel.runtime import Runtime, build_runtime
from kernel.settings import ServiceSettings, SettingsT, load_or_exit

log = logging.getLogger(__name__)


class ObservabilityMiddleware:
    """Correlation id in and out, request metrics by route template, one access log line."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        incoming = headers.get(correlation.HEADER.encode(), b"").decode("latin-1")[:100]
        cid = incoming or str(uuid.uuid4())
        token = correlation.correlation_id.set(cid)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (correlation.HEADER.encode(), cid.encode("latin-1")),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            method = scope["method"]
            metrics.HTTP_REQUESTS.labels(self.service, method, template, str(status)).inc()
            metrics.HTTP_LATENCY.labels(self.service, method, template).observe(elapsed)
            correlation.correlation_id.reset(token)


def _health_router(runtime: Runtime) -> APIRouter:
    router = APIRouter(tags=["health"])
    readiness = Readiness(runtime.engine, runtime.settings.kafka_bootstrap)

    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    async def readyz(response: Response) -> dict[str, Any]:
        db_error, kafka_error = await readiness.check()
        # Only the database decides readiness: with Kafka down the outbox keeps every change,
        # so taking the API out of rotation would turn a broker outage into a full outage.
        if db_error:
            response.status_code = 503
        status = "unavailable" if db_error else ("degraded" if kafka_error else "ready")
        return {
            "status": status,
            "database": {"ok": db_error is None, **({"error": db_error} if db_error else {})},
            "kafka": {"ok": kafka_error is None, **({"error": kafka_error} if kafka_error else {})},
        }

    async def metrics_endpoint() -> Response:
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    for prefix in ("", f"/api/{runtime.settings.service_name}"):
        router.add_api_route(f"{prefix}/healthz", healthz, methods=["GET"])
        router.add_api_route(f"{prefix}/readyz", readyz, methods=["GET"])
    router.add_api_route("/metrics", metrics_endpoint, methods=["GET"], include_in_schema=False)
    return router


def _whoami_router(service: str) -> APIRouter:
    """Echo the verified principal: proves the service checks tokens itself, behind any gateway."""
    router = APIRouter(tags=["session"])

    def shape(principal: Principal) -> dict[str, Any]:
        return {
            "subject": principal.subject,
            "kind": principal.kind,
            "company_id": str(principal.company_id) if principal.company_id else None,
            "role": principal.role,
            "scopes": sorted(principal.scopes),
        }

    @router.get(f"/api/{service}/whoami")
    async def whoami(principal: CurrentUser) -> dict[str, Any]:
        return shape(principal)

    @router.get(f"/internal/{service}/whoami")
    async def office_whoami(principal: CurrentOffice) -> dict[str, Any]:
        return shape(principal)

    return router


def build_app(
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    *,
    title: str,
    runtime: Runtime | None = None,
) -> FastAPI:
    """Build a service's app; the engine connects lazily, on the first request."""
    runtime = runtime or build_runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await runtime.engine.dispose()

    app = FastAPI(title=title, lifespan=lifespan, version="0.1.0")
    app.state.runtime = runtime
    app.state.auth = runtime.auth
    install_error_handlers(app)
    app.include_router(_health_router(runtime))
    app.include_router(_whoami_router(settings.service_name))
    for router in routers:
        app.include_router(router)
    app.add_middleware(ObservabilityMiddleware, service=settings.service_name)
    return app


def serve(
    load_settings: Callable[[], SettingsT],
    create_app: Callable[[SettingsT], FastAPI],
) -> None:
    """Entry point of ``python -m <service>``: check the infrastructure, then serve HTTP."""
    settings = load_or_exit(load_settings)
    configure_logging(settings.service_name, settings.log_level)
    try:
        app = create_app(settings)
    except MissingSecret as error:
        print(f"configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    runtime: Runtime = app.state.runtime
    try:
        asyncio.run(_check(runtime))
    except StartupError as error:
        log.error("%s cannot start: %s", settings.service_name, error)
        raise SystemExit(1) from None
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
    )


async def _check(runtime: Runtime) -> None:
    try:
        await require_infrastructure(runtime.engine, runtime.settings.kafka_bootstrap)
    finally:
        # The check ran on a loop that ends here; uvicorn opens fresh connections on its own.
        await runtime.engine.dispose()
