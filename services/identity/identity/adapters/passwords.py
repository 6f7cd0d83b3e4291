"""argon2id password hashes, computed off the event loop, at most a few at a time."""

import asyncio
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from identity.domain.password_policy import normalise_password


class Argon2Hasher:
    """Parameters come from settings (see ``IdentitySettings.argon2_*`` for the measured choice).

    Each hash takes ``memory_kib`` of RAM and one core for its duration: the semaphore keeps a
    burst of logins from exhausting either; the others queue for a few milliseconds.
    """

    def __init__(
        self, *, time_cost: int, memory_kib: int, parallelism: int, concurrency: int
    ) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=parallelism,
            type=Type.ID,
        )
        self._slots = asyncio.Semaphore(concurrency)
        # Verified when there is no account (or no password yet), so that an unknown e-mail
        # costs the same time as a known one.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(24))

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._hasher.hash, normalise_password(password))

    async def verify(self, password_hash: str | None, password: str) -> bool:
        candidate = normalise_password(password)
        async with self._slots:
            return await asyncio.to_thread(self._verify, password_hash, candidate)

    def _verify(self, password_hash: str | None, password: str) -> bool:
        try:
            if password_hash is None:
                self._hasher.verify(self._dummy_hash, password)
                return False
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)
