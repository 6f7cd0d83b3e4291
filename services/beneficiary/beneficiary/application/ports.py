"""What the use cases need from outside: the store of beneficiaries and the audit log."""

from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from beneficiary.domain.beneficiary import Beneficiary
from contracts import IntegrationEvent


@dataclass(frozen=True)
class Actor:
    """The institution's user a request acts for (principal subject and company)."""

    subject: str
    company_id: UUID


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    subject: str
    company_id: UUID
    action: str
    beneficiary_id: UUID | None
    correlation_id: str | None
    detail: str | None = None


@dataclass(frozen=True)
class Filters:
    """``name``: folded substring of "last first"; ``avs``: digits, partial."""

    name: str | None = None
    avs: str | None = None


@dataclass(frozen=True)
class After:
    """Keyset position: the last row of the previous page."""

    search_name: str
    id: UUID


@dataclass(frozen=True)
class Row:
    """One line of the list."""

    id: UUID
    last_name: str
    first_name: str
    avs: str
    postcode: str
    locality: str
    birth_date: date
    has_power_of_attorney: bool
    search_name: str


class AvsAlreadyRegistered(Exception):
    """Another active beneficiary of the institution holds the AVS number."""


class Beneficiaries(Protocol):
    async def avs_in_use(self, company_id: UUID, avs: str, *, other_than: UUID | None) -> bool: ...

    async def add(self, beneficiary: Beneficiary, search_name: str) -> None:
        """Raises ``AvsAlreadyRegistered`` when another request won a race."""

    async def get(self, company_id: UUID, beneficiary_id: UUID) -> Beneficiary | None: ...

    async def save(self, beneficiary: Beneficiary, search_name: str) -> bool:
        """Store the change unless someone changed it since it was read (version)."""

    async def delete(self, beneficiary: Beneficiary) -> bool:
        """Erase it unless it changed or became referenced since it was read."""

    async def mark_referenced(self, company_id: UUID, beneficiary_id: UUID) -> None:
        """An invoice names it: from now on it is archived, never erased."""

    async def search(
        self, company_id: UUID, filters: Filters, *, after: After | None, limit: int
    ) -> list[Row]: ...


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def entries(
        self, company_id: UUID, beneficiary_id: UUID | None, *, limit: int
    ) -> list[AuditEntry]: ...


class BeneficiaryUnitOfWork(Protocol):
    @property
    def beneficiaries(self) -> Beneficiaries: ...

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
