"""Ma société: a manager lists, adds (invites), changes and removes the institution's members.

Every use case takes the caller's institution from their token: a member of another
institution is simply not found. Roster changes lock the institution row so that two managers
demoting each other at once cannot both succeed (the last-manager rule).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from kernel.errors import Conflict, FieldError, NotFound, RuleViolated
from kernel.i18n import Language
from organisation.application import membership_events
from organisation.application.errors import ServiceUnavailable, invalid
from organisation.application.ports import (
    AccountRefused,
    AccountsUnavailable,
    IdentityAccounts,
    InstitutionProfile,
    Invitation,
    OrganisationUnitOfWork,
)
from organisation.domain import members as rules
from organisation.domain.members import LastManager, Member, MemberChanges, MemberForm
from organisation.domain.problems import InvalidInput

log = logging.getLogger(__name__)

UNAVAILABLE: dict[Language, str] = {
    "fr": "L'invitation n'est pas possible pour le moment. Veuillez réessayer dans quelques "
    "minutes.",
    "de": "Die Einladung ist im Moment nicht möglich. Bitte versuchen Sie es in einigen "
    "Minuten erneut.",
}


def _now() -> datetime:
    return datetime.now(UTC)


def member_not_found() -> NotFound:
    return NotFound(code="member_not_found", detail="no such member")


def institution_not_found() -> NotFound:
    return NotFound(code="institution_not_found", detail="no such institution")


def last_manager(language: Language) -> Conflict:
    return Conflict(code="last_manager", detail=rules.LAST_MANAGER[language])


@dataclass(frozen=True)
class AddMember:
    institution_id: UUID
    form: MemberForm
    language: Language  # the caller's: identity's refusals come back worded in it


@dataclass(frozen=True)
class ChangeMember:
    institution_id: UUID
    member_id: UUID
    changes: MemberChanges
    language: Language


@dataclass(frozen=True)
class RemoveMember:
    institution_id: UUID
    member_id: UUID
    language: Language


async def institution_profile(
    institution_id: UUID, uow: OrganisationUnitOfWork
) -> InstitutionProfile:
    async with uow:
        profile = await uow.members.profile(institution_id)
    if profile is None:
        raise institution_not_found()
    return profile


async def list_members(institution_id: UUID, uow: OrganisationUnitOfWork) -> list[Member]:
    async with uow:
        return await uow.members.roster(institution_id)


async def add_member(
    command: AddMember,
    uow: OrganisationUnitOfWork,
    identity: IdentityAccounts,
    *,
    now: Callable[[], datetime] = _now,
) -> Member:
    try:
        new = rules.check_new(command.form)
    except InvalidInput as refused:
        raise invalid(refused.problems) from None
    async with uow:
        profile = await uow.members.profile(command.institution_id)
    if profile is None:
        raise institution_not_found()

    member = Member(
        id=uuid4(),
        institution_id=command.institution_id,
        account_id=uuid4(),
        role=new.role,
        first_name=new.first_name,
        last_name=new.last_name,
        email=new.email,
        mobile=new.mobile,
        language=new.language,
        created_at=now(),
    )
    # Identity first, with no transaction open: it refuses an e-mail already in use, and only
    # an account it created gets a membership.
    try:
        await identity.invite(
            Invitation(
                account_id=member.account_id,
                email=member.email,
                first_name=member.first_name,
                last_name=member.last_name,
                mobile=member.mobile,
                language=member.language,
                company_id=member.institution_id,
                company_name=profile.name,
                role=member.role,
            ),
            language=command.language,
        )
    except AccountRefused as refused:
        raise RuleViolated(
            errors=[
                FieldError(e.field or "email", e.code, {"fr": e.message, "de": e.message})
                for e in refused.errors
            ]
        ) from None
    except AccountsUnavailable as error:
        log.error("member not added: identity unavailable (%s)", error)
        raise ServiceUnavailable(
            code="accounts_unavailable", detail=UNAVAILABLE[command.language]
        ) from None

    async with uow:
        if not await uow.members.lock_institution(command.institution_id):
            raise institution_not_found()
        await uow.members.add(member)
        uow.emit(membership_events.invited(member), key=str(member.institution_id))
        await uow.commit()
    log.info("member %s invited to %s", member.id, member.institution_id)
    return member


async def change_member(command: ChangeMember, uow: OrganisationUnitOfWork) -> Member:
    try:
        changes = rules.check_changes(command.changes)
    except InvalidInput as refused:
        raise invalid(refused.problems) from None
    async with uow:
        if not await uow.members.lock_institution(command.institution_id):
            raise member_not_found()
        roster = await uow.members.roster(command.institution_id)
        member = next((m for m in roster if m.id == command.member_id), None)
        if member is None:
            raise member_not_found()
        changed = member.changed(changes)
        try:
            rules.ensure_change_keeps_a_manager(roster, member.id, changed.role)
        except LastManager:
            raise last_manager(command.language) from None
        if changed == member:
            return member
        await uow.members.update(changed)
        key = str(changed.institution_id)
        if (changed.first_name, changed.last_name, changed.mobile) != (
            member.first_name,
            member.last_name,
            member.mobile,
        ):
            uow.emit(membership_events.details_changed(changed), key=key)
        if changed.role != member.role:
            uow.emit(membership_events.role_changed(changed), key=key)
        await uow.commit()
    return changed


async def remove_member(command: RemoveMember, uow: OrganisationUnitOfWork) -> None:
    async with uow:
        if not await uow.members.lock_institution(command.institution_id):
            raise member_not_found()
        roster = await uow.members.roster(command.institution_id)
        member = next((m for m in roster if m.id == command.member_id), None)
        if member is None:
            raise member_not_found()
        try:
            rules.ensure_removal_keeps_a_manager(roster, member.id)
        except LastManager:
            raise last_manager(command.language) from None
        await uow.members.remove(member)
        uow.emit(membership_events.removed(member), key=str(member.institution_id))
        await uow.commit()
    log.info("member %s removed from %s", member.id, member.institution_id)
