"""Creating accounts (idempotent, validated), registration decisions and invitations, with
fakes."""

from uuid import uuid4

import pytest

from contracts.identity import InvitationIssued, PasswordChanged
from contracts.organisation import Manager, RegistrationApproved, RegistrationRefused
from identity.application.accept_invitation import (
    AcceptInvitation,
    accept_invitation,
    invited_account,
)
from identity.application.create_account import CreateAccount, create_account
from identity.application.errors import Problem
from identity.application.issue_invitation import IssueInvitation, issue_invitation
from identity.application.registration_decisions import (
    UnknownAccount,
    when_registration_approved_activate_account,
    when_registration_refused_refuse_account,
)
from identity.domain.account import AccountStatus, Role
from kernel.errors import RuleViolated
from services.identity.tests.fakes import T0, FakeClock, FakeUnitOfWork, make_deps

PASSWORD = "Un cheval vert sur la Planta"


def make_command(**overrides: object) -> CreateAccount:
    values: dict[str, object] = {
        "account_id": uuid4(),
        "email": "Anne.Rey@Example.ch",
        "password": PASSWORD,
        "mobile": "079 123 45 67",
        "language": "fr",
        "first_name": "Anne",
        "last_name": "Rey",
    }
    values.update(overrides)
    return CreateAccount(**values)  # type: ignore[arg-type]


async def test_account_is_created_pending_with_a_hash_and_e164_mobile() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    result = await create_account(make_command(), uow, deps)
    assert result.created
    stored = uow.accounts.rows[result.account.id]
    assert stored.status is AccountStatus.PENDING
    assert stored.mobile == "+41791234567"
    assert stored.password_hash
    assert PASSWORD not in stored.password_hash
    assert stored.email_key == "anne.rey@example.ch"


async def test_same_account_id_and_email_again_is_a_retry() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    command = make_command()
    await create_account(command, uow, deps)
    again = await create_account(
        make_command(account_id=command.account_id, email="ANNE.REY@example.ch"), uow, deps
    )
    assert not again.created
    assert len(uow.accounts.rows) == 1


async def test_same_account_id_with_another_email_conflicts() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    command = make_command()
    await create_account(command, uow, deps)
    with pytest.raises(Problem) as error:
        await create_account(
            make_command(account_id=command.account_id, email="x@ex.ch"), uow, deps
        )
    assert error.value.status == 409


async def test_email_is_unique_case_insensitively() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    await create_account(make_command(), uow, deps)
    with pytest.raises(RuleViolated) as error:
        await create_account(make_command(email="anne.rey@EXAMPLE.CH"), uow, deps)
    assert [(e.field, e.code) for e in error.value.errors] == [("email", "email_taken")]


async def test_a_refused_registration_frees_the_email() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    first = await create_account(make_command(), uow, deps)
    uow.accounts.rows[first.account.id] = first.account.refuse(T0)
    assert (await create_account(make_command(), uow, deps)).created


async def test_every_bad_field_is_reported_and_nothing_is_stored() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    command = make_command(
        email="not-an-email", mobile="+41 27 324 96 11", first_name="  ", password="short"
    )
    with pytest.raises(RuleViolated) as error:
        await create_account(command, uow, deps)
    found = {(e.field, e.code) for e in error.value.errors}
    assert found == {
        ("email", "email_invalid"),
        ("mobile", "mobile_not_mobile"),
        ("first_name", "name_blank"),
        ("password", "password_too_short"),
    }
    assert all(e.message["fr"] and e.message["de"] for e in error.value.errors)
    assert uow.accounts.rows == {}


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("x" * 129, "password_too_long"),
        ("motdepasse2024", "password_common"),
        ("anne.rey@example.ch", "password_personal"),
    ],
)
async def test_password_policy_reaches_the_password_field(password: str, code: str) -> None:
    with pytest.raises(RuleViolated) as error:
        await create_account(make_command(password=password), FakeUnitOfWork(), make_deps())
    assert [(e.field, e.code) for e in error.value.errors] == [("password", code)]


async def test_neighbouring_countries_mobiles_are_accepted_others_not() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    result = await create_account(make_command(mobile="+33 6 12 34 56 78"), uow, deps)
    assert result.account.mobile == "+33612345678"
    with pytest.raises(RuleViolated):
        await create_account(make_command(email="b@ex.ch", mobile="+1 202 555 0143"), uow, deps)


def registration(account_id: object, event: type) -> object:
    manager = Manager(
        account_id=account_id, first_name="Anne", last_name="Rey", email="a@ex.ch", language="fr"
    )
    extra = {"reason": "GLN inconnu"} if event is RegistrationRefused else {}
    return event(
        institution_id=uuid4(),
        institution_name="Atelier",
        gln="7601001234560",
        manager=manager,
        **extra,
    )


async def test_approval_activates_the_manager_and_replay_changes_nothing() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    account = (await create_account(make_command(), uow, deps)).account
    approved = registration(account.id, RegistrationApproved)
    assert isinstance(approved, RegistrationApproved)
    await when_registration_approved_activate_account(uow.accounts, approved, T0)
    await when_registration_approved_activate_account(uow.accounts, approved, T0)
    stored = uow.accounts.rows[account.id]
    assert stored.status is AccountStatus.ACTIVE
    assert stored.company_id == approved.institution_id
    assert stored.role is Role.MANAGER


async def test_refusal_refuses_the_account() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    account = (await create_account(make_command(), uow, deps)).account
    refused = registration(account.id, RegistrationRefused)
    assert isinstance(refused, RegistrationRefused)
    await when_registration_refused_refuse_account(uow.accounts, refused, T0)
    assert uow.accounts.rows[account.id].status is AccountStatus.REFUSED


async def test_decision_about_an_unknown_account_is_reported() -> None:
    event = registration(uuid4(), RegistrationApproved)
    assert isinstance(event, RegistrationApproved)
    with pytest.raises(UnknownAccount):
        await when_registration_approved_activate_account(FakeUnitOfWork().accounts, event, T0)


def invitation(**overrides: object) -> IssueInvitation:
    values: dict[str, object] = {
        "account_id": uuid4(),
        "email": "Luc.Roh@example.ch",
        "first_name": "Luc",
        "last_name": "Roh",
        "mobile": "+41 78 765 43 21",
        "language": "de",
        "company_id": uuid4(),
        "company_name": "Atelier",
        "role": Role.COLLABORATOR,
    }
    values.update(overrides)
    return IssueInvitation(**values)  # type: ignore[arg-type]


async def test_invitation_creates_an_active_account_without_password_and_sends_a_link() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    sent = await issue_invitation(invitation(), uow, deps)
    assert sent.created
    assert not sent.account.has_password
    assert sent.account.role is Role.COLLABORATOR
    (event,) = uow.events(InvitationIssued)
    assert isinstance(event, InvitationIssued)
    raw = deps.sealer.open(event.sealed_token)  # type: ignore[attr-defined]
    assert raw == "token-1"
    assert (await invited_account(raw, uow, deps)).email == "Luc.Roh@example.ch"


async def test_invitation_again_voids_the_first_link() -> None:
    uow, deps = FakeUnitOfWork(), make_deps()
    command = invitation()
    await issue_invitation(command, uow, deps)
    again = await issue_invitation(command, uow, deps)
    assert not again.created
    with pytest.raises(Problem) as error:
        await invited_account("token-1", uow, deps)
    assert error.value.code == "token_void"
    assert (await invited_account("token-2", uow, deps)).id == command.account_id


async def test_accepting_sets_the_password_once_within_seven_days() -> None:
    clock = FakeClock()
    uow, deps = FakeUnitOfWork(), make_deps(clock=clock)
    sent = await issue_invitation(invitation(), uow, deps)
    accept = AcceptInvitation("token-1", "Le Rhône coule vers Genève", "Le Rhône coule vers Genève")
    clock.advance(days=6)
    await accept_invitation(accept, uow, deps)
    assert uow.accounts.rows[sent.account.id].has_password
    (changed,) = uow.events(PasswordChanged)
    assert isinstance(changed, PasswordChanged)
    assert changed.reason == "invitation"
    with pytest.raises(Problem):
        await accept_invitation(accept, uow, deps)


async def test_expired_invitation_is_refused() -> None:
    clock = FakeClock()
    uow, deps = FakeUnitOfWork(), make_deps(clock=clock)
    await issue_invitation(invitation(), uow, deps)
    clock.advance(days=7)
    with pytest.raises(Problem) as error:
        await accept_invitation(
            AcceptInvitation("token-1", "Le Rhône coule vers Genève", "Le Rhône coule vers Genève"),
            uow,
            deps,
        )
    assert error.value.status == 410
