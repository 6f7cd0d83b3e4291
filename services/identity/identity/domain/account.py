"""An institution user's account: who they are, whether they may log in, and in which company."""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Literal
from uuid import UUID

Language = Literal["fr", "de", "it"]


class AccountStatus(StrEnum):
    PENDING = "pending"  # registered, waiting for the office's decision
    ACTIVE = "active"
    REFUSED = "refused"
    DISABLED = "disabled"


class Role(StrEnum):
    MANAGER = "manager"
    COLLABORATOR = "collaborator"


def normalise_email(email: str) -> str:
    """The key an e-mail address is looked up and throttled by: trimmed, case-insensitive.

    The local part is case-sensitive in theory (RFC 5321), but no mail provider our users meet
    treats it so, and two accounts differing only in case would be a support nightmare.
    """
    return email.strip().lower()


@dataclass(frozen=True)
class Account:
    id: UUID
    email: str
    mobile: str  # E.164
    language: Language
    first_name: str
    last_name: str
    status: AccountStatus
    created_at: datetime
    updated_at: datetime
    password_hash: str | None = None
    company_id: UUID | None = None
    role: Role | None = None

    @property
    def email_key(self) -> str:
        return normalise_email(self.email)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    def activate_as_manager(self, company_id: UUID, now: datetime) -> "Account":
        """The office approved the registration this account belongs to."""
        if self.status == AccountStatus.ACTIVE and self.company_id == company_id:
            return self
        return replace(
            self,
            status=AccountStatus.ACTIVE,
            company_id=company_id,
            role=Role.MANAGER,
            updated_at=now,
        )

    def refuse(self, now: datetime) -> "Account":
        """The office refused the registration; the e-mail becomes free for a new one."""
        if self.status == AccountStatus.REFUSED:
            return self
        return replace(self, status=AccountStatus.REFUSED, updated_at=now)

    def in_company(self, company_id: UUID) -> bool:
        return self.company_id == company_id

    def with_role(self, role: Role, now: datetime) -> "Account":
        """A manager of the institution changed this member's role."""
        if self.role == role:
            return self
        return replace(self, role=role, updated_at=now)

    def with_details(
        self, *, first_name: str, last_name: str, mobile: str, now: datetime
    ) -> "Account":
        """A manager corrected the names or the mobile (E.164) the login codes go to."""
        if (self.first_name, self.last_name, self.mobile) == (first_name, last_name, mobile):
            return self
        return replace(
            self, first_name=first_name, last_name=last_name, mobile=mobile, updated_at=now
        )

    def leave_company(self, now: datetime) -> "Account":
        """Removed from the institution: the account can no longer log in or act for it."""
        if self.status == AccountStatus.DISABLED and self.company_id is None:
            return self
        return replace(
            self, status=AccountStatus.DISABLED, company_id=None, role=None, updated_at=now
        )

    def with_password(self, password_hash: str, now: datetime) -> "Account":
        return replace(self, password_hash=password_hash, updated_at=now)

    def same_registration(self, email: str) -> bool:
        """A retried creation names the same person: same account id and same e-mail."""
        return self.email_key == normalise_email(email)
