"""problem+json for identity's refusals that carry more than the kernel's base shape: a
message for people in the caller's language, extra members, and Retry-After."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from identity.application.errors import Problem
from kernel.errors import problem
from kernel.i18n import negotiate


def install_problem_handler(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, error: Problem) -> JSONResponse:
        language = negotiate(request.headers.get("accept-language"))
        extra = dict(error.extra)
        if error.messages:
            extra["message"] = error.messages[language]
        if error.errors:
            extra["errors"] = [
                {"field": e.field, "code": e.code, "message": e.message[language]}
                for e in error.errors
            ]
        response = problem(error.status, error.title, error.code, error.detail, **extra)
        if error.retry_after is not None:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
