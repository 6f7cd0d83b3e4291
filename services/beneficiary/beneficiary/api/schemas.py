"""What beneficiary's API reads and answers. Unknown fields are refused; lengths bound what a
request may carry; the rules (blank, formats, check digits) are the domain's, so that every
field's message is specific."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from beneficiary.application.ports import AuditEntry, Row
from beneficiary.domain import identifiers
from beneficiary.domain.beneficiary import (
    MAX_DECISIONS,
    AddressForm,
    BankForm,
    Beneficiary,
    BeneficiaryForm,
    DecisionForm,
    RepresentativeForm,
)

_EDGE = ConfigDict(extra="forbid")


class AddressIn(BaseModel):
    model_config = _EDGE

    street: Annotated[StrictStr, Field(max_length=200)]
    postcode: Annotated[StrictStr, Field(max_length=10)]
    locality: Annotated[StrictStr, Field(max_length=100)]

    def form(self) -> AddressForm:
        return AddressForm(self.street, self.postcode, self.locality)


class RepresentativeIn(BaseModel):
    model_config = _EDGE

    name: Annotated[StrictStr, Field(max_length=200)]
    address: AddressIn
    relationship: Annotated[StrictStr, Field(max_length=100)]


class DecisionIn(BaseModel):
    model_config = _EDGE

    number: Annotated[StrictStr, Field(max_length=40)]
    description: Annotated[StrictStr, Field(max_length=200)]


class BankIn(BaseModel):
    model_config = _EDGE

    iban: Annotated[StrictStr, Field(max_length=50)]
    holder: Annotated[StrictStr, Field(max_length=200)] | None = None
    reference: Annotated[StrictStr, Field(max_length=50)] | None = None


class BeneficiaryIn(BaseModel):
    model_config = _EDGE

    last_name: Annotated[StrictStr, Field(max_length=100)]
    first_name: Annotated[StrictStr, Field(max_length=100)]
    birth_date: date
    address: AddressIn
    avs: Annotated[StrictStr, Field(max_length=30)]
    representative: RepresentativeIn | None = None
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=MAX_DECISIONS)
    bank: BankIn | None = None
    power_of_attorney_document_id: UUID | None = None

    def form(self) -> BeneficiaryForm:
        r = self.representative
        return BeneficiaryForm(
            last_name=self.last_name,
            first_name=self.first_name,
            birth_date=self.birth_date,
            address=self.address.form(),
            avs=self.avs,
            representative=RepresentativeForm(r.name, r.address.form(), r.relationship)
            if r
            else None,
            decisions=tuple(DecisionForm(d.number, d.description) for d in self.decisions),
            bank=BankForm(self.bank.iban, self.bank.holder, self.bank.reference)
            if self.bank
            else None,
            power_of_attorney_document_id=self.power_of_attorney_document_id,
        )


class AddressOut(BaseModel):
    street: str
    postcode: str
    locality: str


class RepresentativeOut(BaseModel):
    name: str
    address: AddressOut
    relationship: str


class DecisionOut(BaseModel):
    number: str
    description: str


class BankOut(BaseModel):
    iban: str
    holder: str | None
    reference: str | None
    qr_iban: bool


class BeneficiaryOut(BaseModel):
    id: UUID
    last_name: str
    first_name: str
    birth_date: date
    address: AddressOut
    avs: str = Field(description="shown 756.xxxx.xxxx.xx")
    representative: RepresentativeOut | None
    decisions: list[DecisionOut]
    bank: BankOut | None
    power_of_attorney_document_id: UUID | None
    has_power_of_attorney: bool
    referenced: bool
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, b: Beneficiary) -> "BeneficiaryOut":
        d = b.details
        return cls(
            id=b.id,
            last_name=d.last_name,
            first_name=d.first_name,
            birth_date=d.birth_date,
            address=AddressOut.model_validate(d.address, from_attributes=True),
            avs=identifiers.avs_display(d.avs),
            representative=RepresentativeOut.model_validate(d.representative, from_attributes=True)
            if d.representative
            else None,
            decisions=[DecisionOut.model_validate(x, from_attributes=True) for x in d.decisions],
            bank=BankOut.model_validate(d.bank, from_attributes=True) if d.bank else None,
            power_of_attorney_document_id=d.power_of_attorney_document_id,
            has_power_of_attorney=d.power_of_attorney_document_id is not None,
            referenced=b.referenced,
            archived_at=b.archived_at,
            created_at=b.created_at,
            updated_at=b.updated_at,
            version=b.version,
        )


class BeneficiaryRowOut(BaseModel):
    id: UUID
    last_name: str
    first_name: str
    avs: str
    postcode: str
    locality: str
    birth_date: date
    has_power_of_attorney: bool

    @classmethod
    def of(cls, row: Row) -> "BeneficiaryRowOut":
        return cls(
            id=row.id,
            last_name=row.last_name,
            first_name=row.first_name,
            avs=identifiers.avs_display(row.avs),
            postcode=row.postcode,
            locality=row.locality,
            birth_date=row.birth_date,
            has_power_of_attorney=row.has_power_of_attorney,
        )


class BeneficiaryPageOut(BaseModel):
    items: list[BeneficiaryRowOut]
    next_cursor: str | None = Field(
        description="pass as ?cursor= for the next page; null at the end"
    )


class RemovedOut(BaseModel):
    id: UUID
    archived: bool


class AuditEntryOut(BaseModel):
    at: datetime
    subject: str
    company_id: UUID
    action: str
    beneficiary_id: UUID | None
    correlation_id: str | None
    detail: str | None

    @classmethod
    def of(cls, entry: AuditEntry) -> "AuditEntryOut":
        return cls.model_validate(entry, from_attributes=True)
