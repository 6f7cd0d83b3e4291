"""The one place beneficiary's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from beneficiary.adapters.beneficiaries import SqlAuditLog, SqlBeneficiaries
from beneficiary.api import audit, beneficiaries
from beneficiary.application.invoice_references import (
    when_invoice_submitted_reference_beneficiary,
)
from beneficiary.settings import BeneficiarySettings
from contracts import IntegrationEvent
from contracts.invoicing import InvoiceSubmitted
from kernel.consumer import Subscription
from kernel.runtime import Runtime
from kernel.uow import UnitOfWork


def routers(settings: BeneficiarySettings) -> Sequence[APIRouter]:
    return [beneficiaries.router, audit.router]


async def on_invoice_submitted(uow: UnitOfWork, event: IntegrationEvent) -> None:
    assert isinstance(event, InvoiceSubmitted)

    def emit(announced: IntegrationEvent) -> None:
        uow.emit(announced, key=str(event.beneficiary_id))

    await when_invoice_submitted_reference_beneficiary(
        event, SqlBeneficiaries(uow.session), SqlAuditLog(uow.session), emit
    )


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return [
        # Not batched: a conflict with an institution's own edit rolls back and retries this
        # event alone, with a fresh read.
        Subscription(name="invoice-references", handlers={InvoiceSubmitted: on_invoice_submitted}),
    ]
