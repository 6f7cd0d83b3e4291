"""What invoicing's API reads and answers (docs/design/invoices.md). Unknown fields are
refused; lengths bound what a request may carry; the rules (required fields, formats,
tariffs, attachments) are the domain's, so that every field's message is specific. Texts of
the answers (summary, line labels, warnings) are in the caller's language."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from invoicing.application.ports import Invoice, Row, SubmitterRef, VersionDocument
from invoicing.application.snapshot import avs_display
from invoicing.domain.forms import AttachmentRef, Draft, Period, summary
from invoicing.domain.lifecycle import MESSAGE_MAX_LENGTH, HistoryEntry, Status
from kernel.i18n import Language

_EDGE = ConfigDict(extra="forbid")

OFFICE_NAME: dict[Language, str] = {"fr": "Office AI", "de": "IV-Stelle"}


class PayeeIn(BaseModel):
    model_config = _EDGE

    kind: Annotated[StrictStr, Field(max_length=20)] | None = None
    bank_account_id: UUID | None = None


class DecisionIn(BaseModel):
    model_config = _EDGE

    number: Annotated[StrictStr, Field(max_length=40)] | None = None
    description: Annotated[StrictStr, Field(max_length=400)] = ""
    save: bool = False


class AttachmentIn(BaseModel):
    model_config = _EDGE

    file_id: UUID
    kind: Annotated[StrictStr, Field(max_length=40)]


class _InvoiceFields(BaseModel):
    model_config = _EDGE

    beneficiary_id: UUID | None = None
    payee: PayeeIn | None = None
    decision: DecisionIn | None = None
    invoice_date: date | None = None
    invoice_number: Annotated[StrictStr, Field(max_length=100)] | None = None
    remark: Annotated[StrictStr, Field(max_length=4000)] = ""
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=50)
    content: dict[str, Any] = Field(default_factory=dict)

    def draft(self, form: str) -> Draft:
        payee = self.payee or PayeeIn()
        decision = self.decision or DecisionIn()
        return Draft(
            form=form,
            beneficiary_id=self.beneficiary_id,
            payee_kind=payee.kind,
            bank_account_id=payee.bank_account_id,
            decision_number=decision.number,
            decision_description=decision.description,
            invoice_date=self.invoice_date,
            invoice_number=self.invoice_number,
            remark=self.remark,
            attachments=tuple(AttachmentRef(a.file_id, a.kind) for a in self.attachments),
            content=self.content,
        )

    @property
    def save_decision(self) -> bool:
        return bool(self.decision and self.decision.save)


class InvoiceIn(_InvoiceFields):
    form: Annotated[StrictStr, Field(max_length=20, description="official form number")]


class CorrectionIn(_InvoiceFields):
    """The corrected invoice (its form cannot change) and the revision it was made on."""

    revision: int = Field(ge=1)


class BeneficiaryOut(BaseModel):
    id: UUID
    first_name: str
    last_name: str
    avs: str = Field(description="shown 756.xxxx.xxxx.xx")


class PayeeOut(BaseModel):
    kind: str
    bank_account_id: UUID | None
    iban: str
    holder: str


class DecisionOut(BaseModel):
    number: str
    description: str


class AttachmentOut(BaseModel):
    file_id: UUID
    kind: str
    filename: str


class LineOut(BaseModel):
    label: str
    details: str
    quantity: str
    unit_price: str
    amount: str


class WarningOut(BaseModel):
    code: str
    message: str


class PeriodOut(BaseModel):
    start: date
    end: date


class SubmitterOut(BaseModel):
    account_id: UUID
    name: str

    @classmethod
    def of(cls, submitter: SubmitterRef) -> "SubmitterOut":
        return cls(account_id=submitter.account_id, name=submitter.name)


class HistoryOut(BaseModel):
    at: datetime
    status: Status
    by: str
    message: str

    @classmethod
    def of(cls, entry: HistoryEntry, language: Language) -> "HistoryOut":
        by = OFFICE_NAME[language] if entry.by.kind == "office" else entry.by.name
        return cls(at=entry.at, status=entry.status, by=by, message=entry.message)


class VersionOut(BaseModel):
    version: int
    submitted_at: datetime


def _beneficiary(doc: dict[str, Any]) -> BeneficiaryOut:
    b = doc["beneficiary"]
    return BeneficiaryOut(
        id=b["id"], first_name=b["first_name"], last_name=b["last_name"], avs=avs_display(b["avs"])
    )


def _period(period: Period | None) -> PeriodOut | None:
    return PeriodOut(start=period.start, end=period.end) if period else None


def _lines(doc: dict[str, Any], language: Language) -> list[LineOut]:
    return [LineOut(**line) for line in doc["lines"][language]]


def _warnings(doc: dict[str, Any], language: Language) -> list[WarningOut]:
    return [WarningOut(code=w["code"], message=w["messages"][language]) for w in doc["warnings"]]


class _VersionContent(BaseModel):
    """What one version holds."""

    beneficiary: BeneficiaryOut
    payee: PayeeOut
    decision: DecisionOut
    invoice_date: date
    invoice_number: str
    remark: str
    attachments: list[AttachmentOut]
    content: dict[str, Any]
    lines: list[LineOut]
    total: str
    warnings: list[WarningOut]
    period: PeriodOut | None

    @staticmethod
    def fields_of(doc: dict[str, Any], language: Language) -> dict[str, Any]:
        period = doc["period"]
        return {
            "beneficiary": _beneficiary(doc),
            "payee": PayeeOut(**doc["payee"]),
            "decision": DecisionOut(
                number=doc["decision"]["number"], description=doc["decision"]["description"]
            ),
            "invoice_date": doc["invoice_date"],
            "invoice_number": doc["invoice_number"],
            "remark": doc["remark"],
            "attachments": [AttachmentOut(**a) for a in doc["attachments"]],
            "content": doc["content"],
            "lines": _lines(doc, language),
            "total": doc["total"],
            "warnings": _warnings(doc, language),
            "period": PeriodOut(**period) if period else None,
        }


class InvoiceOut(_VersionContent):
    id: UUID
    reference: str
    form: str
    status: Status
    version: int
    revision: int
    summary: str = Field(description='the counter\'s "Formulaire" text')
    submitted_by: SubmitterOut
    submitted_at: datetime
    updated_at: datetime
    history: list[HistoryOut]
    versions: list[VersionOut]
    correction_message: str = Field(
        description="the office's message of the last correction request or refusal"
    )

    @staticmethod
    def header_of(invoice: Invoice, language: Language) -> dict[str, Any]:
        state = invoice.lifecycle
        return {
            **_VersionContent.fields_of(invoice.document, language),
            "id": invoice.id,
            "reference": invoice.reference,
            "form": invoice.form,
            "status": state.status,
            "version": state.version,
            "revision": state.revision,
            "summary": summary(invoice.form, invoice.period, invoice.invoice_date, language),
            "submitted_by": SubmitterOut.of(invoice.submitted_by),
            "submitted_at": invoice.submitted_at,
            "updated_at": invoice.updated_at,
            "history": [HistoryOut.of(entry, language) for entry in state.history],
            "versions": [
                VersionOut(version=v.version, submitted_at=v.submitted_at) for v in invoice.versions
            ],
            "correction_message": state.last_message,
        }

    @classmethod
    def of(cls, invoice: Invoice, language: Language) -> "InvoiceOut":
        return cls(**cls.header_of(invoice, language))


class VersionSubmitterOut(BaseModel):
    account_id: UUID
    first_name: str
    last_name: str
    email: str
    language: str


class OfficeVersionOut(_VersionContent):
    version: int
    submitted_at: datetime
    submitter: VersionSubmitterOut

    @classmethod
    def of(cls, version: VersionDocument, language: Language) -> "OfficeVersionOut":
        return cls(
            **cls.fields_of(version.document, language),
            version=version.version,
            submitted_at=version.submitted_at,
            submitter=VersionSubmitterOut(**version.document["submitter"]),
        )


class InstitutionOut(BaseModel):
    name: str
    gln: str


class OfficeInvoiceOut(InvoiceOut):
    institution_id: UUID
    institution: InstitutionOut
    versions: list[OfficeVersionOut]  # type: ignore[assignment]

    @classmethod
    def of_versions(
        cls, invoice: Invoice, versions: list[VersionDocument], language: Language
    ) -> "OfficeInvoiceOut":
        return cls(
            **{
                **cls.header_of(invoice, language),
                "versions": [OfficeVersionOut.of(v, language) for v in versions],
            },
            institution_id=invoice.institution_id,
            institution=InstitutionOut(**invoice.document["institution"]),
        )


class RowOut(BaseModel):
    id: UUID
    reference: str
    form: str
    status: Status
    summary: str
    beneficiary: BeneficiaryOut
    submitted_by: SubmitterOut
    submitted_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def fields_of(row: Row, language: Language) -> dict[str, Any]:
        b = row.beneficiary
        return {
            "id": row.id,
            "reference": row.reference,
            "form": row.form,
            "status": row.status,
            "summary": summary(row.form, row.period, row.invoice_date, language),
            "beneficiary": BeneficiaryOut(
                id=b.id, first_name=b.first_name, last_name=b.last_name, avs=avs_display(b.avs)
            ),
            "submitted_by": SubmitterOut.of(row.submitted_by),
            "submitted_at": row.submitted_at,
            "updated_at": row.updated_at,
            "version": row.version,
        }

    @classmethod
    def of(cls, row: Row, language: Language) -> "RowOut":
        return cls(**cls.fields_of(row, language))


class PageOut(BaseModel):
    items: list[RowOut]
    next_cursor: str | None = Field(
        description="pass as ?cursor= for the next page; null at the end"
    )


class OfficeRowOut(RowOut):
    institution_id: UUID

    @classmethod
    def of(cls, row: Row, language: Language) -> "OfficeRowOut":
        return cls(**cls.fields_of(row, language), institution_id=row.institution_id)


class OfficePageOut(BaseModel):
    items: list[OfficeRowOut]
    next_cursor: str | None


class QuoteOut(BaseModel):
    lines: list[LineOut]
    total: str
    warnings: list[WarningOut]


class RevisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    revision: int = Field(ge=1)


class CorrectionRequestIn(RevisionIn):
    message: Annotated[StrictStr, Field(max_length=MESSAGE_MAX_LENGTH)]


class RefusalIn(RevisionIn):
    reason: Annotated[StrictStr, Field(max_length=MESSAGE_MAX_LENGTH)]


class AuditEntryOut(BaseModel):
    at: datetime
    subject: str
    institution_id: UUID
    action: str
    invoice_id: UUID | None
    correlation_id: str | None
    detail: str | None
