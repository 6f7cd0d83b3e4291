"""Invoice events as invoicing publishes them (built from the contract models)."""

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from contracts import invoicing as inv

SENT_AT = datetime(2026, 11, 27, 12, 5, tzinfo=UTC)  # 13:05 in Zurich
DECIDED_AT = datetime(2026, 11, 30, 8, 30, tzinfo=UTC)  # 09:30 in Zurich


def printable(language: inv.Language = "fr", **changes: object) -> inv.InvoiceCopy:
    copy = inv.InvoiceCopy(
        language=language,
        form="318.632.2",
        form_title="Allocation pour impotent et supplément pour soins intenses (mineurs)",
        reference="F-2026-000042",
        institution_name="Fondation Les Érables",
        institution_gln="7601001234560",
        beneficiary_name="Müller Zoé",
        beneficiary_avs="756.1234.5678.97",
        beneficiary_address=["Rue du Lac 1", "1000 Lausanne"],
        decision_number="32320251000896",
        decision_description="API mineurs 2025",
        iban="CH93 0076 2011 6238 5295 7",
        account_holder="Fondation Les Érables",
        invoice_date=date(2025, 8, 5),
        invoice_number="A-17",
        period="01.07.2025 - 31.07.2025",
        fields=[inv.LabelledValue(label="Degré d'impotence", value="grave")],
        lines=[
            inv.Line(
                label="Nuits à domicile",
                details="juillet 2025",
                quantity="31",
                unit_price="67.20",
                amount="2083.20",
            ),
            inv.Line(
                label="Supplément pour soins intenses",
                quantity="31",
                unit_price="84.00",
                amount="2604.00",
            ),
        ],
        total="4687.20",
        remark="Séjour à l'hôpital <aucun> & rien d'autre",
        attachments=["decompte-juillet.pdf"],
        submitted_at=SENT_AT,
    )
    return copy.model_copy(update=changes)


def submitted(
    *,
    invoice_id: UUID | None = None,
    company_id: UUID | None = None,
    version: int = 1,
    language: inv.Language = "fr",
) -> inv.InvoiceSubmitted:
    return inv.InvoiceSubmitted(
        invoice_id=invoice_id or uuid4(),
        institution_id=company_id or uuid4(),
        version=version,
        reference="F-2026-000042",
        form="318.632.2",
        submitter=inv.Submitter(
            account_id=uuid4(),
            first_name="Jean",
            last_name="Dupont",
            email="j@ex.ch",
            language=language,
        ),
        beneficiary_id=uuid4(),
        decision_number="32320251000896",
        total="4687.20",
        printable=printable(language),
    )


def _decision_fields(event: inv.InvoiceSubmitted) -> dict[str, object]:
    return {
        "invoice_id": event.invoice_id,
        "institution_id": event.institution_id,
        "version": event.version,
        "reference": event.reference,
        "form": event.form,
        "submitter": event.submitter,
        "decided_at": DECIDED_AT,
    }


def accepted(event: inv.InvoiceSubmitted) -> inv.InvoiceAccepted:
    return inv.InvoiceAccepted(**_decision_fields(event))  # type: ignore[arg-type]


def correction_requested(
    event: inv.InvoiceSubmitted, message: str = "Joindre le décompte d'août."
) -> inv.InvoiceCorrectionRequested:
    return inv.InvoiceCorrectionRequested(**_decision_fields(event), message=message)  # type: ignore[arg-type]


def refused(event: inv.InvoiceSubmitted, reason: str = "Décision échue.") -> inv.InvoiceRefused:
    return inv.InvoiceRefused(**_decision_fields(event), reason=reason)  # type: ignore[arg-type]
