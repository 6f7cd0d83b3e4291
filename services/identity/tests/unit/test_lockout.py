"""Five failed passwords within 15 minutes lock the e-mail for 15 minutes."""

from datetime import UTC, datetime, timedelta

from identity.domain.lockout import LoginThrottle, throttle_key

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def fail(throttle: LoginThrottle, *minutes: float) -> LoginThrottle:
    for minute in minutes:
        throttle = throttle.after_failure(T0 + timedelta(minutes=minute))
    return throttle


def test_four_failures_do_not_lock() -> None:
    throttle = fail(LoginThrottle("k"), 0, 1, 2, 3)
    assert not throttle.is_locked(T0 + timedelta(minutes=3))


def test_fifth_failure_within_fifteen_minutes_locks_for_fifteen_minutes() -> None:
    throttle = fail(LoginThrottle("k"), 0, 1, 2, 3, 14)
    at_lock = T0 + timedelta(minutes=14)
    assert throttle.is_locked(at_lock)
    assert throttle.retry_after(at_lock) == 15 * 60
    assert throttle.is_locked(at_lock + timedelta(minutes=14, seconds=59))
    assert not throttle.is_locked(at_lock + timedelta(minutes=15))
    assert throttle.retry_after(at_lock + timedelta(minutes=15)) == 0


def test_failures_older_than_the_window_do_not_count() -> None:
    throttle = fail(LoginThrottle("k"), 0, 1, 2, 3, 15.5)
    assert not throttle.is_locked(T0 + timedelta(minutes=15.5))
    assert len(throttle.failures) == 4


def test_after_the_lock_the_count_starts_again() -> None:
    throttle = fail(LoginThrottle("k"), 0, 1, 2, 3, 4)
    throttle = fail(throttle, 20, 21, 22, 23)
    assert not throttle.is_locked(T0 + timedelta(minutes=23))


def test_success_clears_failures() -> None:
    throttle = fail(LoginThrottle("k"), 0, 1, 2, 3).after_success()
    assert not fail(throttle, 4).is_locked(T0 + timedelta(minutes=4))


def test_key_does_not_keep_the_address_and_ignores_nothing_else() -> None:
    assert throttle_key("a@ex.ch") != "a@ex.ch"
    assert len(throttle_key("a@ex.ch")) == 64
    assert throttle_key("a@ex.ch") != throttle_key("b@ex.ch")
