"""What leaves the system: the message templates, their channel, and the e-mail and SMS shapes."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Language = Literal["fr", "de", "it"]


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class Template(StrEnum):
    """One message the office sends; its value names the template files (``fr/<value>.*``)."""

    LOGIN_CODE = "login_code"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a template name, not a password
    INVITATION = "invitation"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - a template name, not a password
    REGISTRATION_SUBMITTED = "registration_submitted"
    REGISTRATION_APPROVED = "registration_approved"
    REGISTRATION_REFUSED = "registration_refused"
    INVOICE_ACCEPTED = "invoice_accepted"
    INVOICE_CORRECTION_REQUESTED = "invoice_correction_requested"
    INVOICE_REFUSED = "invoice_refused"

    @property
    def channel(self) -> Channel:
        return Channel.SMS if self is Template.LOGIN_CODE else Channel.EMAIL


@dataclass(frozen=True)
class Office:
    """The office that signs every message (configuration: other cantons run the same counter)."""

    names: Mapping[Language, str]
    address_lines: tuple[str, ...]
    phone: str

    def name(self, language: Language) -> str:
        # French is the office's first language; a missing translation falls back to it.
        return self.names.get(language) or self.names["fr"]


@dataclass(frozen=True)
class Email:
    to: str
    to_name: str
    from_name: str
    subject: str
    text: str
    html: str
    language: Language


@dataclass(frozen=True)
class Sms:
    to: str
    text: str


OutgoingMessage = Email | Sms
