"""E-mail over SMTP (aiosmtplib): one connection per message, errors sorted into transient and
permanent for the courier's retries."""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib
from pydantic import SecretStr

from notification.domain.delivery import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notification.domain.messages import Email


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

    def build(self, email: Email, *, idempotency_key: str) -> EmailMessage:
        """The MIME message: text and HTML alternatives, a Message-ID derived from the delivery
        (a resend after a crash carries the same one), marked as automatic (RFC 3834)."""
        domain = self._config.from_address.rpartition("@")[2] or "guichet.invalid"
        message = EmailMessage()
        message["From"] = Address(
            display_name=_one_line(email.from_name), addr_spec=self._config.from_address
        )
        message["To"] = Address(display_name=_one_line(email.to_name), addr_spec=email.to)
        message["Subject"] = _one_line(email.subject)
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = (
            f"<{idempotency_key}@{domain}>" if idempotency_key else make_msgid(domain=domain)
        )
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(email.text)
        message.add_alternative(email.html, subtype="html")
        # After the content: setting the content clears every Content-* header.
        message["Content-Language"] = email.language
        return message

    async def send(self, email: Email, *, idempotency_key: str) -> str | None:
        try:
            message = self.build(email, idempotency_key=idempotency_key)
        except (ValueError, IndexError) as error:  # an address the e-mail package refuses
            raise PermanentDeliveryError(f"e-mail cannot be built: {error}") from None
        config = self._config
        try:
            _, response = await aiosmtplib.send(
                message,
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
