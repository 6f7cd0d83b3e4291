"""The one place organisation's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter
from pydantic import SecretStr

from contracts import IntegrationEvent
from contracts.invoicing import InvoiceSubmitted
from kernel.consumer import Subscription
from kernel.local_secrets import resolve_secret
from kernel.runtime import Runtime
from kernel.uow import UnitOfWork
from organisation.adapters.identity_accounts import ClientCredentials, IdentityAccountsClient
from organisation.adapters.members import SqlBankAccounts
from organisation.api import company, registrations, review
from organisation.application.invoice_references import (
    when_invoice_submitted_reference_bank_account,
)
from organisation.application.ports import IdentityAccounts
from organisation.settings import OrganisationSettings


def identity_accounts(settings: OrganisationSettings) -> IdentityAccounts:
    def secret() -> SecretStr:
        return resolve_secret(
            settings.identity_client_secret,
            name=f"client-{settings.identity_client_id}.secret",
            is_local=settings.is_local,
            state_dir=settings.state_dir,
        )

    if not settings.is_local:
        secret()  # outside local mode a missing secret stops the start, in one line
    return IdentityAccountsClient(
        base_url=settings.identity_url,
        credentials=ClientCredentials(client_id=settings.identity_client_id, secret=secret),
        timeout=settings.identity_timeout_seconds,
    )


def routers(
    settings: OrganisationSettings, *, identity: IdentityAccounts | None = None
) -> Sequence[APIRouter]:
    accounts = identity or identity_accounts(settings)
    return [
        registrations.registrations_router(accounts),
        company.company_router(accounts),
        review.router,
    ]


async def on_invoice_submitted(uow: UnitOfWork, event: IntegrationEvent) -> None:
    assert isinstance(event, InvoiceSubmitted)
    await when_invoice_submitted_reference_bank_account(event, SqlBankAccounts(uow.session))


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return [
        Subscription(
            name="invoice-references",
            handlers={InvoiceSubmitted: on_invoice_submitted},
            # One UPDATE in the database, nothing else: a fetched batch may be applied at once.
            batched=True,
        ),
    ]
