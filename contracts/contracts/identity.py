"""Events identity publishes about accounts (topic ``identity.account``, key = account id).

Secrets (codes, tokens) travel sealed for the notification service (``kernel.sealing``):
``sealed_*`` fields are Fernet tokens, never the secret itself.
"""

from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import EmailStr, Field

from contracts.base import IntegrationEvent

Language = Literal["fr", "de", "it"]


class _AccountEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "identity.account"

    account_id: UUID
    language: Language


class LoginCodeIssued(_AccountEvent):
    """A login challenge needs its 6-digit code sent by SMS to the account's mobile."""

    TYPE: ClassVar[str] = "identity.LoginCodeIssued"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    challenge_id: UUID
    mobile: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$")
    sealed_code: str
    expires_at: datetime


class PasswordResetRequested(_AccountEvent):
    """Someone asked for a reset link for this account's e-mail (sent only if it exists)."""

    TYPE: ClassVar[str] = "identity.PasswordResetRequested"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    email: EmailStr
    first_name: str
    sealed_token: str
    expires_at: datetime


class InvitationIssued(_AccountEvent):
    """A manager added a collaborator: send the link to choose a password."""

    TYPE: ClassVar[str] = "identity.InvitationIssued"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    email: EmailStr
    first_name: str
    company_name: str
    sealed_token: str
    expires_at: datetime


class PasswordChanged(_AccountEvent):
    """The password changed (reset, invitation accepted or Mon compte): tell the owner."""

    TYPE: ClassVar[str] = "identity.PasswordChanged"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    email: EmailStr
    first_name: str
    reason: Literal["reset", "invitation", "change"]
