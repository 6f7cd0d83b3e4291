"""InvoiceSubmitted through beneficiary's consumer (the kernel's inbox) on the real database:
the decision is saved once, the beneficiary becomes referenced, another institution's
beneficiary is never touched, and a replay changes nothing."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiokafka import ConsumerRecord

from beneficiary.bootstrap import subscriptions
from contracts import invoicing as inv
from kernel.consumer import IdempotentConsumer
from kernel.messaging import Envelope
from kernel.runtime import Runtime

pytestmark = pytest.mark.stack

BASE = "/api/beneficiary/beneficiaries"
SAVED = "32320251000896"  # "323.2025.1000896" in beneficiary_body
NEW = "32320252000123"


@pytest.fixture
def consumer(runtime: Runtime) -> IdempotentConsumer:
    (subscription,) = subscriptions(runtime)
    return IdempotentConsumer(
        service="beneficiary-test",
        subscription=subscription,
        session_factory=runtime.session_factory,
        bootstrap="unused",
        dead_letter_producer=None,  # type: ignore[arg-type]  # nothing here is poison
    )


def submitted(institution_id: UUID, beneficiary_id: UUID, **overrides: Any) -> inv.InvoiceSubmitted:
    account = overrides.pop("account_id", uuid4())
    values: dict[str, Any] = {
        "invoice_id": uuid4(),
        "institution_id": institution_id,
        "version": 1,
        "reference": "F-2026-000042",
        "form": "318.536",
        "submitter": inv.Submitter(
            account_id=account,
            first_name="Jean",
            last_name="Dupont",
            email="jean@example.ch",
            language="fr",
        ),
        "beneficiary_id": beneficiary_id,
        "decision_number": NEW,
        "decision_description": "Contribution d'assistance 2025",
        "save_decision": True,
        "total": "100.00",
        "printable": inv.InvoiceCopy(
            language="fr",
            form="318.536",
            form_title="Contribution d'assistance",
            reference="F-2026-000042",
            institution_name="Atelier",
            institution_gln="7601001234560",
            beneficiary_name="Müller Élodie",
            beneficiary_avs="756.1234.5678.97",
            beneficiary_address=["Rue du Rhône 3", "1950 Sion"],
            decision_number=NEW,
            iban="CH93 0076 2011 6238 5295 7",
            account_holder="Atelier",
            invoice_date=date(2025, 7, 3),
            invoice_number="A-17",
            lines=[inv.Line(label="Heures", amount="100.00")],
            total="100.00",
            submitted_at=datetime.now(UTC),
        ),
    }
    return inv.InvoiceSubmitted(**(values | overrides))


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


async def updates(db: Any, beneficiary_id: str) -> list[str]:
    rows = await db(
        "SELECT convert_from(payload, 'UTF8') AS payload FROM outbox_message "
        "WHERE key = :k AND event_type = 'beneficiary.BeneficiaryUpdated'",
        k=beneficiary_id,
    )
    return [row.payload for row in rows]


async def test_the_decision_is_saved_once_and_the_beneficiary_referenced(
    api, db, user_headers, new_beneficiary, consumer
) -> None:
    company = uuid4()
    headers = user_headers(company)
    created = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()
    submitter = uuid4()
    event = submitted(company, UUID(created["id"]), account_id=submitter)

    assert await consumer.handle(record(event)) == "processed"
    assert await consumer.handle(record(event)) == "duplicate"

    shown = (await api.get(f"{BASE}/{created['id']}", headers=headers)).json()
    assert [(d["number"], d["description"]) for d in shown["decisions"]] == [
        (SAVED, "Mesures professionnelles"),
        (NEW, "Contribution d'assistance 2025"),
    ]
    assert shown["referenced"] is True
    assert shown["version"] == 2
    [payload] = await updates(db, created["id"])
    assert '"version":2' in payload
    [entry] = await db(
        "SELECT subject, company_id, detail FROM audit_entry "
        "WHERE beneficiary_id = :i AND action = 'update'",
        i=UUID(created["id"]),
    )
    assert (entry.subject, entry.company_id) == (str(submitter), company)
    assert entry.detail == "decision saved from invoice F-2026-000042"

    # A second invoice on the same decision, written with dots, adds nothing.
    again = submitted(company, UUID(created["id"]), decision_number=SAVED)
    assert await consumer.handle(record(again)) == "processed"
    shown = (await api.get(f"{BASE}/{created['id']}", headers=headers)).json()
    assert len(shown["decisions"]) == 2
    assert shown["version"] == 2
    assert len(await updates(db, created["id"])) == 1

    # Referenced: removing it now archives it.
    removed = await api.delete(f"{BASE}/{created['id']}", headers=headers)
    assert removed.json() == {"id": created["id"], "archived": True}


async def test_without_save_only_the_reference_is_kept(
    api, db, user_headers, new_beneficiary, consumer
) -> None:
    company = uuid4()
    headers = user_headers(company)
    created = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()

    event = submitted(company, UUID(created["id"]), save_decision=False)
    assert await consumer.handle(record(event)) == "processed"

    shown = (await api.get(f"{BASE}/{created['id']}", headers=headers)).json()
    assert [d["number"] for d in shown["decisions"]] == [SAVED]
    assert (shown["referenced"], shown["version"]) == (True, 1)
    assert await updates(db, created["id"]) == []


async def test_another_institutions_beneficiary_is_never_touched(
    api, db, user_headers, new_beneficiary, consumer
) -> None:
    owner = uuid4()
    headers = user_headers(owner)
    created = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()

    intruder = submitted(uuid4(), UUID(created["id"]))
    assert await consumer.handle(record(intruder)) == "processed"  # logged and ignored

    shown = (await api.get(f"{BASE}/{created['id']}", headers=headers)).json()
    assert [d["number"] for d in shown["decisions"]] == [SAVED]
    assert (shown["referenced"], shown["version"]) == (False, 1)
    assert await updates(db, created["id"]) == []


async def test_a_full_list_of_decisions_is_left_as_it_is(
    api, db, user_headers, new_beneficiary, consumer
) -> None:
    company = uuid4()
    headers = user_headers(company)
    full = [
        {"number": f"3232025{case:07d}", "description": f"Décision {case}"} for case in range(1, 51)
    ]
    created = (await api.post(BASE, json=new_beneficiary(decisions=full), headers=headers)).json()

    assert await consumer.handle(record(submitted(company, UUID(created["id"])))) == "processed"

    shown = (await api.get(f"{BASE}/{created['id']}", headers=headers)).json()
    assert len(shown["decisions"]) == 50
    assert NEW not in [d["number"] for d in shown["decisions"]]
    assert shown["referenced"] is True
