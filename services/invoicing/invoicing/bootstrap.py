"""The one place invoicing's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from invoicing.adapters.directory import HttpDirectory
from invoicing.adapters.tariffs import load_tariffs
from invoicing.api import audit, invoices, review
from invoicing.application.ports import Directory
from invoicing.settings import InvoicingSettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def directory_of(settings: InvoicingSettings) -> HttpDirectory:
    return HttpDirectory(
        identity_url=settings.identity_url,
        organisation_url=settings.organisation_url,
        beneficiary_url=settings.beneficiary_url,
        documents_url=settings.documents_url,
        timeout=settings.directory_timeout_seconds,
    )


def routers(
    settings: InvoicingSettings, *, directory: Directory | None = None
) -> Sequence[APIRouter]:
    return [
        invoices.invoices_router(directory or directory_of(settings), load_tariffs()),
        review.router,
        audit.router,
    ]


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
