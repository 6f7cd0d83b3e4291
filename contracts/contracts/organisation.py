"""Events organisation publishes about registrations (topic ``organisation.registration``,
key = institution id)."""

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from contracts.base import IntegrationEvent

Language = Literal["fr", "de", "it"]


class Manager(BaseModel):
    """The person who registered the institution; their account lives in identity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    account_id: UUID
    first_name: str
    last_name: str
    email: EmailStr
    language: Language


class _RegistrationEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "organisation.registration"

    institution_id: UUID
    institution_name: str
    gln: str = Field(pattern=r"^[0-9]{13}$")
    manager: Manager


class RegistrationSubmitted(_RegistrationEvent):
    TYPE: ClassVar[str] = "organisation.RegistrationSubmitted"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1


class RegistrationApproved(_RegistrationEvent):
    """The office approved: the manager's account becomes active with the manager role."""

    TYPE: ClassVar[str] = "organisation.RegistrationApproved"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1


class RegistrationRefused(_RegistrationEvent):
    TYPE: ClassVar[str] = "organisation.RegistrationRefused"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    reason: str = Field(min_length=1, max_length=2000)


# Membership (topic ``organisation.membership``, key = institution id): identity keeps the
# account's company and role claims in step with them.

Role = Literal["manager", "collaborator"]


class _MembershipEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "organisation.membership"

    institution_id: UUID
    member_id: UUID
    account_id: UUID


class MemberInvited(_MembershipEvent):
    """A manager added a member; identity created the account and sent the invitation."""

    TYPE: ClassVar[str] = "organisation.MemberInvited"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    role: Role
    first_name: str
    last_name: str
    email: EmailStr
    language: Language


class MemberRoleChanged(_MembershipEvent):
    """The member's role changed: the account's role follows and its sessions end."""

    TYPE: ClassVar[str] = "organisation.MemberRoleChanged"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    role: Role


class MemberDetailsChanged(_MembershipEvent):
    """A manager corrected the member's names or mobile: identity's account follows (the login
    codes go to this mobile)."""

    TYPE: ClassVar[str] = "organisation.MemberDetailsChanged"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    first_name: str
    last_name: str
    mobile: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$")


class MemberRemoved(_MembershipEvent):
    """The member left the institution: the account is disabled and its sessions end."""

    TYPE: ClassVar[str] = "organisation.MemberRemoved"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
