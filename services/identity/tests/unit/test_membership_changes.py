"""Organisation's roster changes reach the account: role and company claims, and sessions."""

from datetime import timedelta
from uuid import uuid4

import pytest

from contracts.organisation import MemberDetailsChanged, MemberRemoved, MemberRoleChanged
from identity.application.membership_changes import (
    when_member_details_changed_update_account,
    when_member_removed_disable_account,
    when_member_role_changed_update_account,
)
from identity.application.registration_decisions import UnknownAccount
from identity.domain.account import Account, AccountStatus, Role
from identity.domain.session import RevokeReason, SessionFamily
from services.identity.tests.fakes import T0, FakeAccounts, FakeSessions

COMPANY = uuid4()
LATER = T0 + timedelta(minutes=5)


def seeded(role: Role = Role.COLLABORATOR) -> tuple[FakeAccounts, FakeSessions, Account]:
    account = Account(
        id=uuid4(),
        email="luc@example.ch",
        mobile="+41791234567",
        language="fr",
        first_name="Luc",
        last_name="Favre",
        status=AccountStatus.ACTIVE,
        created_at=T0,
        updated_at=T0,
        password_hash="hash",
        company_id=COMPANY,
        role=role,
    )
    accounts, sessions = FakeAccounts(), FakeSessions()
    accounts.rows[account.id] = account
    for _ in range(2):  # two browsers
        family = SessionFamily.start(family_id=uuid4(), account_id=account.id, now=T0)
        sessions.families[family.id] = family
    return accounts, sessions, account


def ids(account: Account) -> dict[str, object]:
    return {"institution_id": COMPANY, "member_id": uuid4(), "account_id": account.id}


async def test_a_role_change_updates_the_role_and_ends_every_session() -> None:
    accounts, sessions, account = seeded()
    event = MemberRoleChanged.model_validate({**ids(account), "role": "manager"})
    await when_member_role_changed_update_account(accounts, sessions, event, LATER)
    assert accounts.rows[account.id].role is Role.MANAGER
    assert accounts.rows[account.id].company_id == COMPANY
    assert all(f.is_revoked for f in sessions.families.values())
    assert {f.revoked_reason for f in sessions.families.values()} == {RevokeReason.ROLE_CHANGED}


async def test_corrected_names_and_mobile_are_copied_and_sessions_stay() -> None:
    accounts, sessions, account = seeded()
    event = MemberDetailsChanged.model_validate(
        {**ids(account), "first_name": "Lucien", "last_name": "Favre", "mobile": "+41787654321"}
    )
    await when_member_details_changed_update_account(accounts, event, LATER)
    changed = accounts.rows[account.id]
    assert (changed.first_name, changed.mobile) == ("Lucien", "+41787654321")
    assert changed.role is Role.COLLABORATOR
    assert not any(f.is_revoked for f in sessions.families.values())


async def test_a_removal_disables_the_account_and_ends_every_session() -> None:
    accounts, sessions, account = seeded(Role.MANAGER)
    await when_member_removed_disable_account(
        accounts, sessions, MemberRemoved.model_validate(ids(account)), LATER
    )
    gone = accounts.rows[account.id]
    assert gone.status is AccountStatus.DISABLED
    assert gone.company_id is None
    assert gone.role is None
    assert all(f.is_revoked for f in sessions.families.values())


async def test_an_event_about_another_company_changes_nothing() -> None:
    accounts, sessions, account = seeded()
    stale = {**ids(account), "institution_id": uuid4()}
    await when_member_removed_disable_account(
        accounts, sessions, MemberRemoved.model_validate(stale), LATER
    )
    await when_member_role_changed_update_account(
        accounts, sessions, MemberRoleChanged.model_validate({**stale, "role": "manager"}), LATER
    )
    assert accounts.rows[account.id] == account
    assert not any(f.is_revoked for f in sessions.families.values())


async def test_an_unknown_account_is_reported() -> None:
    accounts, sessions = FakeAccounts(), FakeSessions()
    event = MemberRemoved(institution_id=COMPANY, member_id=uuid4(), account_id=uuid4())
    with pytest.raises(UnknownAccount):
        await when_member_removed_disable_account(accounts, sessions, event, LATER)
