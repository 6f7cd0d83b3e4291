"""The login counters move when the use cases run (fakes, no stack)."""

from uuid import uuid4

import pytest
from prometheus_client import REGISTRY

from identity.application.create_account import CreateAccount, create_account
from identity.application.resend_login_code import ResendLoginCode, resend_login_code
from identity.application.verify_login_code import VerifyLoginCode, verify_login_code
from services.identity.tests.unit.test_login_handlers import EMAIL, PASSWORD, World


@pytest.fixture
def world() -> World:
    return World()


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


class Moves:
    """Counter values before a step, to compare with after."""

    def __init__(self, *samples: tuple[str, dict[str, str]]) -> None:
        self.samples = samples
        self.before = [value(name, **labels) for name, labels in samples]

    def deltas(self) -> list[float]:
        return [
            value(name, **labels) - before
            for (name, labels), before in zip(self.samples, self.before, strict=True)
        ]


STARTED = ("guichet_identity_logins_started_total", {})
SUCCEEDED = ("guichet_identity_logins_succeeded_total", {})
FIRST = ("guichet_identity_login_codes_issued_total", {"kind": "first"})
RESEND = ("guichet_identity_login_codes_issued_total", {"kind": "resend"})
LOCKOUTS = ("guichet_identity_lockouts_total", {})


def failed(step: str, reason: str) -> tuple[str, dict[str, str]]:
    return ("guichet_identity_logins_failed_total", {"step": step, "reason": reason})


async def test_started_code_issued_and_succeeded(world: World) -> None:
    await world.active_account()
    moves = Moves(STARTED, FIRST, SUCCEEDED)
    challenge_id = await world.login()
    assert moves.deltas() == [1, 1, 0]
    await verify_login_code(
        VerifyLoginCode(challenge_id, world.secrets.codes[-1]), world.uow, world.deps
    )
    assert moves.deltas() == [1, 1, 1]


async def test_wrong_code_and_void_challenge_count_as_failures(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    moves = Moves(failed("code", "invalid_code"), failed("code", "challenge_void"), SUCCEEDED)
    await world.problem(
        verify_login_code(VerifyLoginCode(challenge_id, "999999"), world.uow, world.deps)
    )
    assert moves.deltas() == [1, 0, 0]
    for _ in range(4):
        await world.problem(
            verify_login_code(VerifyLoginCode(challenge_id, "999999"), world.uow, world.deps)
        )
    assert moves.deltas() == [4, 1, 0]  # the fifth wrong code voids the attempt


async def test_resend_issues_a_code_or_counts_the_refusal(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    moves = Moves(RESEND, failed("resend", "resend_too_soon"))
    problem = await world.problem(
        resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    )
    assert moves.deltas() == [0, 1], problem.code
    world.clock.advance(seconds=60)
    await resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    assert moves.deltas() == [1, 1]


async def test_the_fifth_wrong_password_is_one_lockout(world: World) -> None:
    await world.active_account()
    moves = Moves(failed("password", "invalid_credentials"), failed("password", "locked"), LOCKOUTS)
    for _ in range(5):
        await world.problem(world.login(EMAIL, "wrong password!"))
    assert moves.deltas() == [4, 1, 1]
    await world.problem(world.login())  # still locked: a refusal, not a new lockout
    assert moves.deltas() == [4, 2, 1]


async def test_inactive_account_counts_its_status(world: World) -> None:
    moves = Moves(failed("password", "account_pending"), STARTED)
    await create_account(
        CreateAccount(uuid4(), "p@example.ch", PASSWORD, "+41791234567", "fr", "P", "Q"),
        world.uow,
        world.deps,
    )
    await world.problem(world.login("p@example.ch"))
    assert moves.deltas() == [1, 0]
