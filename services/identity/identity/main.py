"""Identity's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from fastapi import FastAPI

from identity import bootstrap
from identity.settings import IdentitySettings, load_settings
from kernel.http import build_app


def create_app(settings: IdentitySettings | None = None) -> FastAPI:
    settings = settings or load_settings()
    return build_app(settings, bootstrap.routers(settings), title="Guichet identity")
