"""Every consumer can read what every producer writes: each registered event has an example,
survives the trip through a Kafka envelope, and every subscription names registered events."""

from datetime import UTC, date, datetime
from typing import Any, cast
from uuid import uuid4

import pytest

from contracts import IntegrationEvent, registry
from contracts import beneficiary as ben
from contracts import documents as docs
from contracts import identity as ident
from contracts import invoicing as inv
from contracts import organisation as org
from contracts.diagnostics import ProbeSent
from kernel.consumer import parse_event
from kernel.messaging import Envelope
from kernel.runtime import Runtime
from tests.conftest import SERVICES

MANAGER = org.Manager(
    account_id=uuid4(), first_name="Anne", last_name="Rey", email="anne@ex.ch", language="fr"
)
INSTITUTION = {"institution_id": uuid4(), "institution_name": "Atelier", "gln": "7601001234560"}
MEMBER = {"institution_id": uuid4(), "member_id": uuid4(), "account_id": uuid4()}
ACCOUNT = {"account_id": uuid4(), "language": "de"}
BENEFICIARY = {"beneficiary_id": uuid4(), "institution_id": uuid4()}
LATER = datetime(2026, 11, 27, 12, 5, tzinfo=UTC)
INVOICE = {
    "invoice_id": uuid4(),
    "institution_id": uuid4(),
    "version": 1,
    "reference": "F-2026-000042",
    "form": "318.632.2",
    "submitter": inv.Submitter(
        account_id=uuid4(), first_name="Jean", last_name="Dupont", email="j@ex.ch", language="fr"
    ),
}
PRINTABLE = inv.InvoiceCopy(
    language="fr",
    form="318.632.2",
    form_title="Allocation pour impotent et supplément pour soins intenses (mineurs)",
    reference="F-2026-000042",
    institution_name="Atelier",
    institution_gln="7601001234560",
    beneficiary_name="Doe John",
    beneficiary_avs="756.1234.5678.97",
    beneficiary_address=["Rue du Lac 1", "1000 Lausanne"],
    decision_number="32320251000896",
    iban="CH93 0076 2011 6238 5295 7",
    account_holder="Atelier",
    invoice_date=date(2025, 8, 5),
    invoice_number="A-17",
    period="01.07.2025 - 31.07.2025",
    fields=[inv.LabelledValue(label="Degré d'impotence", value="grave")],
    lines=[inv.Line(label="Nuits à domicile", quantity="31", unit_price="67.20", amount="2083.20")],
    total="2083.20",
    submitted_at=LATER,
)

# One example per event class and version. A new event without an example fails below.
EXAMPLES: dict[type[IntegrationEvent], IntegrationEvent] = {
    ProbeSent: ProbeSent(probe_id=uuid4(), label="contract"),
    ident.LoginCodeIssued: ident.LoginCodeIssued(
        **ACCOUNT, challenge_id=uuid4(), mobile="+41791234567", sealed_code="gAAA", expires_at=LATER
    ),
    ident.PasswordResetRequested: ident.PasswordResetRequested(
        **ACCOUNT, email="a@ex.ch", first_name="Anne", sealed_token="gAAA", expires_at=LATER
    ),
    ident.InvitationIssued: ident.InvitationIssued(
        **ACCOUNT,
        email="a@ex.ch",
        first_name="Anne",
        company_name="Atelier",
        sealed_token="gAAA",
        expires_at=LATER,
    ),
    ident.PasswordChanged: ident.PasswordChanged(
        **ACCOUNT, email="a@ex.ch", first_name="Anne", reason="reset"
    ),
    org.RegistrationSubmitted: org.RegistrationSubmitted(**INSTITUTION, manager=MANAGER),
    org.RegistrationApproved: org.RegistrationApproved(**INSTITUTION, manager=MANAGER),
    org.RegistrationRefused: org.RegistrationRefused(
        **INSTITUTION, manager=MANAGER, reason="GLN inconnu"
    ),
    org.MemberInvited: org.MemberInvited(
        **MEMBER,
        role="collaborator",
        first_name="Luc",
        last_name="Favre",
        email="luc@ex.ch",
        language="fr",
    ),
    org.MemberRoleChanged: org.MemberRoleChanged(**MEMBER, role="manager"),
    org.MemberDetailsChanged: org.MemberDetailsChanged(
        **MEMBER, first_name="Luc", last_name="Favre", mobile="+41791234567"
    ),
    org.MemberRemoved: org.MemberRemoved(**MEMBER),
    ben.BeneficiaryRegistered: ben.BeneficiaryRegistered(**BENEFICIARY),
    ben.BeneficiaryUpdated: ben.BeneficiaryUpdated(**BENEFICIARY, version=2),
    ben.BeneficiaryRemoved: ben.BeneficiaryRemoved(**BENEFICIARY, archived=True),
    docs.FileUploaded: docs.FileUploaded(
        file_id=uuid4(),
        company_id=uuid4(),
        uploaded_by="anne",
        purpose="power_of_attorney",
        media_type="application/pdf",
        size=1234,
        sha256="ab" * 32,
        filename="procuration.pdf",
    ),
    docs.FileDeleted: docs.FileDeleted(file_id=uuid4(), company_id=uuid4(), deleted_by="anne"),
    inv.InvoiceSubmitted: inv.InvoiceSubmitted(
        **INVOICE,
        beneficiary_id=uuid4(),
        decision_number="32320251000896",
        save_decision=True,
        total="2083.20",
        printable=PRINTABLE,
    ),
    inv.InvoiceAccepted: inv.InvoiceAccepted(**INVOICE, decided_at=LATER),
    inv.InvoiceCorrectionRequested: inv.InvoiceCorrectionRequested(
        **INVOICE, decided_at=LATER, message="Joindre la facture du fournisseur."
    ),
    inv.InvoiceRefused: inv.InvoiceRefused(**INVOICE, decided_at=LATER, reason="Pas de décision."),
}


def subscriptions() -> list[tuple[str, type[IntegrationEvent]]]:
    found = []
    for service in SERVICES:
        bootstrap: Any = __import__(f"{service}.bootstrap", fromlist=["subscriptions"])
        # Subscriptions only name handlers; building them touches no runtime resource.
        for subscription in bootstrap.subscriptions(cast(Runtime, None)):
            found.extend((service, event_class) for event_class in subscription.handlers)
    return found


def test_every_registered_event_has_an_example() -> None:
    assert set(registry.all()) == set(EXAMPLES)


@pytest.mark.parametrize("event_class", registry.all(), ids=lambda c: f"{c.TYPE}.v{c.VERSION}")
def test_event_survives_the_envelope(event_class: type[IntegrationEvent]) -> None:
    example = EXAMPLES[event_class]
    assert event_class.TOPIC.split(".", 1)[0] in SERVICES
    assert example.schema_version == event_class.VERSION
    envelope = Envelope.wrap(example, key="k", correlation_id=None)
    received = Envelope.from_kafka(
        topic=envelope.topic, key=b"k", value=envelope.payload, headers=envelope.headers()
    )
    assert parse_event(received) == example


@pytest.mark.parametrize(("consumer", "event_class"), subscriptions())
def test_consumed_events_come_from_another_registered_producer(
    consumer: str, event_class: type[IntegrationEvent]
) -> None:
    assert registry.lookup(event_class.TYPE, event_class.VERSION) is event_class
    producer = event_class.TOPIC.split(".", 1)[0]
    assert producer != consumer, "a service does not consume its own integration events"
