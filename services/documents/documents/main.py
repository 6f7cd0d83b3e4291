"""Documents's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from fastapi import FastAPI

from documents import bootstrap
from documents.api.invoice_copies import install_problem_handler
from documents.application.ports import FileStorage
from documents.settings import DocumentsSettings, load_settings
from kernel.http import build_app
from kernel.runtime import Runtime


def create_app(
    settings: DocumentsSettings | None = None,
    *,
    storage: FileStorage | None = None,
    runtime: Runtime | None = None,
) -> FastAPI:
    """Tests pass their own ``storage`` or a ``runtime`` with their own token verifier."""
    settings = settings or load_settings()
    app = build_app(
        settings,
        bootstrap.routers(settings, file_storage=storage),
        title="Guichet documents",
        runtime=runtime,
    )
    install_problem_handler(app)
    return app
