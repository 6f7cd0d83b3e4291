"""Domain error types and their one mapping to RFC 9457 problem+json answers."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from kernel import correlation
from kernel.i18n import Language, negotiate, validation_message
from kernel.problems import Problem

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    """One field's problem; ``field`` is the JSON path of the input, e.g. ``lines[2].date``."""

    field: str
    code: str
    message: dict[Language, str]


@dataclass
class DomainError(Exception):
    """Base of business errors; routes never build HTTP errors for business reasons."""

    detail: str = ""
    status: int = 400
    code: str = "error"
    title: str = "Bad request"


@dataclass
class NotFound(DomainError):
    status: int = 404
    code: str = "not_found"
    title: str = "Not found"


@dataclass
class Conflict(DomainError):
    status: int = 409
    code: str = "conflict"
    title: str = "Conflict"


@dataclass
class Forbidden(DomainError):
    status: int = 403
    code: str = "forbidden"
    title: str = "Forbidden"


@dataclass
class Unauthorized(DomainError):
    status: int = 401
    code: str = "unauthorized"
    title: str = "Unauthorized"


@dataclass
class RuleViolated(DomainError):
    """Input that is well-formed but breaks a business rule, reported field by field."""

    status: int = 422
    code: str = "validation_failed"
    title: str = "Invalid input"
    errors: Sequence[FieldError] = field(default_factory=list)


def invalid(problems: Iterable[Problem]) -> RuleViolated:
    """The domain's refusals (``kernel.problems``) as one 422 answer, field by field."""
    return RuleViolated(
        errors=[
            FieldError(p.field, p.code, {"fr": p.message["fr"], "de": p.message["de"]})
            for p in problems
        ]
    )


def json_path(location: Sequence[int | str]) -> str:
    """``("body", "lines", 2, "date")`` → ``lines[2].date``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problem(status: int, title: str, code: str, detail: str = "", **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    cid = correlation.correlation_id.get()
    if cid:
        body["correlation_id"] = cid
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def on_domain_error(request: Request, error: DomainError) -> JSONResponse:
        language = negotiate(request.headers.get("accept-language"))
        extra: dict[str, Any] = {}
        if isinstance(error, RuleViolated):
            extra["errors"] = [
                {"field": e.field, "code": e.code, "message": e.message[language]}
                for e in error.errors
            ]
        response = problem(error.status, error.title, error.code, error.detail, **extra)
        if isinstance(error, Unauthorized):
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        language = negotiate(request.headers.get("accept-language"))
        errors = []
        for item in error.errors():
            location = list(item.get("loc", ()))
            if location and location[0] in ("body", "query", "path", "header"):
                location = location[1:] if location[0] == "body" else location
            errors.append(
                {
                    "field": json_path(location),
                    "code": item.get("type", "invalid"),
                    "message": validation_message(str(item.get("type", "")), language),
                }
            )
        return problem(422, "Invalid input", "validation_failed", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(
            error.status_code, "http_error"
        )
        response = problem(error.status_code, str(error.detail), code)
        if error.headers:
            response.headers.update(error.headers)
        return response

    @app.exception_handler(PoolTimeout)
    async def on_pool_exhausted(request: Request, error: PoolTimeout) -> JSONResponse:
        # Every database connection stayed busy for the pool's timeout: an overload, not a
        # bug; the caller may retry shortly (the gateway and the web app honour Retry-After).
        log.warning("database pool exhausted on %s %s", request.method, request.url.path)
        response = problem(503, "Service busy", "service_busy")
        response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        # Logged with its trace for operators; the caller only gets the correlation id.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Internal error", "internal_error")
