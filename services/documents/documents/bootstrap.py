"""The one place documents's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from documents.settings import DocumentsSettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def routers(settings: DocumentsSettings) -> Sequence[APIRouter]:
    return []


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
