"""An institution's members (its users) and the rules a manager's changes must meet.

The institution always keeps a manager: the last one can be neither removed nor demoted.
Forms are checked field by field, every problem reported at once under its JSON path.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from kernel.i18n import Language
from organisation.domain import identifiers
from organisation.domain.identifiers import BadValue
from organisation.domain.problems import InvalidInput, Problem, Wording, required
from organisation.domain.registration import Role

LABELS: dict[str, Wording] = {
    "first_name": {"fr": "Prénom", "de": "Vorname"},
    "last_name": {"fr": "Nom", "de": "Nachname"},
    "email": {"fr": "Email", "de": "E-Mail"},
    "mobile": {"fr": "Téléphone portable", "de": "Mobiltelefon"},
}

LAST_MANAGER: Wording = {
    "fr": "L'institution doit garder au moins un gestionnaire : nommez d'abord un autre "
    "gestionnaire.",
    "de": "Die Institution muss mindestens einen Manager behalten: ernennen Sie zuerst einen "
    "anderen Manager.",
}


@dataclass(frozen=True)
class Member:
    id: UUID
    institution_id: UUID
    account_id: UUID
    role: Role
    first_name: str
    last_name: str
    email: str
    mobile: str  # E.164
    language: Language
    created_at: datetime

    def changed(self, changes: "MemberChanges") -> "Member":
        return replace(
            self,
            first_name=changes.first_name or self.first_name,
            last_name=changes.last_name or self.last_name,
            role=changes.role or self.role,
            mobile=changes.mobile or self.mobile,
        )


@dataclass(frozen=True)
class MemberForm:
    first_name: str
    last_name: str
    role: Role
    email: str
    mobile: str
    language: Language


@dataclass(frozen=True)
class NewMember:
    """A form that passed every check: normalised values."""

    first_name: str
    last_name: str
    role: Role
    email: str
    mobile: str
    language: Language


@dataclass(frozen=True)
class MemberChanges:
    """What a manager may change; None leaves the value as it is."""

    first_name: str | None = None
    last_name: str | None = None
    role: Role | None = None
    mobile: str | None = None


class LastManager(Exception):
    """The change would leave the institution without a manager."""

    def __init__(self) -> None:
        super().__init__("the institution would be left without a manager")
        self.message = LAST_MANAGER


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def value(self, path: str, raw: str, rule: Callable[[str], str]) -> str:
        if not raw.strip():
            self.problems.append(required(path, LABELS[path]))
            return ""
        try:
            return rule(raw)
        except BadValue as bad:
            self.problems.append(Problem(path, bad.code, bad.message))
            return ""

    def maybe(self, path: str, raw: str | None, rule: Callable[[str], str]) -> str | None:
        return None if raw is None else self.value(path, raw, rule)


def _mobile(raw: str) -> str:
    return identifiers.phone(raw, mobile=True)


def check_new(form: MemberForm) -> NewMember:
    """The member the form describes; ``InvalidInput`` with every problem otherwise."""
    checker = _Checker()
    member = NewMember(
        first_name=checker.value("first_name", form.first_name, identifiers.plain_text),
        last_name=checker.value("last_name", form.last_name, identifiers.plain_text),
        role=form.role,
        email=checker.value("email", form.email, identifiers.email),
        mobile=checker.value("mobile", form.mobile, _mobile),
        language=form.language,
    )
    if checker.problems:
        raise InvalidInput(checker.problems)
    return member


def check_changes(changes: MemberChanges) -> MemberChanges:
    checker = _Checker()
    checked = MemberChanges(
        first_name=checker.maybe("first_name", changes.first_name, identifiers.plain_text),
        last_name=checker.maybe("last_name", changes.last_name, identifiers.plain_text),
        role=changes.role,
        mobile=checker.maybe("mobile", changes.mobile, _mobile),
    )
    if checker.problems:
        raise InvalidInput(checker.problems)
    return checked


def _managers_after(roster: Sequence[Member], member_id: UUID, role: Role | None) -> int:
    """How many managers remain once ``member_id`` has ``role`` (None: removed)."""
    remaining = 0
    for member in roster:
        effective = role if member.id == member_id else member.role
        if effective is Role.MANAGER:
            remaining += 1
    return remaining


def ensure_change_keeps_a_manager(roster: Sequence[Member], member_id: UUID, role: Role) -> None:
    """``roster`` is every member of the institution; raises ``LastManager``."""
    if _managers_after(roster, member_id, role) == 0:
        raise LastManager


def ensure_removal_keeps_a_manager(roster: Sequence[Member], member_id: UUID) -> None:
    if _managers_after(roster, member_id, None) == 0:
        raise LastManager
