"""Notification settings (env prefix NOTIFICATION_)."""

from typing import Literal

from pydantic import EmailStr, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class NotificationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATION_", extra="ignore", frozen=True)

    service_name: str = "notification"

    # Opens the codes and tokens identity seals (kernel.sealing); local mode shares a generated
    # key with identity through the state directory.
    sealing_key: SecretStr | None = None

    # The office that signs every message (other cantons run the same counter).
    office_name_fr: str = "Office cantonal AI du Valais"
    office_name_de: str = "Kantonale IV-Stelle Wallis"
    # No official Italian name for the Valais office: empty means the French one.
    office_name_it: str = ""
    office_address: list[str] = Field(
        default_factory=lambda: ["Av. de la Gare 15", "Case postale", "1951 Sion"]
    )
    office_phone: str = "027 324 96 11"

    # E-mail (SMTP, one connection per message).
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_implicit_tls: bool = False
    smtp_timeout_seconds: float = Field(default=15.0, gt=0)
    mail_from: EmailStr = "no-reply@guichet.aivs.ch"

    # SMS: "capture" posts to the developer inbox (local mode only), "http" to a provider.
    # Unset: capture in local mode, http elsewhere.
    sms_provider: Literal["capture", "http"] | None = None
    sms_sender_id: str = Field(default="Guichet", max_length=11)
    sms_capture_url: str = "http://127.0.0.1:8025/dev/inbox/api/sms"
    sms_provider_url: str = ""
    sms_provider_api_key: SecretStr | None = None
    sms_provider_api_key_header: str = "Authorization"
    sms_provider_api_key_prefix: str = "Bearer "
    # Renames of our JSON fields (to, text, from) and constant fields, as JSON objects.
    sms_provider_fields: dict[str, str] = Field(default_factory=dict)
    sms_provider_extra: dict[str, str] = Field(default_factory=dict)
    sms_provider_idempotency_header: str = "Idempotency-Key"
    sms_provider_reference_field: str = "id"
    sms_timeout_seconds: float = Field(default=10.0, gt=0)

    # Attempts per round with exponential backoff; after a failed round the kernel's consumer
    # retries the handler, then dead-letters the event.
    delivery_attempts: int = Field(default=3, ge=1, le=10)
    delivery_backoff_seconds: float = Field(default=1.0, ge=0)
    delivery_backoff_max_seconds: float = Field(default=10.0, ge=0)

    @model_validator(mode="after")
    def _require_delivery_settings(self) -> "NotificationSettings":
        problems = []
        if self.sms_provider == "capture" and not self.is_local:
            problems.append("SMS_PROVIDER=capture is for local mode only")
        if self.effective_sms_provider == "http" and not self.is_local:
            if not self.sms_provider_url:
                problems.append("SMS_PROVIDER_URL is required")
            if self.sms_provider_api_key is None:
                problems.append("SMS_PROVIDER_API_KEY is required")
        if not self.is_local and (
            self.sealing_key is None or not self.sealing_key.get_secret_value()
        ):
            problems.append("SEALING_KEY is required outside local mode")
        if self.smtp_username and not (self.smtp_starttls or self.smtp_implicit_tls):
            problems.append("SMTP credentials need SMTP_STARTTLS or SMTP_IMPLICIT_TLS")
        if problems:
            prefix = str(self.model_config.get("env_prefix", ""))
            raise ValueError("; ".join(prefix + problem for problem in problems))
        return self

    @property
    def effective_sms_provider(self) -> Literal["capture", "http"]:
        if self.sms_provider is not None:
            return self.sms_provider
        return "capture" if self.is_local else "http"


def load_settings() -> NotificationSettings:
    return NotificationSettings()
