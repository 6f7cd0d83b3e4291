"""What invoicing's use cases need from outside: the directory (identity, organisation,
beneficiary and documents, read with the caller's token), the invoice store, idempotency keys
and the audit log; and the plain records they exchange."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Literal, Protocol, Self
from uuid import UUID

from contracts import IntegrationEvent
from invoicing.domain.forms import MONTHLY_FORMS, Period
from invoicing.domain.lifecycle import Lifecycle, Status
from kernel.i18n import Language

SubmitterLanguage = Literal["fr", "de", "it"]


@dataclass(frozen=True)
class Caller:
    """An institution's user: their account, institution, access token (forwarded to the
    directory, so that every owner applies its own company scope) and answer language."""

    account_id: UUID
    institution_id: UUID
    token: str
    language: Language


# --- What the directory answers -------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    account_id: UUID
    email: str
    first_name: str
    last_name: str
    language: SubmitterLanguage

    @property
    def short_name(self) -> str:
        """As the counter names people: "Jean D."."""
        initial = self.last_name.strip()[:1]
        return f"{self.first_name.strip()} {initial}." if initial else self.first_name.strip()


@dataclass(frozen=True)
class InstitutionFacts:
    name: str
    gln: str


@dataclass(frozen=True)
class BankFacts:
    iban: str
    holder: str


@dataclass(frozen=True)
class BeneficiaryFacts:
    id: UUID
    first_name: str
    last_name: str
    avs: str  # 13 digits
    birth_date: date
    address: tuple[str, ...]
    bank: BankFacts | None


@dataclass(frozen=True)
class FileFacts:
    id: UUID
    filename: str
    purpose: str


@dataclass(frozen=True)
class Lookup:
    """What one sending reads besides the caller and the institution."""

    beneficiary_id: UUID | None
    bank_account_id: UUID | None
    file_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class Sources:
    """The directory's answers; ``None`` where the owner answered "not found" (which is also
    its answer for another institution's object)."""

    submitter: Person
    institution: InstitutionFacts
    beneficiary: BeneficiaryFacts | None
    bank_account: BankFacts | None
    files: tuple[FileFacts | None, ...]


class DirectoryUnavailable(Exception):
    """An owner could not be reached or answered with an error: try again later."""


class SessionEnded(Exception):
    """Identity refused the caller's token (the session was ended meanwhile)."""


class Directory(Protocol):
    async def read(self, token: str, lookup: Lookup) -> Sources: ...


# --- Invoices ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BeneficiaryName:
    id: UUID
    first_name: str
    last_name: str
    avs: str  # 13 digits


@dataclass(frozen=True)
class SubmitterRef:
    account_id: UUID
    name: str  # "Jean D."


@dataclass(frozen=True)
class VersionInfo:
    version: int
    submitted_at: datetime


@dataclass(frozen=True)
class Invoice:
    """An invoice and its current version (``document``: what that version holds, as stored)."""

    id: UUID
    institution_id: UUID
    reference: str
    form: str
    lifecycle: Lifecycle
    beneficiary: BeneficiaryName
    bank_account_id: UUID | None
    decision_number: str
    invoice_date: date
    period: Period | None
    total: Decimal
    submitted_by: SubmitterRef
    submitted_at: datetime
    updated_at: datetime
    document: dict[str, Any]
    versions: tuple[VersionInfo, ...] = ()

    @property
    def monthly(self) -> bool:
        return self.form in MONTHLY_FORMS


@dataclass(frozen=True)
class VersionDocument:
    version: int
    submitted_at: datetime
    document: dict[str, Any]


@dataclass(frozen=True)
class InvoiceDetail:
    """An invoice with every version (the office's view)."""

    invoice: Invoice
    versions: list[VersionDocument]


@dataclass(frozen=True)
class Row:
    """One line of the counter's lists."""

    id: UUID
    reference: str
    form: str
    status: Status
    beneficiary: BeneficiaryName
    submitted_by: SubmitterRef
    invoice_date: date
    period: Period | None
    submitted_at: datetime
    updated_at: datetime
    version: int
    institution_id: UUID


@dataclass(frozen=True)
class Filters:
    """``name``: folded prefix of the last or first name (or of "last first"); ``avs``: a
    prefix of the AVS digits."""

    submitted_by: UUID | None = None
    status: Status | None = None
    name: str | None = None
    avs: str | None = None


@dataclass(frozen=True)
class QueueFilters:
    status: Status | None = None
    form: str | None = None
    institution_id: UUID | None = None


@dataclass(frozen=True)
class After:
    """Keyset position: the sort time and id of the previous page's last row."""

    at: datetime
    id: UUID


class MonthTaken(Exception):
    """Another invoice (not refused) already covers this decision number and month."""


class Invoices(Protocol):
    async def next_reference_number(self) -> int: ...

    async def month_taken(
        self, institution_id: UUID, decision_number: str, month: date, *, other_than: UUID | None
    ) -> bool: ...

    async def add(self, invoice: Invoice) -> None:
        """Raises ``MonthTaken`` when a concurrent request took the month."""

    async def get(self, invoice_id: UUID, *, institution_id: UUID | None) -> Invoice | None:
        """The invoice (scoped to ``institution_id`` when given)."""

    async def save(self, invoice: Invoice, *, previous_revision: int) -> bool:
        """Store a change made on ``previous_revision``; False when someone changed it since.
        Raises ``MonthTaken`` like ``add``."""

    async def version_documents(self, invoice_id: UUID) -> list[VersionDocument]: ...

    async def search(
        self,
        institution_id: UUID,
        view: Literal["history", "to_correct"],
        filters: Filters,
        *,
        after: After | None,
        limit: int,
    ) -> list[Row]: ...

    async def queue(self, filters: QueueFilters, *, after: After | None, limit: int) -> list[Row]:
        """Oldest change first (the office's queue)."""

    async def remember_submitter(
        self, institution_id: UUID, submitter: SubmitterRef, at: datetime
    ) -> None: ...

    async def submitters(self, institution_id: UUID) -> list[SubmitterRef]: ...


@dataclass(frozen=True)
class KeyUse:
    """An Idempotency-Key as the first request used it."""

    request_hash: str
    invoice_id: UUID


class IdempotencyKeys(Protocol):
    async def find(self, institution_id: UUID, key: str, *, since: datetime) -> KeyUse | None: ...

    async def claim(
        self, institution_id: UUID, key: str, use: KeyUse, *, at: datetime, since: datetime
    ) -> KeyUse | None:
        """Record the key for this request; returns the earlier use instead when the key was
        used since ``since`` (waiting for a concurrent request holding it to finish)."""


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    subject: str
    institution_id: UUID
    action: str
    invoice_id: UUID | None
    correlation_id: str | None
    detail: str | None = None


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def record_read(self, entry: AuditEntry) -> None:
        """Record a read; its transaction's commit does not wait for the disk (a read
        changes nothing else, and the counter's lists must stay fast)."""

    async def entries(
        self, institution_id: UUID, invoice_id: UUID | None, *, limit: int
    ) -> list[AuditEntry]: ...


class InvoicingUnitOfWork(Protocol):
    @property
    def invoices(self) -> Invoices: ...

    @property
    def keys(self) -> IdempotencyKeys: ...

    @property
    def audit(self) -> AuditLog: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def emit(self, event: IntegrationEvent, *, key: str) -> None: ...

    async def commit(self) -> None: ...


@dataclass(frozen=True)
class Page:
    items: Sequence[Row]
    next_cursor: str | None = field(default=None)
