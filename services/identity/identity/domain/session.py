"""A login session: a family of rotating refresh tokens.

Each refresh token works once, within 30 minutes of its issue (idle limit), and never beyond
12 hours after the login (absolute limit). Presenting a token that was already rotated means
two parties hold it: the whole family is revoked.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)


class RevokeReason(StrEnum):
    LOGOUT = "logout"
    REUSE = "reuse"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 (a reason, not a secret)
    ROLE_CHANGED = "role_changed"
    MEMBER_REMOVED = "member_removed"


class RefreshOutcome(StrEnum):
    ROTATED = "rotated"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REUSED = "reused"


@dataclass(frozen=True)
class SessionFamily:
    id: UUID
    account_id: UUID
    created_at: datetime
    absolute_expires_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: RevokeReason | None = None

    @classmethod
    def start(cls, *, family_id: UUID, account_id: UUID, now: datetime) -> "SessionFamily":
        return cls(family_id, account_id, now, now + ABSOLUTE_LIMIT)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self, reason: RevokeReason, now: datetime) -> "SessionFamily":
        if self.is_revoked:
            return self
        return replace(self, revoked_at=now, revoked_reason=reason)

    def first_token(self, digest: str) -> "RefreshToken":
        return RefreshToken(
            digest=digest,
            family_id=self.id,
            issued_at=self.created_at,
            idle_expires_at=min(self.created_at + IDLE_LIMIT, self.absolute_expires_at),
        )


@dataclass(frozen=True)
class RefreshToken:
    digest: str
    family_id: UUID
    issued_at: datetime
    idle_expires_at: datetime
    rotated_at: datetime | None = None


@dataclass(frozen=True)
class Rotation:
    """What a refresh attempt changes: the outcome, the family, the old and the new token."""

    outcome: RefreshOutcome
    family: SessionFamily
    spent: RefreshToken
    issued: RefreshToken | None = None


def rotate(
    family: SessionFamily, token: RefreshToken, *, new_digest: str, now: datetime
) -> Rotation:
    if family.is_revoked:
        return Rotation(RefreshOutcome.REVOKED, family, token)
    if token.rotated_at is not None:
        return Rotation(RefreshOutcome.REUSED, family.revoke(RevokeReason.REUSE, now), token)
    if now >= token.idle_expires_at or now >= family.absolute_expires_at:
        return Rotation(RefreshOutcome.EXPIRED, family, token)
    issued = RefreshToken(
        digest=new_digest,
        family_id=family.id,
        issued_at=now,
        idle_expires_at=min(now + IDLE_LIMIT, family.absolute_expires_at),
    )
    return Rotation(RefreshOutcome.ROTATED, family, replace(token, rotated_at=now), issued)
