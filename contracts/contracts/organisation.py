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
