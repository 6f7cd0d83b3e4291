"""Fakes and factories for organisation's unit tests: no database, no network."""

from collections.abc import Callable
from dataclasses import replace
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import pytest

from contracts import IntegrationEvent
from kernel.i18n import Language
from organisation.application.ports import (
    AccountFieldError,
    AccountRefused,
    AccountsUnavailable,
    GlnAlreadyRegistered,
    Invitation,
    NewAccount,
)
from organisation.domain.registration import Registration, RegistrationStatus
from organisation.domain.registration_form import CompanyForm, ManagerForm, RegistrationForm

VALID_GLN = "7601001234567"


def make_form(company: dict[str, Any] | None = None, **overrides: Any) -> RegistrationForm:
    manager = overrides.pop("manager", {})
    form = RegistrationForm(
        account_type="institution",
        company=CompanyForm(
            name="Atelier Rhône SA",
            gln=VALID_GLN,
            uid="CHE-116.281.710",
            street="Av. de la Gare 15",
            postcode="1950",
            locality="Sion",
            phone="027 324 96 11",
        ),
        manager=ManagerForm(
            first_name="Anne",
            last_name="Rey",
            email="anne.rey@example.ch",
            password="un mot de passe assez long",
            mobile="079 123 45 67",
            language="fr",
        ),
        terms_accepted=True,
    )
    return replace(
        form,
        company=replace(form.company, **(company or {})),
        manager=replace(form.manager, **manager),
        **overrides,
    )


class FakeRegistrations:
    def __init__(self) -> None:
        self.rows: dict[UUID, Registration] = {}
        # Set to simulate another request taking the GLN between the check and the insert.
        self.race_on_add = False
        # Set to simulate another reviewer deciding between the read and the write.
        self.stale_on_save = False

    async def gln_in_use(self, gln: str) -> bool:
        return any(
            r.company.gln == gln and r.status is not RegistrationStatus.REFUSED
            for r in self.rows.values()
        )

    async def add(self, registration: Registration) -> None:
        if self.race_on_add or await self.gln_in_use(registration.company.gln):
            raise GlnAlreadyRegistered(registration.company.gln)
        self.rows[registration.institution_id] = replace(registration)

    async def get(self, institution_id: UUID) -> Registration | None:
        found = self.rows.get(institution_id)
        return replace(found) if found else None

    async def save_decision(self, registration: Registration) -> bool:
        stored = self.rows[registration.institution_id]
        if self.stale_on_save or stored.version != registration.version - 1:
            return False
        self.rows[registration.institution_id] = replace(registration)
        return True


class FakeUnitOfWork:
    """Keeps what was committed; an exit without commit forgets the pending changes."""

    def __init__(self) -> None:
        self.registrations = FakeRegistrations()
        self.committed: list[IntegrationEvent] = []
        self._pending: list[IntegrationEvent] = []
        self._snapshot: dict[UUID, Registration] = {}

    async def __aenter__(self) -> Self:
        self._pending = []
        self._snapshot = dict(self.registrations.rows)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.registrations.rows = self._snapshot
        self._pending = []

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        self.committed.extend(self._pending)
        self._pending = []
        self._snapshot = dict(self.registrations.rows)


class FakeIdentity:
    def __init__(self) -> None:
        self.accounts: list[NewAccount] = []
        self.invitations: list[Invitation] = []
        self.languages: list[Language] = []
        self.refusal: list[AccountFieldError] | None = None
        self.unavailable = False

    async def create_account(self, account: NewAccount, *, language: Language) -> None:
        self.languages.append(language)
        if self.unavailable:
            raise AccountsUnavailable("connection refused")
        if self.refusal is not None:
            raise AccountRefused(self.refusal)
        self.accounts.append(account)

    async def invite(self, invitation: Invitation, *, language: Language) -> None:
        if self.unavailable:
            raise AccountsUnavailable("connection refused")
        if self.refusal is not None:
            raise AccountRefused(self.refusal)
        self.invitations.append(invitation)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def identity() -> FakeIdentity:
    return FakeIdentity()


@pytest.fixture
def form() -> Callable[..., RegistrationForm]:
    return make_form
