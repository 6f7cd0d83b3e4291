"""Login, code, resend, sessions and passwords through the use cases, with fakes."""

from uuid import UUID, uuid4

import pytest

from contracts.identity import LoginCodeIssued, PasswordChanged, PasswordResetRequested
from identity.application.change_password import ChangePassword, change_password
from identity.application.create_account import CreateAccount, create_account
from identity.application.dependencies import Dependencies
from identity.application.end_session import EndSession, end_session
from identity.application.errors import Problem
from identity.application.refresh_session import RefreshSession, refresh_session
from identity.application.request_password_reset import (
    RequestPasswordReset,
    request_password_reset,
)
from identity.application.resend_login_code import ResendLoginCode, resend_login_code
from identity.application.reset_password import ResetPassword, reset_password
from identity.application.start_login import StartLogin, start_login
from identity.application.verify_login_code import VerifyLoginCode, verify_login_code
from identity.domain.account import Account
from kernel.errors import RuleViolated
from services.identity.tests.fakes import (
    T0,
    FakeClock,
    FakeHasher,
    FakeSecrets,
    FakeUnitOfWork,
    make_deps,
)

EMAIL = "anne.rey@example.ch"
PASSWORD = "Un cheval vert sur la Planta"
NEW_PASSWORD = "Trois marmottes au Grand-Saint-Bernard"


class World:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.hasher = FakeHasher()
        self.secrets = FakeSecrets()
        self.uow = FakeUnitOfWork()
        self.deps: Dependencies = make_deps(self.clock, self.hasher, self.secrets)

    async def active_account(self, email: str = EMAIL) -> Account:
        created = await create_account(
            CreateAccount(uuid4(), email, PASSWORD, "+41791234567", "de", "Anne", "Rey"),
            self.uow,
            self.deps,
        )
        account = created.account.activate_as_manager(uuid4(), T0)
        await self.uow.accounts.update(account)
        return account

    async def login(self, email: str = EMAIL, password: str = PASSWORD) -> UUID:
        started = await start_login(StartLogin(email, password), self.uow, self.deps)
        return started.challenge.id

    async def problem(self, coroutine: object) -> Problem:
        with pytest.raises(Problem) as error:
            await coroutine  # type: ignore[misc]
        return error.value


@pytest.fixture
def world() -> World:
    return World()


async def test_login_sends_a_sealed_code_and_answers_a_mobile_hint(world: World) -> None:
    account = await world.active_account()
    started = await start_login(
        StartLogin("  Anne.Rey@EXAMPLE.ch", PASSWORD), world.uow, world.deps
    )
    assert started.mobile_hint == "+41 79 *** ** 67"
    (event,) = world.uow.events(LoginCodeIssued)
    assert isinstance(event, LoginCodeIssued)
    assert event.account_id == account.id
    assert event.language == "de"
    assert world.secrets.codes[-1] not in event.sealed_code
    assert world.deps.sealer.open(event.sealed_code) == world.secrets.codes[-1]  # type: ignore[attr-defined]
    assert event.expires_at == started.challenge.expires_at


async def test_unknown_email_costs_a_dummy_verification_and_answers_like_a_wrong_password(
    world: World,
) -> None:
    await world.active_account()
    unknown = await world.problem(world.login("nobody@example.ch"))
    wrong = await world.problem(world.login(EMAIL, "not the password at all"))
    assert (unknown.status, unknown.code, unknown.messages) == (
        wrong.status,
        wrong.code,
        wrong.messages,
    )
    assert world.hasher.verified[0] is None  # the unknown e-mail was checked against the dummy
    assert world.hasher.verified[1] is not None


async def test_five_failures_lock_for_fifteen_minutes_known_email_or_not(world: World) -> None:
    await world.active_account()
    for email in (EMAIL, "ghost@example.ch"):
        for _ in range(4):
            assert (await world.problem(world.login(email, "wrong password!"))).status == 401
        fifth = await world.problem(world.login(email, "wrong password!"))
        assert (fifth.status, fifth.code, fifth.retry_after) == (429, "locked", 900)
        assert fifth.messages
        assert fifth.messages["fr"].startswith("Trop de tentatives")
        # Locked: even the right password is refused, without checking it.
        checks = len(world.hasher.verified)
        assert (await world.problem(world.login(email, PASSWORD))).code == "locked"
        assert len(world.hasher.verified) == checks
    world.clock.advance(minutes=15)
    assert await world.login() is not None


async def test_pending_and_refused_are_said_only_after_a_right_password(world: World) -> None:
    created = await create_account(
        CreateAccount(uuid4(), "p@example.ch", PASSWORD, "+41791234567", "fr", "P", "Q"),
        world.uow,
        world.deps,
    )
    assert (await world.problem(world.login("p@example.ch", "wrong password!"))).status == 401
    assert (await world.problem(world.login("p@example.ch"))).code == "account_pending"
    await world.uow.accounts.update(created.account.refuse(T0))
    assert (await world.problem(world.login("p@example.ch"))).code == "account_refused"


async def test_right_code_opens_a_session_once(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    tokens = await verify_login_code(
        VerifyLoginCode(challenge_id, world.secrets.codes[-1]), world.uow, world.deps
    )
    assert tokens.access_token.startswith("access:")
    assert tokens.expires_in == 900
    again = await world.problem(
        verify_login_code(
            VerifyLoginCode(challenge_id, world.secrets.codes[-1]), world.uow, world.deps
        )
    )
    assert (again.status, again.code) == (410, "challenge_void")


async def test_five_wrong_codes_void_the_attempt(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    for left in (4, 3, 2, 1):
        wrong = await world.problem(
            verify_login_code(VerifyLoginCode(challenge_id, "999999"), world.uow, world.deps)
        )
        assert (wrong.status, wrong.code, wrong.extra["attempts_left"]) == (
            422,
            "invalid_code",
            left,
        )
    fifth = await world.problem(
        verify_login_code(VerifyLoginCode(challenge_id, "999999"), world.uow, world.deps)
    )
    assert fifth.status == 410
    right = await world.problem(
        verify_login_code(
            VerifyLoginCode(challenge_id, world.secrets.codes[-1]), world.uow, world.deps
        )
    )
    assert right.code == "challenge_void"


async def test_badly_typed_code_does_not_cost_an_attempt(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    with pytest.raises(RuleViolated):
        await verify_login_code(VerifyLoginCode(challenge_id, "12a456"), world.uow, world.deps)
    assert world.uow.challenges.rows[challenge_id].wrong_codes == 0
    code = world.secrets.codes[-1]
    spaced = f"{code[:3]} {code[3:]}"
    assert await verify_login_code(VerifyLoginCode(challenge_id, spaced), world.uow, world.deps)


async def test_code_expires_after_five_minutes(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    world.clock.advance(minutes=5)
    late = await world.problem(
        verify_login_code(
            VerifyLoginCode(challenge_id, world.secrets.codes[-1]), world.uow, world.deps
        )
    )
    assert late.code == "challenge_void"


async def test_resend_waits_sixty_seconds_then_replaces_the_code(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    world.clock.advance(seconds=59)
    early = await world.problem(
        resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    )
    assert (early.status, early.code, early.retry_after) == (429, "resend_too_soon", 1)
    world.clock.advance(seconds=1)
    await resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    assert len(world.uow.events(LoginCodeIssued)) == 2
    first, second = world.secrets.codes[0], world.secrets.codes[-1]
    wrong = await world.problem(
        verify_login_code(VerifyLoginCode(challenge_id, first), world.uow, world.deps)
    )
    assert wrong.code == "invalid_code"
    assert await verify_login_code(VerifyLoginCode(challenge_id, second), world.uow, world.deps)


async def test_five_sends_per_attempt_then_ten_per_hour(world: World) -> None:
    await world.active_account()
    challenge_id = await world.login()
    for _ in range(4):
        world.clock.advance(seconds=60)
        await resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    world.clock.advance(seconds=60)
    limit = await world.problem(
        resend_login_code(ResendLoginCode(challenge_id), world.uow, world.deps)
    )
    assert (limit.code, limit.retry_after) == ("resend_limit", None)
    # A second attempt may send five more: ten in the hour.
    second = await world.login()
    for _ in range(4):
        world.clock.advance(seconds=60)
        await resend_login_code(ResendLoginCode(second), world.uow, world.deps)
    world.clock.advance(seconds=30)
    hourly = await world.problem(world.login())
    assert hourly.code == "resend_limit"
    assert hourly.retry_after is not None
    assert 0 < hourly.retry_after <= 3600


async def test_refresh_rotates_and_reuse_revokes_the_family(world: World) -> None:
    await world.active_account()
    tokens = await verify_login_code(
        VerifyLoginCode(await world.login(), world.secrets.codes[-1]), world.uow, world.deps
    )
    world.clock.advance(minutes=10)
    rotated = await refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
    assert rotated.refresh_token != tokens.refresh_token
    assert rotated.session_id == tokens.session_id
    reuse = await world.problem(
        refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
    )
    assert reuse.code == "session_expired"
    revoked = await world.problem(
        refresh_session(RefreshSession(rotated.refresh_token), world.uow, world.deps)
    )
    assert revoked.code == "session_expired"


async def test_idle_thirty_minutes_ends_the_session(world: World) -> None:
    await world.active_account()
    tokens = await verify_login_code(
        VerifyLoginCode(await world.login(), world.secrets.codes[-1]), world.uow, world.deps
    )
    world.clock.advance(minutes=30)
    assert (
        await world.problem(
            refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
        )
    ).status == 401


async def test_logout_revokes_the_family(world: World) -> None:
    await world.active_account()
    tokens = await verify_login_code(
        VerifyLoginCode(await world.login(), world.secrets.codes[-1]), world.uow, world.deps
    )
    await end_session(EndSession(tokens.refresh_token), world.uow, world.deps)
    assert (
        await world.problem(
            refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
        )
    ).status == 401


async def test_reset_link_is_single_use_newest_only_and_ends_every_session(world: World) -> None:
    account = await world.active_account()
    tokens = await verify_login_code(
        VerifyLoginCode(await world.login(), world.secrets.codes[-1]), world.uow, world.deps
    )
    await request_password_reset(RequestPasswordReset("ANNE.REY@example.ch"), world.uow, world.deps)
    await request_password_reset(RequestPasswordReset(EMAIL, "fr"), world.uow, world.deps)
    first, second = world.uow.events(PasswordResetRequested)
    assert isinstance(second, PasswordResetRequested)
    assert second.language == "fr"
    older = world.deps.sealer.open(first.sealed_token)  # type: ignore[attr-defined]
    newer = world.deps.sealer.open(second.sealed_token)  # type: ignore[attr-defined]
    superseded = await world.problem(
        reset_password(ResetPassword(older, NEW_PASSWORD, NEW_PASSWORD), world.uow, world.deps)
    )
    assert (superseded.status, superseded.code) == (410, "token_void")
    with pytest.raises(RuleViolated) as mismatch:
        await reset_password(ResetPassword(newer, NEW_PASSWORD, "other"), world.uow, world.deps)
    assert mismatch.value.errors[0].field == "password_confirmation"
    await reset_password(ResetPassword(newer, NEW_PASSWORD, NEW_PASSWORD), world.uow, world.deps)
    used = await world.problem(
        reset_password(ResetPassword(newer, NEW_PASSWORD, NEW_PASSWORD), world.uow, world.deps)
    )
    assert used.code == "token_void"
    assert (
        await world.problem(
            refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
        )
    ).status == 401
    (changed,) = world.uow.events(PasswordChanged)
    assert changed.account_id == account.id
    assert await world.login(EMAIL, NEW_PASSWORD)


async def test_reset_link_expires_after_sixty_minutes(world: World) -> None:
    await world.active_account()
    await request_password_reset(RequestPasswordReset(EMAIL), world.uow, world.deps)
    world.clock.advance(minutes=60)
    expired = await world.problem(
        reset_password(ResetPassword("token-1", NEW_PASSWORD, NEW_PASSWORD), world.uow, world.deps)
    )
    assert expired.code == "token_void"


async def test_forgot_for_an_unknown_email_does_nothing(world: World) -> None:
    await request_password_reset(RequestPasswordReset("ghost@example.ch"), world.uow, world.deps)
    assert world.uow.committed == []


async def test_change_password_needs_the_current_one_and_ends_sessions(world: World) -> None:
    account = await world.active_account()
    tokens = await verify_login_code(
        VerifyLoginCode(await world.login(), world.secrets.codes[-1]), world.uow, world.deps
    )
    with pytest.raises(RuleViolated) as wrong:
        await change_password(
            ChangePassword(account.id, "not it at all", NEW_PASSWORD, NEW_PASSWORD),
            world.uow,
            world.deps,
        )
    assert wrong.value.errors[0].field == "current_password"
    await change_password(
        ChangePassword(account.id, PASSWORD, NEW_PASSWORD, NEW_PASSWORD), world.uow, world.deps
    )
    assert (
        await world.problem(
            refresh_session(RefreshSession(tokens.refresh_token), world.uow, world.deps)
        )
    ).status == 401
    assert (await world.problem(world.login())).code == "invalid_credentials"
