"""Invoice decision e-mails on the local stack: through the real SMTP capture, once per event
even when the event comes again (the delivery table), and from Kafka through the running
worker's "invoice-emails" consumer group."""

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from contracts.invoicing import InvoiceCorrectionRequested, InvoiceRefused, Submitter
from kernel.db import SessionFactory
from kernel.messaging import Envelope
from notification.adapters.delivery_log import SqlDeliveryLog
from notification.adapters.metrics import PrometheusDeliveryObserver
from notification.adapters.smtp import SmtpConfig, SmtpEmailSender
from notification.adapters.templates import JinjaRenderer
from notification.application.courier import Courier
from notification.application.invoice_emails import when_invoice_refused_send_email
from notification.domain.delivery import RetryPolicy
from notification.domain.links import Links
from notification.domain.messages import Office

pytestmark = pytest.mark.stack

PUBLIC_URL = "http://127.0.0.1:8000"
OFFICE = Office(
    names={"fr": "Office cantonal AI du Valais", "de": "Kantonale IV-Stelle Wallis"},
    address_lines=("Av. de la Gare 15", "1951 Sion"),
    phone="027 324 96 11",
)
NO_UOW: Any = None


@pytest.fixture
async def address(inbox: httpx.AsyncClient) -> AsyncIterator[str]:
    address = f"invoice-{uuid4().hex[:10]}@example.ch"
    yield address
    await inbox.delete("/messages", params={"to": address})


def decision(event_class: type[Any], email: str, language: str, **extra: Any) -> Any:
    return event_class(
        invoice_id=uuid4(),
        institution_id=uuid4(),
        version=1,
        reference="F-2026-000042",
        form="318.632.1",
        submitter=Submitter(
            account_id=uuid4(),
            first_name="Jean",
            last_name="Dupont",
            email=email,
            language=language,
        ),
        decided_at=datetime.now(UTC),
        **extra,
    )


async def messages(inbox: httpx.AsyncClient, to: str) -> list[dict[str, Any]]:
    response = await inbox.get("/messages", params={"to": to})
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()
    return found


async def test_a_refusal_handled_twice_reaches_the_inbox_once(
    session_factory: SessionFactory, inbox: httpx.AsyncClient, address: str
) -> None:
    links = Links(PUBLIC_URL)
    courier = Courier(
        log=SqlDeliveryLog(session_factory),
        email_sender=SmtpEmailSender(
            SmtpConfig(host="127.0.0.1", port=2525, from_address="no-reply@guichet.aivs.ch")
        ),
        sms_sender=None,  # type: ignore[arg-type]  # e-mails only
        opener=None,  # type: ignore[arg-type]  # nothing sealed
        renderer=JinjaRenderer(OFFICE, links),
        observer=PrometheusDeliveryObserver(),
        office=OFFICE,
        links=links,
        retry=RetryPolicy(attempts=1),
        clock=lambda: datetime.now(UTC),
    )
    event = decision(InvoiceRefused, address, "de", reason="Die Verfügung ist abgelaufen.")

    # The second call is what a replay finds when the consumer's inbox row was lost.
    await when_invoice_refused_send_email(NO_UOW, event, courier=courier)
    await when_invoice_refused_send_email(NO_UOW, event, courier=courier)

    [message] = await messages(inbox, address)
    assert message["subject"] == (
        "Kantonale IV-Stelle Wallis – Ihre Rechnung F-2026-000042 wurde abgelehnt"
    )
    assert "Die Verfügung ist abgelaufen." in message["text"]
    assert "318.632.1 – Reise- und Verpflegungskosten" in message["text"]
    assert f"{PUBLIC_URL}/factures/{event.invoice_id}" in message["links"]
    async with session_factory() as session:
        rows = (
            await session.execute(
                text("SELECT status, attempts, template FROM delivery WHERE event_id = :id"),
                {"id": event.event_id},
            )
        ).all()
    assert [tuple(row) for row in rows] == [("sent", 1, "invoice_refused")]


async def publish(*events: InvoiceCorrectionRequested) -> None:
    """What invoicing's relay does: key = invoice id, ids and type in the headers."""
    producer = AIOKafkaProducer(bootstrap_servers="127.0.0.1:59092", enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            envelope = Envelope.wrap(event, key=str(event.invoice_id), correlation_id=None)
            await producer.send_and_wait(
                envelope.topic,
                value=envelope.payload,
                key=envelope.key.encode(),
                headers=envelope.headers(),
            )
    finally:
        await producer.stop()


async def test_the_worker_sends_a_published_correction_request_once(
    inbox: httpx.AsyncClient, address: str
) -> None:
    message_text = "Merci de joindre les billets de train du 3 juin."
    event = decision(InvoiceCorrectionRequested, address, "fr", message=message_text)

    await publish(event, event)

    deadline = time.monotonic() + 30
    while not (found := await messages(inbox, address)) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    # Give a duplicate the time to arrive if the worker were to send one.
    await asyncio.sleep(2)
    [message] = await messages(inbox, address)
    assert found
    assert message["subject"] == (
        "Office cantonal AI du Valais – Votre facture F-2026-000042 est à corriger"
    )
    assert message_text in message["text"]
    assert f"{PUBLIC_URL}/factures/{event.invoice_id}" in message["links"]
