"""InvoiceSubmitted through organisation's consumer (the kernel's inbox) on the real database:
the company bank account paid to becomes referenced, only in the sending institution, once; a
referenced account is archived on removal instead of erased."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from aiokafka import ConsumerRecord

from contracts import invoicing as inv
from kernel.consumer import IdempotentConsumer
from kernel.messaging import Envelope
from kernel.runtime import Runtime
from organisation.bootstrap import subscriptions
from services.organisation.tests.api.test_company_api import (
    IBAN,
    QR_IBAN,
    approved_institution,
    user_headers,
)

pytestmark = pytest.mark.stack

Query = Callable[..., Any]
ACCOUNTS = "/api/organisation/bank-accounts"


@pytest.fixture
async def two(
    api: httpx.AsyncClient, runtime: Runtime, new_registration: Callable[..., dict[str, Any]]
) -> tuple[UUID, UUID]:
    return (
        await approved_institution(api, runtime, new_registration),
        await approved_institution(api, runtime, new_registration),
    )


@pytest.fixture
def consumer(runtime: Runtime) -> IdempotentConsumer:
    (subscription,) = subscriptions(runtime)
    return IdempotentConsumer(
        service="organisation-test",
        subscription=subscription,
        session_factory=runtime.session_factory,
        bootstrap="unused",
        dead_letter_producer=None,  # type: ignore[arg-type]  # nothing here is poison
    )


def submitted(institution_id: UUID, bank_account_id: UUID | None) -> inv.InvoiceSubmitted:
    return inv.InvoiceSubmitted(
        invoice_id=uuid4(),
        institution_id=institution_id,
        version=1,
        reference="F-2026-000043",
        form="318.632",
        submitter=inv.Submitter(
            account_id=uuid4(),
            first_name="Jean",
            last_name="Dupont",
            email="jean@example.ch",
            language="fr",
        ),
        beneficiary_id=uuid4(),
        bank_account_id=bank_account_id,
        decision_number="32320251000896",
        total="50.00",
        printable=inv.InvoiceCopy(
            language="fr",
            form="318.632",
            form_title="Autre facture",
            reference="F-2026-000043",
            institution_name="Atelier",
            institution_gln="7601001234560",
            beneficiary_name="Müller Élodie",
            beneficiary_avs="756.1234.5678.97",
            beneficiary_address=["Rue du Rhône 3", "1950 Sion"],
            decision_number="32320251000896",
            iban="CH93 0076 2011 6238 5295 7",
            account_holder="Atelier",
            invoice_date=date(2025, 7, 3),
            invoice_number="A-18",
            lines=[inv.Line(label="Séance", amount="50.00")],
            total="50.00",
            submitted_at=datetime.now(UTC),
        ),
    )


def record(event: inv.InvoiceSubmitted) -> ConsumerRecord[bytes, bytes]:
    envelope = Envelope.wrap(event, key=str(event.invoice_id), correlation_id="invoice-test")
    return ConsumerRecord(
        topic=envelope.topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=envelope.key.encode(),
        value=envelope.payload,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=envelope.headers(),
    )


async def add_account(api: httpx.AsyncClient, institution: UUID, iban: str) -> UUID:
    added = await api.post(
        ACCOUNTS,
        json={"iban": iban, "holder": "Atelier Rhône SA", "label": "Principal"},
        headers=user_headers(institution),
    )
    assert added.status_code == 201, added.text
    return UUID(added.json()["id"])


async def referenced(db: Query, account_id: UUID) -> bool:
    (row,) = await db("SELECT referenced FROM bank_account WHERE id = :id", id=account_id)
    return bool(row.referenced)


async def test_the_account_paid_to_is_referenced_once_and_archived_on_removal(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], db: Query, consumer: IdempotentConsumer
) -> None:
    a, _ = two
    paid = await add_account(api, a, IBAN)
    other = await add_account(api, a, QR_IBAN)
    event = submitted(a, paid)

    assert await consumer.handle(record(event)) == "processed"
    assert await consumer.handle(record(event)) == "duplicate"

    assert await referenced(db, paid)
    assert not await referenced(db, other)
    manager = user_headers(a)
    assert (await api.delete(f"{ACCOUNTS}/{paid}", headers=manager)).status_code == 204
    assert (await api.delete(f"{ACCOUNTS}/{other}", headers=manager)).status_code == 204
    (row,) = await db("SELECT archived_at FROM bank_account WHERE id = :id", id=paid)
    assert row.archived_at is not None
    assert await db("SELECT id FROM bank_account WHERE id = :id", id=other) == []
    assert (await api.get(ACCOUNTS, headers=manager)).json() == {"items": []}


async def test_another_institutions_account_and_beneficiary_payments_change_nothing(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], db: Query, consumer: IdempotentConsumer
) -> None:
    a, b = two
    account = await add_account(api, a, IBAN)

    assert await consumer.handle(record(submitted(b, account))) == "processed"  # ignored
    assert await consumer.handle(record(submitted(a, None))) == "processed"

    assert not await referenced(db, account)
