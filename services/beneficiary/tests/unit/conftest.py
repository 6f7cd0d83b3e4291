"""Fakes and factories for beneficiary's unit tests: no database, no network."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import pytest

from beneficiary.application.ports import After, AuditEntry, AvsAlreadyRegistered, Filters, Row
from beneficiary.domain.beneficiary import (
    AddressForm,
    BankForm,
    Beneficiary,
    BeneficiaryForm,
    DecisionForm,
)
from contracts import IntegrationEvent

VALID_AVS = "756.1234.5678.97"


def make_form(**overrides: Any) -> BeneficiaryForm:
    form = BeneficiaryForm(
        last_name="Müller",
        first_name="Élodie",
        birth_date=date(1980, 4, 12),
        address=AddressForm("Rue du Rhône 3", "1950", "Sion"),
        avs=VALID_AVS,
        decisions=(DecisionForm("323.2025.1000896", "Mesures professionnelles"),),
        bank=BankForm("CH93 0076 2011 6238 5295 7"),
    )
    return replace(form, **overrides)


class FakeBeneficiaries:
    def __init__(self) -> None:
        self.rows: dict[UUID, tuple[Beneficiary, str]] = {}
        self.race_on_add = False

    async def avs_in_use(self, company_id: UUID, avs: str, *, other_than: UUID | None) -> bool:
        return any(
            b.company_id == company_id
            and b.details.avs == avs
            and not b.archived
            and b.id != other_than
            for b, _ in self.rows.values()
        )

    async def add(self, beneficiary: Beneficiary, search_name: str) -> None:
        if self.race_on_add:
            raise AvsAlreadyRegistered(beneficiary.details.avs)
        self.rows[beneficiary.id] = (replace(beneficiary), search_name)

    async def get(self, company_id: UUID, beneficiary_id: UUID) -> Beneficiary | None:
        found = self.rows.get(beneficiary_id)
        if found is None or found[0].company_id != company_id:
            return None
        return replace(found[0])

    async def save(self, beneficiary: Beneficiary, search_name: str) -> bool:
        stored, _ = self.rows[beneficiary.id]
        if stored.version != beneficiary.version - 1:
            return False
        self.rows[beneficiary.id] = (replace(beneficiary), search_name)
        return True

    async def delete(self, beneficiary: Beneficiary) -> bool:
        stored, _ = self.rows[beneficiary.id]
        if stored.referenced or stored.version != beneficiary.version:
            return False
        del self.rows[beneficiary.id]
        return True

    async def mark_referenced(self, company_id: UUID, beneficiary_id: UUID) -> None:
        stored, search_name = self.rows[beneficiary_id]
        if stored.company_id == company_id:
            self.rows[beneficiary_id] = (replace(stored, referenced=True), search_name)

    async def search(
        self, company_id: UUID, filters: Filters, *, after: After | None, limit: int
    ) -> list[Row]:
        rows = sorted(
            (
                Row(
                    id=b.id,
                    last_name=b.details.last_name,
                    first_name=b.details.first_name,
                    avs=b.details.avs,
                    postcode=b.details.address.postcode,
                    locality=b.details.address.locality,
                    birth_date=b.details.birth_date,
                    has_power_of_attorney=b.details.power_of_attorney_document_id is not None,
                    search_name=name,
                )
                for b, name in self.rows.values()
                if b.company_id == company_id
                and not b.archived
                and (filters.name is None or filters.name in name)
                and (filters.avs is None or filters.avs in b.details.avs)
            ),
            key=lambda r: (r.search_name, str(r.id)),
        )
        if after is not None:
            rows = [
                r for r in rows if (r.search_name, str(r.id)) > (after.search_name, str(after.id))
            ]
        return rows[:limit]


class FakeAudit:
    def __init__(self) -> None:
        self.entries_: list[AuditEntry] = []

    async def record(self, entry: AuditEntry) -> None:
        self.entries_.append(entry)

    async def entries(
        self, company_id: UUID, beneficiary_id: UUID | None, *, limit: int
    ) -> list[AuditEntry]:
        return [
            e
            for e in reversed(self.entries_)
            if e.company_id == company_id
            and (beneficiary_id is None or e.beneficiary_id == beneficiary_id)
        ][:limit]


class FakeUnitOfWork:
    """Keeps what was committed; an exit without commit forgets the pending changes."""

    def __init__(self) -> None:
        self.beneficiaries = FakeBeneficiaries()
        self.audit = FakeAudit()
        self.committed: list[IntegrationEvent] = []
        self._pending: list[IntegrationEvent] = []
        self._snapshot: tuple[dict[UUID, tuple[Beneficiary, str]], list[AuditEntry]] = ({}, [])

    async def __aenter__(self) -> Self:
        self._pending = []
        self._snapshot = (dict(self.beneficiaries.rows), list(self.audit.entries_))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.beneficiaries.rows, self.audit.entries_ = self._snapshot
        self._pending = []

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        self.committed.extend(self._pending)
        self._pending = []
        self._snapshot = (dict(self.beneficiaries.rows), list(self.audit.entries_))


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def form() -> Callable[..., BeneficiaryForm]:
    return make_form
