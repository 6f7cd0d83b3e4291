"""Too many failed passwords: 5 failures within 15 minutes lock the e-mail for 15 minutes.

Counted per normalised e-mail, whether an account exists or not, so the answer never tells an
attacker which addresses are registered.
"""

import hashlib
import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)


def throttle_key(email_key: str) -> str:
    """Rows are keyed by a digest: addresses typed by strangers are not kept in clear."""
    return hashlib.sha256(email_key.encode()).hexdigest()


@dataclass(frozen=True)
class LoginThrottle:
    key: str
    failures: tuple[datetime, ...] = ()
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the lock ends (0 when not locked)."""
        if not self.is_locked(now) or self.locked_until is None:
            return 0
        return max(1, math.ceil((self.locked_until - now).total_seconds()))

    def after_failure(self, now: datetime) -> "LoginThrottle":
        recent = (*(t for t in self.failures if now - t < WINDOW), now)
        if len(recent) >= MAX_FAILURES:
            # The lock starts afresh: failures before it do not count after it.
            return replace(self, failures=(), locked_until=now + LOCK_DURATION)
        return replace(self, failures=recent)

    def after_success(self) -> "LoginThrottle":
        return replace(self, failures=(), locked_until=None)
