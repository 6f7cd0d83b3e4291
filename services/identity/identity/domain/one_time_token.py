"""Single-use links sent by e-mail: password reset (60 minutes) and invitation (7 days).

A newer link of the same purpose voids the older ones.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID


class TokenPurpose(StrEnum):
    RESET = "reset"
    INVITATION = "invitation"


LIFETIMES = {
    TokenPurpose.RESET: timedelta(minutes=60),
    TokenPurpose.INVITATION: timedelta(days=7),
}
# A stranger typing someone's address must not flood their mailbox with reset links.
MAX_RESETS_PER_HOUR = 5
RESET_RATE_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class OneTimeToken:
    digest: str
    account_id: UUID
    purpose: TokenPurpose
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    voided_at: datetime | None = None

    @classmethod
    def issue(
        cls, *, digest: str, account_id: UUID, purpose: TokenPurpose, now: datetime
    ) -> "OneTimeToken":
        return cls(digest, account_id, purpose, now, now + LIFETIMES[purpose])

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and self.voided_at is None and now < self.expires_at

    def use(self, now: datetime) -> "OneTimeToken":
        return replace(self, used_at=now)


def may_send_reset(recent_resets: int) -> bool:
    return recent_resets < MAX_RESETS_PER_HOUR
