"""What the use cases need from the outside world; bootstrap picks real adapters, tests fakes."""

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from contracts import IntegrationEvent
from identity.domain.account import Account
from identity.domain.challenge import LoginChallenge
from identity.domain.lockout import LoginThrottle
from identity.domain.one_time_token import OneTimeToken, TokenPurpose
from identity.domain.session import RefreshToken, RevokeReason, SessionFamily


class Clock(Protocol):
    """Identity's notion of now (UTC). Local mode may shift it to test time-based rules."""

    async def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """False for a wrong password; with no hash, still spends the same time (dummy hash)."""
        ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class SecretSource(Protocol):
    """Randomness from a CSPRNG: login codes and URL-safe tokens."""

    def login_code(self) -> str: ...

    def url_token(self) -> str: ...


class Sealer(Protocol):
    def seal(self, secret: str) -> str: ...


class AccessTokens(Protocol):
    def issue(self, account: Account, session_id: UUID) -> str: ...

    @property
    def lifetime_seconds(self) -> int: ...


class Accounts(Protocol):
    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None: ...

    async def find_by_email(self, email_key: str, *, for_update: bool = False) -> Account | None:
        """The account holding this e-mail; a refused one only when no other holds it."""
        ...

    async def email_taken(self, email_key: str) -> bool: ...

    async def add(self, account: Account) -> None: ...

    async def update(self, account: Account) -> None: ...


class Throttles(Protocol):
    async def lock(self, key: str) -> LoginThrottle:
        """The throttle row for this key, created if missing and locked until commit."""
        ...

    async def save(self, throttle: LoginThrottle) -> None: ...


class Challenges(Protocol):
    async def get(
        self, challenge_id: UUID, *, for_update: bool = False
    ) -> LoginChallenge | None: ...

    async def add(self, challenge: LoginChallenge) -> None: ...

    async def update(self, challenge: LoginChallenge) -> None: ...

    async def sends_since(self, account_id: UUID, since: datetime) -> Sequence[datetime]: ...

    async def record_send(self, challenge: LoginChallenge) -> None: ...


class Sessions(Protocol):
    async def add(self, family: SessionFamily, token: RefreshToken) -> None: ...

    async def get_family(
        self, family_id: UUID, *, for_update: bool = False
    ) -> SessionFamily | None: ...

    async def find_token(self, digest: str) -> RefreshToken | None: ...

    async def save_rotation(
        self, family: SessionFamily, spent: RefreshToken, issued: RefreshToken | None
    ) -> None: ...

    async def revoke_all(self, account_id: UUID, reason: RevokeReason, now: datetime) -> int: ...


class OneTimeTokens(Protocol):
    async def add(self, token: OneTimeToken) -> None: ...

    async def find(self, digest: str, *, for_update: bool = False) -> OneTimeToken | None: ...

    async def update(self, token: OneTimeToken) -> None: ...

    async def void_open(self, account_id: UUID, purpose: TokenPurpose, now: datetime) -> None: ...

    async def count_since(
        self, account_id: UUID, purpose: TokenPurpose, since: datetime
    ) -> int: ...


class IdentityUnitOfWork(Protocol):
    """One transaction: the repositories below, the events emitted, committed together."""

    @property
    def accounts(self) -> Accounts: ...

    @property
    def throttles(self) -> Throttles: ...

    @property
    def challenges(self) -> Challenges: ...

    @property
    def sessions(self) -> Sessions: ...

    @property
    def tokens(self) -> OneTimeTokens: ...

    def emit(self, event: IntegrationEvent, *, key: str) -> None: ...

    async def commit(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
