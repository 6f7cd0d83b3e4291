"""E-mail over SMTP (aiosmtplib): one connection per message, errors sorted into transient and
permanent for the courier's retries."""

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from email.generator import BytesGenerator
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid

import aiosmtplib
from pydantic import SecretStr

from notification.domain.delivery import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notification.domain.messages import Email

CRLF = "\r\n"


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    from_address: str
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    implicit_tls: bool = False
    timeout: float = 15.0


class SmtpEmailSender:
    def __init__(self, config: SmtpConfig) -> None:
        self._config = config

    def build(self, email: Email, *, idempotency_key: str) -> bytes:
        """The message as sent: text and HTML alternatives, a Message-ID derived from the
        delivery (a resend after a crash carries the same one), marked automatic (RFC 3834).

        The address and subject headers are encoded here rather than by ``EmailMessage``:
        Python 3.11's folding of a long non-ASCII subject drops the space between two encoded
        words ("mot de passea été modifié"); the legacy ``Header`` encoder folds correctly.
        """
        from_address = self._config.from_address
        domain = from_address.rpartition("@")[2] or "guichet.invalid"
        body = EmailMessage()
        body["Date"] = format_datetime(datetime.now(UTC))
        body["Message-ID"] = (
            f"<{idempotency_key}@{domain}>" if idempotency_key else make_msgid(domain=domain)
        )
        body["Auto-Submitted"] = "auto-generated"
        body.set_content(email.text)
        body.add_alternative(email.html, subtype="html")
        # After the content: setting the content clears every Content-* header.
        body["Content-Language"] = email.language
        headers = (
            f"From: {_address(email.from_name, from_address)}{CRLF}"
            f"To: {_address(email.to_name, email.to)}{CRLF}"
            f"Subject: {_encoded(_one_line(email.subject), 'Subject')}{CRLF}"
        )
        wire = io.BytesIO()
        BytesGenerator(wire, policy=SMTP).flatten(body)
        return headers.encode("ascii") + wire.getvalue()

    async def send(self, email: Email, *, idempotency_key: str) -> str | None:
        try:
            message = self.build(email, idempotency_key=idempotency_key)
        except (ValueError, IndexError) as error:  # an address the e-mail package refuses
            raise PermanentDeliveryError(f"e-mail cannot be built: {error}") from None
        config = self._config
        try:
            _, response = await aiosmtplib.send(
                message,
                sender=config.from_address,
                recipients=[email.to],
                hostname=config.host,
                port=config.port,
                username=config.username,
                password=config.password.get_secret_value() if config.password else None,
                start_tls=config.starttls,
                use_tls=config.implicit_tls,
                timeout=config.timeout,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            raise classify(error) from None
        return response or None


def classify(error: Exception) -> DeliveryError:
    """4xx answers and unreachable servers are worth retrying; 5xx answers are final."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        kind = TransientDeliveryError if codes and all(c < 500 for c in codes) else None
        return (kind or PermanentDeliveryError)(f"recipient refused by the SMTP server {codes}")
    if isinstance(error, aiosmtplib.SMTPResponseException) and error.code >= 400:
        text = f"SMTP server answered {error.code} {error.message[:200]}"
        if error.code < 500:
            return TransientDeliveryError(text)
        return PermanentDeliveryError(text)
    return TransientDeliveryError(f"SMTP server unavailable: {type(error).__name__}: {error}")


def _one_line(value: str) -> str:
    # Header values never carry line breaks (header injection); names come from user input.
    return " ".join(value.split())


def _encoded(value: str, header_name: str = "") -> str:
    if value.isascii():
        return Header(value, "us-ascii", header_name=header_name).encode(linesep=CRLF)
    return Header(value, "utf-8", header_name=header_name).encode(linesep=CRLF)


def _address(name: str, address: str) -> str:
    """``Name <address>``; the address is checked by the e-mail package (ValueError if not)."""
    checked = Address(addr_spec=address)
    if not checked.addr_spec.isascii() or checked.addr_spec != address.strip():
        raise ValueError(f"unsupported address {address!r}")
    name = _one_line(name)
    if not name:
        return checked.addr_spec
    if name.isascii():
        return formataddr((name, checked.addr_spec))
    return f"{_encoded(name)} <{checked.addr_spec}>"
