"""The one place invoicing's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from invoicing.settings import InvoicingSettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def routers(settings: InvoicingSettings) -> Sequence[APIRouter]:
    return []


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
