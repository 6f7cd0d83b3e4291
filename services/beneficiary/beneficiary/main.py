"""Beneficiary's ASGI app: ``create_app(settings)``; nothing connects at import time."""

from fastapi import FastAPI

from beneficiary import bootstrap
from beneficiary.settings import BeneficiarySettings, load_settings
from kernel.http import build_app
from kernel.runtime import Runtime


def create_app(
    settings: BeneficiarySettings | None = None, *, runtime: Runtime | None = None
) -> FastAPI:
    settings = settings or load_settings()
    return build_app(
        settings, bootstrap.routers(settings), title="Guichet beneficiary", runtime=runtime
    )
