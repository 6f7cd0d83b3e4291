"""The SMS code of a login attempt: 5 minutes, single use, 5 wrong codes, resend limits."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from identity.domain.challenge import (
    ChallengeStatus,
    CodeOutcome,
    LoginChallenge,
    SendLimit,
    SendRefused,
)
from identity.domain.secret_digest import code_digest

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
KEY = b"k" * 32


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def make_challenge(code: str = "123456", recent: list[datetime] | None = None) -> LoginChallenge:
    challenge_id = uuid4()
    return LoginChallenge.start(
        challenge_id=challenge_id,
        account_id=uuid4(),
        code_digest=code_digest(KEY, challenge_id, code),
        recent_sends=recent or [],
        now=T0,
    )


def digest(challenge: LoginChallenge, code: str) -> str:
    return code_digest(KEY, challenge.id, code)


def test_right_code_within_five_minutes_is_accepted_once() -> None:
    challenge = make_challenge()
    outcome, used = challenge.check_code(digest(challenge, "123456"), at(299))
    assert outcome is CodeOutcome.ACCEPTED
    assert used.status is ChallengeStatus.USED
    assert used.check_code(digest(used, "123456"), at(300))[0] is CodeOutcome.VOID


def test_code_expires_after_five_minutes() -> None:
    challenge = make_challenge()
    assert challenge.check_code(digest(challenge, "123456"), at(300))[0] is CodeOutcome.VOID


def test_code_is_bound_to_its_challenge() -> None:
    challenge = make_challenge()
    other_digest = code_digest(KEY, uuid4(), "123456")
    assert challenge.check_code(other_digest, at(1))[0] is CodeOutcome.WRONG


def test_fifth_wrong_code_voids_the_attempt() -> None:
    challenge = make_challenge()
    for expected_left in (4, 3, 2, 1):
        outcome, challenge = challenge.check_code(digest(challenge, "000000"), at(10))
        assert outcome is CodeOutcome.WRONG
        assert challenge.attempts_left == expected_left
    outcome, challenge = challenge.check_code(digest(challenge, "000000"), at(10))
    assert outcome is CodeOutcome.VOID
    assert challenge.status is ChallengeStatus.VOID
    # Even the right code is refused now.
    assert challenge.check_code(digest(challenge, "123456"), at(11))[0] is CodeOutcome.VOID


def test_resend_is_refused_before_sixty_seconds() -> None:
    challenge = make_challenge()
    with pytest.raises(SendRefused) as refused:
        challenge.resend(code_digest="x", recent_sends=[T0], now=at(59))
    assert refused.value.reason is SendLimit.TOO_SOON
    assert refused.value.retry_after == 1


def test_resend_replaces_the_code_and_restarts_its_five_minutes() -> None:
    challenge = make_challenge()
    resent = challenge.resend(
        code_digest=digest(challenge, "654321"), recent_sends=[T0], now=at(60)
    )
    assert resent.sends == 2
    assert resent.expires_at == at(360)
    assert resent.resend_available_at == at(120)
    assert resent.check_code(digest(resent, "123456"), at(61))[0] is CodeOutcome.WRONG
    assert resent.check_code(digest(resent, "654321"), at(359))[0] is CodeOutcome.ACCEPTED


def test_at_most_five_sends_per_attempt() -> None:
    challenge = make_challenge()
    sends = [T0]
    for n in range(1, 5):
        challenge = challenge.resend(code_digest="x", recent_sends=sends, now=at(60 * n))
        sends.append(at(60 * n))
    assert challenge.sends == 5
    with pytest.raises(SendRefused) as refused:
        challenge.resend(code_digest="x", recent_sends=sends, now=at(300))
    assert refused.value.reason is SendLimit.LIMIT
    assert refused.value.retry_after is None


def test_at_most_ten_sends_per_hour_per_account() -> None:
    earlier = [at(-3000 + 60 * n) for n in range(10)]  # ten sends in the last hour
    with pytest.raises(SendRefused) as refused:
        make_challenge(recent=earlier)
    assert refused.value.reason is SendLimit.LIMIT
    # The oldest of the ten leaves the window 600 s after T0.
    assert refused.value.retry_after == 600
    assert make_challenge(recent=[t - timedelta(minutes=11) for t in earlier]).sends == 1
