"""Notification's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from fastapi import FastAPI

from kernel.http import build_app
from notification import bootstrap
from notification.settings import NotificationSettings, load_settings


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    settings = settings or load_settings()
    return build_app(settings, bootstrap.routers(settings), title="Guichet notification")
