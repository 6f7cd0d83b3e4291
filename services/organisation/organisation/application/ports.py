"""What the use cases need from outside: identity's accounts and the store of registrations."""

from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from contracts import IntegrationEvent
from kernel.i18n import Language
from organisation.domain.registration import Registration


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


class IdentityAccounts(Protocol):
    async def create_account(self, account: NewAccount, *, language: Language) -> None:
        """Create the account, or confirm it exists (same id and e-mail: an idempotent retry).

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
