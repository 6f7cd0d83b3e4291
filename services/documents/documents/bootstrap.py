"""The one place documents's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Callable, Sequence
from functools import cache
from typing import cast

from fastapi import APIRouter

from contracts import IntegrationEvent
from contracts.invoicing import (
    InvoiceAccepted,
    InvoiceCorrectionRequested,
    InvoiceRefused,
    InvoiceSubmitted,
)
from documents.adapters.filesystem import FilesystemStorage
from documents.adapters.invoice_copies import SqlInvoiceCopies
from documents.adapters.metrics import PrometheusCopyObserver
from documents.adapters.pdf import ReportLabRenderer
from documents.adapters.s3 import S3Config, S3Storage
from documents.api import files, invoice_copies
from documents.application.invoice_copies import (
    CopyWriter,
    InvoiceEvent,
    when_invoice_changed_update_copy,
)
from documents.application.ports import FileStorage
from documents.domain.invoice_copies import Office
from documents.settings import DocumentsSettings
from kernel.consumer import Handler, Subscription
from kernel.runtime import Runtime
from kernel.uow import UnitOfWork


def storage(settings: DocumentsSettings) -> FileStorage:
    if settings.storage_backend == "s3":
        return S3Storage(
            S3Config(
                endpoint=settings.s3_endpoint,
                bucket=settings.s3_bucket,
                region=settings.s3_region,
                access_key_id=settings.s3_access_key_id,
                secret_access_key=settings.s3_secret_access_key,
                prefix=settings.s3_prefix,
            )
        )
    return FilesystemStorage(settings.storage_dir)


def office(settings: DocumentsSettings) -> Office:
    return Office(
        names={
            "fr": settings.office_name_fr,
            "de": settings.office_name_de,
            "it": settings.office_name_it or settings.office_name_fr,
        },
        address_lines=tuple(settings.office_address),
    )


def routers(
    settings: DocumentsSettings, *, file_storage: FileStorage | None = None
) -> Sequence[APIRouter]:
    chosen = file_storage or storage(settings)
    return [
        files.public_router(chosen),
        files.internal_router(chosen),
        invoice_copies.public_router(chosen),
        invoice_copies.internal_router(chosen),
    ]


def copy_writer(settings: DocumentsSettings, file_storage: FileStorage | None = None) -> CopyWriter:
    return CopyWriter(
        storage=file_storage or storage(settings),
        renderer=ReportLabRenderer(),
        office=office(settings),
        observer=PrometheusCopyObserver(),
    )


def copy_handler(writer: Callable[[], CopyWriter]) -> Handler:
    async def handle(uow: UnitOfWork, event: IntegrationEvent) -> None:
        await when_invoice_changed_update_copy(
            cast(InvoiceEvent, event),
            copies=SqlInvoiceCopies(uow.session),
            commit=uow.commit,
            writer=writer(),
        )

    return handle


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    # The writer is built on the first event: listing the subscriptions (contract tests) reads
    # no settings.
    writer = cache(lambda: copy_writer(cast(DocumentsSettings, runtime.settings)))
    handler = copy_handler(writer)
    return [
        # Not batched: each event stores a file outside the transaction.
        Subscription(
            name="invoice-copies",
            handlers={
                InvoiceSubmitted: handler,
                InvoiceAccepted: handler,
                InvoiceCorrectionRequested: handler,
                InvoiceRefused: handler,
            },
        )
    ]
