"""In-memory stand-ins for identity's ports: the unit tests' unit of work, clock, hasher and
randomness. Plain classes with the ports' methods, no mocks."""

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self
from uuid import UUID

from cryptography.fernet import Fernet
from pydantic import SecretStr

from contracts import IntegrationEvent
from identity.adapters.common_passwords import common_passwords
from identity.application.dependencies import Dependencies
from identity.domain.account import Account, AccountStatus
from identity.domain.challenge import LoginChallenge
from identity.domain.lockout import LoginThrottle
from identity.domain.one_time_token import OneTimeToken, TokenPurpose
from identity.domain.session import RefreshToken, RevokeReason, SessionFamily
from kernel.sealing import Sealer

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = T0) -> None:
        self.current = now

    async def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakeHasher:
    """Records what it was asked, so tests can prove the dummy verification happens."""

    def __init__(self) -> None:
        self.verified: list[str | None] = []

    async def hash(self, password: str) -> str:
        return "fake$" + hashlib.sha256(password.encode()).hexdigest()

    async def verify(self, password_hash: str | None, password: str) -> bool:
        self.verified.append(password_hash)
        return password_hash is not None and password_hash == await self.hash(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return False


class FakeSecrets:
    """Predictable codes and tokens; remembers the last ones handed out."""

    def __init__(self, prefix: str = "token") -> None:
        self.prefix = prefix
        self.codes: list[str] = []
        self.tokens: list[str] = []

    def login_code(self) -> str:
        self.codes.append(f"{len(self.codes) + 100001:06d}")
        return self.codes[-1]

    def url_token(self) -> str:
        self.tokens.append(f"{self.prefix}-{len(self.tokens) + 1}")
        return self.tokens[-1]


class FakeAccessTokens:
    lifetime_seconds = 900

    def issue(self, account: Account, session_id: UUID) -> str:
        return f"access:{account.id}:{session_id}"


class FakeAccounts:
    def __init__(self) -> None:
        self.rows: dict[UUID, Account] = {}

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        return self.rows.get(account_id)

    async def find_by_email(self, email_key: str, *, for_update: bool = False) -> Account | None:
        found = [a for a in self.rows.values() if a.email_key == email_key]
        found.sort(key=lambda a: (a.status == AccountStatus.REFUSED, -a.created_at.timestamp()))
        return found[0] if found else None

    async def email_taken(self, email_key: str) -> bool:
        return any(
            a.email_key == email_key and a.status != AccountStatus.REFUSED
            for a in self.rows.values()
        )

    async def add(self, account: Account) -> None:
        self.rows[account.id] = account

    async def update(self, account: Account) -> None:
        self.rows[account.id] = account


class FakeThrottles:
    def __init__(self) -> None:
        self.rows: dict[str, LoginThrottle] = {}

    async def lock(self, key: str) -> LoginThrottle:
        return self.rows.setdefault(key, LoginThrottle(key))

    async def save(self, throttle: LoginThrottle) -> None:
        self.rows[throttle.key] = throttle


class FakeChallenges:
    def __init__(self) -> None:
        self.rows: dict[UUID, LoginChallenge] = {}
        self.sends: list[tuple[UUID, datetime]] = []

    async def get(self, challenge_id: UUID, *, for_update: bool = False) -> LoginChallenge | None:
        return self.rows.get(challenge_id)

    async def add(self, challenge: LoginChallenge) -> None:
        self.rows[challenge.id] = challenge

    async def update(self, challenge: LoginChallenge) -> None:
        self.rows[challenge.id] = challenge

    async def sends_since(self, account_id: UUID, since: datetime) -> Sequence[datetime]:
        return [t for a, t in self.sends if a == account_id and t > since]

    async def record_send(self, challenge: LoginChallenge) -> None:
        self.sends.append((challenge.account_id, challenge.sent_at))


class FakeSessions:
    def __init__(self) -> None:
        self.families: dict[UUID, SessionFamily] = {}
        self.tokens: dict[str, RefreshToken] = {}

    async def add(self, family: SessionFamily, token: RefreshToken) -> None:
        self.families[family.id] = family
        self.tokens[token.digest] = token

    async def get_family(
        self, family_id: UUID, *, for_update: bool = False
    ) -> SessionFamily | None:
        return self.families.get(family_id)

    async def find_token(self, digest: str) -> RefreshToken | None:
        return self.tokens.get(digest)

    async def save_rotation(
        self, family: SessionFamily, spent: RefreshToken, issued: RefreshToken | None
    ) -> None:
        self.families[family.id] = family
        self.tokens[spent.digest] = spent
        if issued is not None:
            self.tokens[issued.digest] = issued

    async def revoke_all(self, account_id: UUID, reason: RevokeReason, now: datetime) -> int:
        count = 0
        for family_id, family in list(self.families.items()):
            if family.account_id == account_id and not family.is_revoked:
                self.families[family_id] = family.revoke(reason, now)
                count += 1
        return count


class FakeTokens:
    def __init__(self) -> None:
        self.rows: dict[str, OneTimeToken] = {}

    async def add(self, token: OneTimeToken) -> None:
        self.rows[token.digest] = token

    async def find(self, digest: str, *, for_update: bool = False) -> OneTimeToken | None:
        return self.rows.get(digest)

    async def update(self, token: OneTimeToken) -> None:
        self.rows[token.digest] = token

    async def void_open(self, account_id: UUID, purpose: TokenPurpose, now: datetime) -> None:
        for digest, token in list(self.rows.items()):
            if token.account_id == account_id and token.purpose == purpose and token.is_usable(now):
                self.rows[digest] = replace(token, voided_at=now)

    async def count_since(self, account_id: UUID, purpose: TokenPurpose, since: datetime) -> int:
        return sum(
            1
            for t in self.rows.values()
            if t.account_id == account_id and t.purpose == purpose and t.created_at > since
        )


class FakeUnitOfWork:
    """Shared state across units of work (like a database); ``committed`` holds the events
    of committed units only, as the outbox would."""

    def __init__(self) -> None:
        self.accounts = FakeAccounts()
        self.throttles = FakeThrottles()
        self.challenges = FakeChallenges()
        self.sessions = FakeSessions()
        self.tokens = FakeTokens()
        self.committed: list[IntegrationEvent] = []
        self._pending: list[IntegrationEvent] = []

    async def __aenter__(self) -> Self:
        self._pending = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Rollback of events only; the in-memory state is not transactional, so handlers are
        # expected to commit before raising whatever they persisted.
        self._pending = []

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        self.committed.extend(self._pending)
        self._pending = []

    def events(self, kind: type[IntegrationEvent]) -> list[IntegrationEvent]:
        return [e for e in self.committed if isinstance(e, kind)]


SEALING_KEY = SecretStr(Fernet.generate_key().decode())


def make_deps(
    clock: FakeClock | None = None,
    hasher: FakeHasher | None = None,
    secrets: FakeSecrets | None = None,
) -> Dependencies:
    return Dependencies(
        clock=clock or FakeClock(),
        hasher=hasher or FakeHasher(),
        secrets=secrets or FakeSecrets(),
        sealer=Sealer(SEALING_KEY),
        access_tokens=FakeAccessTokens(),
        code_key=b"unit-test-code-key",
        common_passwords=common_passwords(),
    )
