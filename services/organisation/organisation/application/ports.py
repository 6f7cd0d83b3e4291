"""What the use cases need from outside: identity's accounts and the store of registrations."""

from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from contracts import IntegrationEvent
from kernel.i18n import Language
from organisation.domain.bank_accounts import BankAccount
from organisation.domain.members import Member
from organisation.domain.registration import Registration, Role


@dataclass(frozen=True)
class NewAccount:
    """The manager's account as identity creates it (status pending until the office decides)."""

    account_id: UUID
    email: str
    password: str = field(repr=False)
    mobile: str
    language: Language
    first_name: str
    last_name: str


@dataclass(frozen=True)
class AccountFieldError:
    """One of identity's refusals; ``message`` is in the language the caller asked for."""

    field: str
    code: str
    message: str


class AccountRefused(Exception):
    """Identity refused the account (password policy, e-mail already used, ...)."""

    def __init__(self, errors: list[AccountFieldError]) -> None:
        self.errors = errors
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))


class AccountsUnavailable(Exception):
    """Identity could not be reached or did not answer usefully; nothing was decided."""


@dataclass(frozen=True)
class Invitation:
    """A new member's account, without password: identity e-mails them a link to choose one."""

    account_id: UUID
    email: str
    first_name: str
    last_name: str
    mobile: str
    language: Language
    company_id: UUID
    company_name: str
    role: Role


class IdentityAccounts(Protocol):
    async def create_account(self, account: NewAccount, *, language: Language) -> None:
        """Create the account, or confirm it exists (same id and e-mail: an idempotent retry).

        Raises ``AccountRefused`` or ``AccountsUnavailable``.
        """

    async def invite(self, invitation: Invitation, *, language: Language) -> None:
        """Create the invited account and send its link (again: a new link for the same id).

        Raises ``AccountRefused`` or ``AccountsUnavailable``.
        """


class GlnAlreadyRegistered(Exception):
    """Another active registration holds the GLN (found when the row is written)."""


class Registrations(Protocol):
    async def gln_in_use(self, gln: str) -> bool:
        """Whether a pending or approved institution holds this GLN (a refused one frees it)."""

    async def add(self, registration: Registration) -> None:
        """Store a new registration; raises ``GlnAlreadyRegistered`` when another won a race."""

    async def get(self, institution_id: UUID) -> Registration | None: ...

    async def save_decision(self, registration: Registration) -> bool:
        """Store the decision unless someone changed the registration since it was read."""


class RegistrationsUnitOfWork(Protocol):
    @property
    def registrations(self) -> Registrations: ...

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
class InstitutionProfile:
    id: UUID
    name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str


class IbanAlreadyUsed(Exception):
    """Another live account of the institution has this IBAN (found when the row is written)."""


class Members(Protocol):
    async def lock_institution(self, institution_id: UUID) -> bool:
        """Lock the (approved) institution for a roster change; False when there is none."""

    async def roster(self, institution_id: UUID) -> list[Member]: ...

    async def add(self, member: Member) -> None: ...

    async def update(self, member: Member) -> None: ...

    async def remove(self, member: Member) -> None: ...

    async def profile(self, institution_id: UUID) -> InstitutionProfile | None: ...


class BankAccounts(Protocol):
    async def live(self, institution_id: UUID) -> list[BankAccount]: ...

    async def get(
        self, institution_id: UUID, account_id: UUID, *, for_update: bool = False
    ) -> BankAccount | None: ...

    async def iban_in_use(
        self, institution_id: UUID, iban: str, *, other_than: UUID | None = None
    ) -> bool: ...

    async def add(self, account: BankAccount) -> None:
        """Raises ``IbanAlreadyUsed`` when another request won a race."""

    async def update(self, account: BankAccount) -> None: ...

    async def delete(self, account: BankAccount) -> None: ...

    async def mark_referenced(self, institution_id: UUID, account_id: UUID) -> bool:
        """False when the institution has no such account (archived ones included)."""


class OrganisationUnitOfWork(Protocol):
    @property
    def members(self) -> Members: ...

    @property
    def bank_accounts(self) -> BankAccounts: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def emit(self, event: IntegrationEvent, *, key: str) -> None: ...

    async def commit(self) -> None: ...
