"""A login attempt after a correct password: the 6-digit SMS code, its resends and its end.

A code is valid 5 minutes and once; 5 wrong codes void the attempt. A new code may be asked
60 seconds after the last send, at most 5 sends per attempt and 10 per hour per account.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from identity.domain.secret_digest import same_digest

CODE_LIFETIME = timedelta(minutes=5)
RESEND_DELAY = timedelta(seconds=60)
MAX_SENDS_PER_CHALLENGE = 5
MAX_SENDS_PER_HOUR = 10
SEND_WINDOW = timedelta(hours=1)
MAX_WRONG_CODES = 5


class ChallengeStatus(StrEnum):
    OPEN = "open"
    USED = "used"
    VOID = "void"


class SendLimit(StrEnum):
    TOO_SOON = "resend_too_soon"
    LIMIT = "resend_limit"


class SendRefused(Exception):
    """No code may be sent now; ``retry_after`` seconds (None: never for this attempt)."""

    def __init__(self, reason: SendLimit, retry_after: int | None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.retry_after = retry_after


class CodeOutcome(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    VOID = "void"


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def check_hourly_sends(recent_sends: Sequence[datetime], now: datetime) -> None:
    """Refuse a send when the account already received 10 codes in the last hour."""
    in_window = sorted(t for t in recent_sends if now - t < SEND_WINDOW)
    if len(in_window) >= MAX_SENDS_PER_HOUR:
        oldest_that_counts = in_window[len(in_window) - MAX_SENDS_PER_HOUR]
        raise SendRefused(SendLimit.LIMIT, _seconds(oldest_that_counts + SEND_WINDOW - now))


@dataclass(frozen=True)
class LoginChallenge:
    id: UUID
    account_id: UUID
    code_digest: str
    created_at: datetime
    sent_at: datetime
    expires_at: datetime
    sends: int = 1
    wrong_codes: int = 0
    status: ChallengeStatus = ChallengeStatus.OPEN

    @classmethod
    def start(
        cls,
        *,
        challenge_id: UUID,
        account_id: UUID,
        code_digest: str,
        recent_sends: Sequence[datetime],
        now: datetime,
    ) -> "LoginChallenge":
        check_hourly_sends(recent_sends, now)
        return cls(
            id=challenge_id,
            account_id=account_id,
            code_digest=code_digest,
            created_at=now,
            sent_at=now,
            expires_at=now + CODE_LIFETIME,
        )

    @property
    def resend_available_at(self) -> datetime:
        return self.sent_at + RESEND_DELAY

    @property
    def attempts_left(self) -> int:
        return max(0, MAX_WRONG_CODES - self.wrong_codes)

    def is_open(self, now: datetime) -> bool:
        return self.status == ChallengeStatus.OPEN and now < self.expires_at

    def check_code(self, digest: str, now: datetime) -> tuple[CodeOutcome, "LoginChallenge"]:
        """Compare a typed code's digest; the returned challenge is the one to save."""
        if not self.is_open(now):
            return CodeOutcome.VOID, self
        if same_digest(digest, self.code_digest):
            return CodeOutcome.ACCEPTED, replace(self, status=ChallengeStatus.USED)
        wrong = self.wrong_codes + 1
        if wrong >= MAX_WRONG_CODES:
            return CodeOutcome.VOID, replace(self, wrong_codes=wrong, status=ChallengeStatus.VOID)
        return CodeOutcome.WRONG, replace(self, wrong_codes=wrong)

    def resend(
        self, *, code_digest: str, recent_sends: Sequence[datetime], now: datetime
    ) -> "LoginChallenge":
        """A new code replaces the previous one (which stops working) for another 5 minutes.

        Raises SendRefused; the caller checks ``is_open`` first.
        """
        if now < self.resend_available_at:
            raise SendRefused(SendLimit.TOO_SOON, _seconds(self.resend_available_at - now))
        if self.sends >= MAX_SENDS_PER_CHALLENGE:
            raise SendRefused(SendLimit.LIMIT, None)
        check_hourly_sends(recent_sends, now)
        return replace(
            self,
            code_digest=code_digest,
            sent_at=now,
            expires_at=now + CODE_LIFETIME,
            sends=self.sends + 1,
        )
