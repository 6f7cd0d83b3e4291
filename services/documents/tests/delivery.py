"""Deliver an invoice event to documents's consumer as Kafka would: through the kernel's
idempotent consumer (inbox on the real database), into a storage of the test's own."""

from pathlib import Path
from typing import Any

from aiokafka import ConsumerRecord

from contracts.invoicing import InvoiceSubmitted
from documents import bootstrap
from documents.adapters.filesystem import FilesystemStorage
from documents.settings import DocumentsSettings
from kernel.consumer import IdempotentConsumer, Subscription
from kernel.db import SessionFactory
from kernel.messaging import Envelope


def consumer(
    session_factory: SessionFactory, storage_dir: Path, settings: DocumentsSettings
) -> IdempotentConsumer:
    writer = bootstrap.copy_writer(settings, FilesystemStorage(storage_dir))
    handler = bootstrap.copy_handler(lambda: writer)
    (subscription,) = bootstrap.subscriptions(_Runtime(settings))
    return IdempotentConsumer(
        service="documents",
        subscription=Subscription(
            name=subscription.name, handlers=dict.fromkeys(subscription.handlers, handler)
        ),
        session_factory=session_factory,
        bootstrap="unused",
        dead_letter_producer=None,  # type: ignore[arg-type]
        attempts=1,
    )


class _Runtime:
    def __init__(self, settings: DocumentsSettings) -> None:
        self.settings = settings


def record(event: Any, offset: int = 0) -> ConsumerRecord[bytes, bytes]:
    envelope = Envelope.wrap(event, key=str(event.invoice_id), correlation_id="test")
    return ConsumerRecord(
        topic=InvoiceSubmitted.TOPIC,
        partition=0,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=envelope.key.encode(),
        value=envelope.payload,
        checksum=None,
        serialized_key_size=len(envelope.key),
        serialized_value_size=len(envelope.payload),
        headers=envelope.headers(),
    )


def pdf_files(storage_dir: Path) -> list[Path]:
    return sorted(storage_dir.rglob("*.pdf")) if storage_dir.exists() else []
