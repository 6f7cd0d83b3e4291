"""Invoicing's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from functools import partial

from fastapi import FastAPI

from invoicing import bootstrap
from invoicing.adapters.metrics import open_in_database, refresh_on_scrape
from invoicing.application.ports import Directory
from invoicing.settings import InvoicingSettings, load_settings
from kernel.http import build_app
from kernel.runtime import Runtime


def create_app(
    settings: InvoicingSettings | None = None,
    *,
    directory: Directory | None = None,
    runtime: Runtime | None = None,
) -> FastAPI:
    """Tests pass a fake ``directory`` or a ``runtime`` with their own token verifier."""
    settings = settings or load_settings()
    app = build_app(
        settings,
        bootstrap.routers(settings, directory=directory),
        title="Guichet invoicing",
        runtime=runtime,
    )
    refresh_on_scrape(app, partial(open_in_database, app.state.runtime.session_factory))
    return app
