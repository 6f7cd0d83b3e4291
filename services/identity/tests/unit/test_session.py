"""Refresh tokens rotate; 30 minutes idle, 12 hours absolute; reuse revokes the family."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from identity.domain.session import RefreshOutcome, RevokeReason, SessionFamily, rotate

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def start() -> SessionFamily:
    return SessionFamily.start(family_id=uuid4(), account_id=uuid4(), now=T0)


def test_rotation_gives_a_new_token_with_a_fresh_idle_limit() -> None:
    family = start()
    first = family.first_token("d1")
    assert first.idle_expires_at == minutes(30)
    rotation = rotate(family, first, new_digest="d2", now=minutes(29))
    assert rotation.outcome is RefreshOutcome.ROTATED
    assert rotation.spent.rotated_at == minutes(29)
    assert rotation.issued is not None
    assert rotation.issued.idle_expires_at == minutes(59)


def test_idle_for_thirty_minutes_ends_the_session() -> None:
    family = start()
    assert rotate(family, family.first_token("d1"), new_digest="d2", now=minutes(30)).outcome is (
        RefreshOutcome.EXPIRED
    )


def test_twelve_hours_is_the_absolute_limit() -> None:
    family = start()
    token = family.first_token("d0")
    for step in range(1, 100):
        rotation = rotate(family, token, new_digest=f"d{step}", now=minutes(25 * step))
        if rotation.issued is None:
            break
        assert rotation.issued.idle_expires_at <= family.absolute_expires_at
        token = rotation.issued
    assert rotation.outcome is RefreshOutcome.EXPIRED
    assert minutes(25 * step) >= T0 + timedelta(hours=12)


def test_reusing_a_rotated_token_revokes_the_family() -> None:
    family = start()
    first = family.first_token("d1")
    rotation = rotate(family, first, new_digest="d2", now=minutes(1))
    reuse = rotate(family, rotation.spent, new_digest="d3", now=minutes(2))
    assert reuse.outcome is RefreshOutcome.REUSED
    assert reuse.family.revoked_reason is RevokeReason.REUSE
    assert reuse.issued is None
    assert rotation.issued is not None
    after = rotate(reuse.family, rotation.issued, new_digest="d4", now=minutes(3))
    assert after.outcome is RefreshOutcome.REVOKED


def test_revoking_twice_keeps_the_first_reason() -> None:
    family = start().revoke(RevokeReason.LOGOUT, minutes(1))
    assert family.revoke(RevokeReason.PASSWORD_CHANGED, minutes(2)).revoked_reason is (
        RevokeReason.LOGOUT
    )
