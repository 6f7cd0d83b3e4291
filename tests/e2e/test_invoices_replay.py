"""Invoice events reach documents and notification exactly once: replayed copies of
InvoiceSubmitted and InvoiceAccepted leave one PDF copy and one e-mail, and invoices sent and
decided while both workers are down get their PDF copy and their e-mail once after the restart.
"""

import asyncio
import os
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from guichet_local import control
from tests.e2e.identity_support import Edge, wait_for
from tests.e2e.invoice_support import (
    Institution,
    Office,
    database_rows,
    email_count,
    emails_about,
    invoice_body,
    new_beneficiary,
    new_institution,
    pdf_text,
    sent,
)

pytestmark = pytest.mark.stack

BOOTSTRAP = os.environ.get("GUICHET_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
TOPIC = "invoicing.invoice"
WORKER_METRICS = {
    "documents": "http://127.0.0.1:8206/metrics",
    "notification": "http://127.0.0.1:8205/metrics",
}
COPIES = 3  # replayed copies of each event


@pytest.fixture(scope="module")
def edge(gateway_url: str) -> Iterator[Edge]:
    opened = Edge(gateway_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def institution(edge: Edge, gateway_url: str) -> Institution:
    return new_institution(edge, gateway_url, "Atelier des Rejeux")


@pytest.fixture(scope="module")
def beneficiary(institution: Institution) -> dict[str, Any]:
    return new_beneficiary(institution.manager, last_name="Bonvin", first_name="Aurélie")


@pytest.fixture(scope="module")
def desk(edge: Edge, office_token: Callable[..., str]) -> Office:
    return Office(edge, office_token)


def duplicates(worker: str) -> float:
    """The worker's count of invoice events it recognised as already processed."""
    text = httpx.get(WORKER_METRICS[worker], timeout=5).text
    pattern = (
        r'^guichet_consumer_messages_total\{[^}]*outcome="duplicate"[^}]*'
        r'topic="invoicing\.invoice"[^}]*\} (\S+)$'
    )
    return sum(float(v) for v in re.findall(pattern, text, flags=re.MULTILINE))


async def _records(invoice_id: str, count: int, seconds: float) -> list[ConsumerRecord]:
    consumer = AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=BOOTSTRAP,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[ConsumerRecord] = []
    try:
        deadline = time.monotonic() + seconds
        while len(found) < count and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                found += [r for r in records if r.key == invoice_id.encode()]
        return found
    finally:
        await consumer.stop()


async def _replay(records: list[ConsumerRecord]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
    await producer.start()
    try:
        sends = [
            await producer.send(r.topic, value=r.value, key=r.key, headers=list(r.headers))
            for r in records
            for _ in range(COPIES)
        ]
        await asyncio.gather(*sends)
    finally:
        await producer.stop()


def copies_of(invoice_id: str) -> list[dict[str, Any]]:
    """Documents' rows for the invoice's PDF copies (one per version)."""
    return database_rows(
        "documents",
        "SELECT version, status, storage_key FROM invoice_copy WHERE invoice_id = $1::uuid",
        invoice_id,
    )


def event_types(records: list[ConsumerRecord]) -> list[str]:
    return [dict(r.headers)["event-type"].decode() for r in records]


def test_replayed_invoice_events_leave_one_pdf_and_one_email(
    institution: Institution, beneficiary: dict[str, Any], desk: Office
) -> None:
    manager = institution.manager
    invoice = sent(manager, invoice_body("318.632", beneficiary["id"]))
    invoice_id, reference = invoice["id"], invoice["reference"]
    pdf_text(manager, invoice_id)
    desk.decided(invoice_id, "accept", revision=invoice["revision"])
    email_count(manager, reference, 1)
    wait_for(
        lambda: [c["status"] for c in copies_of(invoice_id)] == ["accepted"],
        30,
        "the PDF copy to show the acceptance",
    )
    records = asyncio.run(_records(invoice_id, 2, 30))
    assert event_types(records) == ["invoicing.InvoiceSubmitted", "invoicing.InvoiceAccepted"]
    before = {worker: duplicates(worker) for worker in WORKER_METRICS}

    asyncio.run(_replay(records))

    # The copies were taken and recognised, not lost (notification ignores InvoiceSubmitted).
    wait_for(
        lambda: duplicates("documents") >= before["documents"] + 2 * COPIES,
        30,
        "documents to recognise the replayed events",
    )
    wait_for(
        lambda: duplicates("notification") >= before["notification"] + COPIES,
        30,
        "notification to recognise the replayed acceptance",
    )
    assert [c["status"] for c in copies_of(invoice_id)] == ["accepted"]
    assert len(emails_about(manager, reference)) == 1


def test_invoices_sent_while_the_workers_are_down_get_their_pdf_and_email_once(
    institution: Institution, beneficiary: dict[str, Any], desk: Office
) -> None:
    manager = institution.manager
    decisions = {
        "accept": ("accepted", {}),
        "refuse": ("refused", {"reason": "Prestation hors décision."}),
        "request-correction": ("correction_requested", {"message": "Merci de compléter."}),
    }
    stopped = control.stop("documents-worker", "notification-worker")
    try:
        invoices = {}
        for action, (_, body) in decisions.items():
            invoice = sent(manager, invoice_body("318.632", beneficiary["id"]))
            desk.decided(invoice["id"], action, revision=invoice["revision"], **body)
            invoices[action] = invoice
        time.sleep(2)
        for invoice in invoices.values():
            assert copies_of(invoice["id"]) == [], "the documents worker was not down"
            assert emails_about(manager, invoice["reference"]) == []
    finally:
        control.start(*stopped or ("documents-worker", "notification-worker"))

    for action, (status, _) in decisions.items():
        invoice = invoices[action]
        assert invoice["reference"] in pdf_text(manager, invoice["id"], seconds=60)
        wait_for(
            lambda invoice=invoice, status=status: (
                [(c["version"], c["status"]) for c in copies_of(invoice["id"])] == [(1, status)]
            ),
            60,
            f"the PDF copy of the {status} invoice",
        )
        email_count(manager, invoice["reference"], 1, seconds=60)
    time.sleep(2)  # nothing more comes later
    for invoice in invoices.values():
        assert len(copies_of(invoice["id"])) == 1
        assert len(emails_about(manager, invoice["reference"])) == 1
