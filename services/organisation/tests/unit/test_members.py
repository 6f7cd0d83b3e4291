"""Ma société's rules without a database: the last manager, member forms, and the use cases
with a fake roster."""

from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from uuid import UUID, uuid4

import pytest

from contracts import IntegrationEvent
from contracts.organisation import (
    MemberDetailsChanged,
    MemberInvited,
    MemberRemoved,
    MemberRoleChanged,
)
from kernel.errors import Conflict, NotFound, RuleViolated
from organisation.application.members import (
    AddMember,
    ChangeMember,
    RemoveMember,
    add_member,
    change_member,
    remove_member,
)
from organisation.application.ports import AccountFieldError, InstitutionProfile
from organisation.domain import members as rules
from organisation.domain.members import LastManager, Member, MemberChanges, MemberForm
from organisation.domain.problems import InvalidInput
from organisation.domain.registration import Role
from services.organisation.tests.unit.conftest import FakeIdentity

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
INSTITUTION = uuid4()


def member(role: Role = Role.COLLABORATOR, institution: UUID = INSTITUTION) -> Member:
    return Member(
        id=uuid4(),
        institution_id=institution,
        account_id=uuid4(),
        role=role,
        first_name="Luc",
        last_name="Favre",
        email=f"luc.{uuid4().hex[:6]}@example.ch",
        mobile="+41791234567",
        language="fr",
        created_at=T0,
    )


def form(**overrides: object) -> MemberForm:
    values: dict[str, object] = {
        "first_name": " Luc ",
        "last_name": "Favre",
        "role": Role.COLLABORATOR,
        "email": "Luc.Favre@Example.ch",
        "mobile": "079 123 45 67",
        "language": "de",
    }
    values.update(overrides)
    return MemberForm(**values)  # type: ignore[arg-type]


# The last-manager rule


def test_the_only_manager_can_be_neither_demoted_nor_removed() -> None:
    boss, staff = member(Role.MANAGER), member()
    roster = [boss, staff]
    with pytest.raises(LastManager):
        rules.ensure_change_keeps_a_manager(roster, boss.id, Role.COLLABORATOR)
    with pytest.raises(LastManager):
        rules.ensure_removal_keeps_a_manager(roster, boss.id)
    rules.ensure_change_keeps_a_manager(roster, boss.id, Role.MANAGER)
    rules.ensure_removal_keeps_a_manager(roster, staff.id)


def test_a_manager_goes_when_another_one_stays() -> None:
    first, second = member(Role.MANAGER), member(Role.MANAGER)
    rules.ensure_change_keeps_a_manager([first, second], first.id, Role.COLLABORATOR)
    rules.ensure_removal_keeps_a_manager([first, second], second.id)


def test_promoting_the_one_who_is_demoted_elsewhere_keeps_the_count() -> None:
    staff = member()
    with pytest.raises(LastManager):
        rules.ensure_change_keeps_a_manager([staff], staff.id, Role.COLLABORATOR)
    rules.ensure_change_keeps_a_manager([staff], staff.id, Role.MANAGER)


def test_the_wording_is_french_and_german() -> None:
    assert "gestionnaire" in rules.LAST_MANAGER["fr"]
    assert "Manager" in rules.LAST_MANAGER["de"]


# Forms


def test_a_good_form_is_normalised() -> None:
    new = rules.check_new(form())
    assert new.first_name == "Luc"
    assert new.email == "Luc.Favre@example.ch"
    assert new.mobile == "+41791234567"


def test_every_problem_is_reported_under_its_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_new(form(first_name=" ", email="nope", mobile="027 324 96 11"))
    found = {(p.field, p.code) for p in refused.value.problems}
    assert found == {
        ("first_name", "required"),
        ("email", "email_invalid"),
        ("mobile", "phone_not_mobile"),
    }


def test_changes_check_only_what_is_sent() -> None:
    assert rules.check_changes(MemberChanges(role=Role.MANAGER)) == MemberChanges(role=Role.MANAGER)
    with pytest.raises(InvalidInput) as refused:
        rules.check_changes(MemberChanges(last_name="", mobile="+33 1 23 45 67 89"))
    assert {p.field for p in refused.value.problems} == {"last_name", "mobile"}


# Use cases with a fake roster


class FakeMembers:
    def __init__(self) -> None:
        self.rows: dict[UUID, Member] = {}
        self.approved: set[UUID] = {INSTITUTION}

    async def lock_institution(self, institution_id: UUID) -> bool:
        return institution_id in self.approved

    async def roster(self, institution_id: UUID) -> list[Member]:
        return [m for m in self.rows.values() if m.institution_id == institution_id]

    async def add(self, new: Member) -> None:
        self.rows[new.id] = new

    async def update(self, changed: Member) -> None:
        self.rows[changed.id] = changed

    async def remove(self, gone: Member) -> None:
        del self.rows[gone.id]

    async def profile(self, institution_id: UUID) -> InstitutionProfile | None:
        if institution_id not in self.approved:
            return None
        return InstitutionProfile(
            institution_id, "Atelier Rhône SA", "7601001234567", None, "Rue", "1950", "Sion", "+41"
        )


class FakeUow:
    def __init__(self) -> None:
        self.members = FakeMembers()
        self.bank_accounts = None
        self.committed: list[IntegrationEvent] = []
        self._pending: list[IntegrationEvent] = []
        self._snapshot: dict[UUID, Member] = {}

    async def __aenter__(self) -> Self:
        self._pending, self._snapshot = [], dict(self.members.rows)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.members.rows = self._snapshot

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        self.committed.extend(self._pending)
        self._snapshot = dict(self.members.rows)


def seeded(*people: Member) -> FakeUow:
    uow = FakeUow()
    uow.members.rows = {m.id: m for m in people}
    return uow


async def test_adding_invites_through_identity_then_stores_and_announces() -> None:
    uow, identity = seeded(member(Role.MANAGER)), FakeIdentity()
    added = await add_member(AddMember(INSTITUTION, form(), "fr"), uow, identity)  # type: ignore[arg-type]
    (invitation,) = identity.invitations
    assert invitation.account_id == added.account_id
    assert invitation.company_id == INSTITUTION
    assert invitation.company_name == "Atelier Rhône SA"
    assert invitation.role is Role.COLLABORATOR
    assert uow.members.rows[added.id] == added
    (event,) = uow.committed
    assert isinstance(event, MemberInvited)
    assert event.account_id == added.account_id


async def test_identitys_refusal_is_a_field_error_and_nothing_is_stored() -> None:
    uow, identity = seeded(), FakeIdentity()
    identity.refusal = [AccountFieldError("email", "email_taken", "Adresse déjà utilisée.")]
    with pytest.raises(RuleViolated) as refused:
        await add_member(AddMember(INSTITUTION, form(), "fr"), uow, identity)  # type: ignore[arg-type]
    assert [e.field for e in refused.value.errors] == ["email"]
    assert uow.members.rows == {}
    assert uow.committed == []


async def test_a_bad_form_never_reaches_identity() -> None:
    uow, identity = seeded(), FakeIdentity()
    with pytest.raises(RuleViolated):
        await add_member(AddMember(INSTITUTION, form(email=""), "fr"), uow, identity)  # type: ignore[arg-type]
    assert identity.invitations == []


async def test_demoting_the_last_manager_is_a_conflict_and_changes_nothing() -> None:
    boss = member(Role.MANAGER)
    uow = seeded(boss, member())
    command = ChangeMember(INSTITUTION, boss.id, MemberChanges(role=Role.COLLABORATOR), "de")
    with pytest.raises(Conflict) as refused:
        await change_member(command, uow)  # type: ignore[arg-type]
    assert refused.value.code == "last_manager"
    assert refused.value.detail == rules.LAST_MANAGER["de"]
    assert uow.members.rows[boss.id] == boss
    assert uow.committed == []


async def test_a_rename_and_a_role_change_are_announced_apart() -> None:
    boss, staff = member(Role.MANAGER), member()
    uow = seeded(boss, staff)
    renamed = await change_member(
        ChangeMember(INSTITUTION, staff.id, MemberChanges(first_name="Lucien"), "fr"),
        uow,  # type: ignore[arg-type]
    )
    assert renamed == replace(staff, first_name="Lucien")
    (details,) = uow.committed
    assert isinstance(details, MemberDetailsChanged)
    assert (details.first_name, details.mobile) == ("Lucien", staff.mobile)
    promoted = await change_member(
        ChangeMember(INSTITUTION, staff.id, MemberChanges(role=Role.MANAGER), "fr"),
        uow,  # type: ignore[arg-type]
    )
    assert promoted.role is Role.MANAGER
    assert [type(e) for e in uow.committed] == [MemberDetailsChanged, MemberRoleChanged]
    assert uow.committed[1].role == "manager"  # type: ignore[attr-defined]
    unchanged = await change_member(
        ChangeMember(INSTITUTION, staff.id, MemberChanges(role=Role.MANAGER), "fr"),
        uow,  # type: ignore[arg-type]
    )
    assert unchanged == promoted
    assert len(uow.committed) == 2


async def test_removal_is_announced_and_the_last_manager_stays() -> None:
    boss, staff = member(Role.MANAGER), member()
    uow = seeded(boss, staff)
    with pytest.raises(Conflict):
        await remove_member(RemoveMember(INSTITUTION, boss.id, "fr"), uow)  # type: ignore[arg-type]
    await remove_member(RemoveMember(INSTITUTION, staff.id, "fr"), uow)  # type: ignore[arg-type]
    assert list(uow.members.rows) == [boss.id]
    (event,) = uow.committed
    assert isinstance(event, MemberRemoved)
    assert event.account_id == staff.account_id


async def test_another_institutions_member_is_not_found() -> None:
    stranger = member(institution=uuid4())
    uow = seeded(member(Role.MANAGER), stranger)
    with pytest.raises(NotFound):
        await remove_member(RemoveMember(INSTITUTION, stranger.id, "fr"), uow)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        await change_member(
            ChangeMember(INSTITUTION, stranger.id, MemberChanges(role=Role.MANAGER), "fr"),
            uow,  # type: ignore[arg-type]
        )
