"""Events invoicing publishes about invoices (topic ``invoicing.invoice``, key = invoice id).

``InvoiceSubmitted`` carries the printable copy of the version that was sent (``printable``): the
documents service renders the PDF from it without knowing the ten forms, in the submitter's
language. Decision events carry the submitter, to whom notification writes.
"""

from datetime import date, datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from contracts.base import IntegrationEvent

Language = Literal["fr", "de", "it"]
Form = Literal[
    "318.635",
    "318.636",
    "318.637",
    "318.638",
    "318.639",
    "318.632.2",
    "300.001",
    "318.536",
    "318.632.1",
    "318.632",
]
Status = Literal["submitted", "correction_requested", "accepted", "refused"]
_MONEY = r"^-?[0-9]+\.[0-9]{2}$"


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Submitter(_Part):
    """The person who sent the version; e-mails about it go to them, in their language."""

    account_id: UUID
    first_name: str
    last_name: str
    email: EmailStr
    language: Language


class LabelledValue(_Part):
    """One labelled value of the copy (label already in the copy's language)."""

    label: str
    value: str


class Line(_Part):
    """One printed line: texts in the copy's language, amounts as ``"1234.50"`` (CHF)."""

    label: str
    details: str = ""
    quantity: str = ""
    unit_price: str = Field(default="", pattern=r"^$|" + _MONEY)
    amount: str = Field(pattern=_MONEY)


class InvoiceCopy(_Part):
    """Everything the PDF copy of one version shows, already in ``language``."""

    language: Language
    form: Form
    form_title: str
    reference: str
    institution_name: str
    institution_gln: str
    beneficiary_name: str
    beneficiary_avs: str
    beneficiary_address: list[str]
    decision_number: str
    decision_description: str = ""
    iban: str
    account_holder: str
    invoice_date: date
    invoice_number: str
    period: str = ""
    fields: list[LabelledValue] = Field(default_factory=list)
    lines: list[Line]
    total: str = Field(pattern=_MONEY)
    remark: str = ""
    attachments: list[str] = Field(default_factory=list)
    submitted_at: datetime


class _InvoiceEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "invoicing.invoice"

    invoice_id: UUID
    institution_id: UUID
    version: int = Field(ge=1)
    reference: str
    form: Form
    submitter: Submitter


class InvoiceSubmitted(_InvoiceEvent):
    """A version was sent (``version`` 1) or sent again after a correction (``version`` > 1).

    ``save_decision`` asks beneficiary to keep the decision number on the beneficiary;
    ``bank_account_id`` is the company account paid to, when it is one.
    """

    TYPE: ClassVar[str] = "invoicing.InvoiceSubmitted"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    beneficiary_id: UUID
    bank_account_id: UUID | None = None
    decision_number: str = Field(pattern=r"^[0-9]{14}$")
    decision_description: str = ""
    save_decision: bool = False
    total: str = Field(pattern=_MONEY)
    printable: InvoiceCopy


class _Decision(_InvoiceEvent):
    decided_at: datetime


class InvoiceAccepted(_Decision):
    """Payment follows through the Centrale de compensation in about ten days."""

    TYPE: ClassVar[str] = "invoicing.InvoiceAccepted"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1


class InvoiceCorrectionRequested(_Decision):
    TYPE: ClassVar[str] = "invoicing.InvoiceCorrectionRequested"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    message: str = Field(min_length=1, max_length=4000)


class InvoiceRefused(_Decision):
    TYPE: ClassVar[str] = "invoicing.InvoiceRefused"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    reason: str = Field(min_length=1, max_length=4000)
