"""Organisation's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from functools import partial

from fastapi import FastAPI

from kernel.http import build_app
from kernel.runtime import Runtime
from organisation import bootstrap
from organisation.adapters.metrics import refresh_on_scrape, waiting_in_database
from organisation.application.ports import IdentityAccounts
from organisation.settings import OrganisationSettings, load_settings


def create_app(
    settings: OrganisationSettings | None = None,
    *,
    identity: IdentityAccounts | None = None,
    runtime: Runtime | None = None,
) -> FastAPI:
    """Tests pass a fake ``identity`` or a ``runtime`` with their own token verifier."""
    settings = settings or load_settings()
    app = build_app(
        settings,
        bootstrap.routers(settings, identity=identity),
        title="Guichet organisation",
        runtime=runtime,
    )
    refresh_on_scrape(app, partial(waiting_in_database, app.state.runtime.session_factory))
    return app
