"""Documents's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from fastapi import FastAPI

from documents import bootstrap
from documents.settings import DocumentsSettings, load_settings
from kernel.http import build_app


def create_app(settings: DocumentsSettings | None = None) -> FastAPI:
    settings = settings or load_settings()
    return build_app(settings, bootstrap.routers(settings), title="Guichet documents")
