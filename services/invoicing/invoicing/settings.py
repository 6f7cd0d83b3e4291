"""Invoicing settings (env prefix INVOICING_)."""

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INVOICING_", extra="ignore", frozen=True)

    service_name: str = "invoicing"
    # The owners of what an invoice freezes at sending, reached directly (loopback locally,
    # the cluster network elsewhere) with the caller's own access token.
    identity_url: str = ""
    organisation_url: str = ""
    beneficiary_url: str = ""
    documents_url: str = ""
    directory_timeout_seconds: float = Field(default=5.0, gt=0, le=60)

    @model_validator(mode="after")
    def _require_directory(self) -> "InvoicingSettings":
        missing = [
            name
            for name, value in (
                ("IDENTITY_URL", self.identity_url),
                ("ORGANISATION_URL", self.organisation_url),
                ("BENEFICIARY_URL", self.beneficiary_url),
                ("DOCUMENTS_URL", self.documents_url),
            )
            if not value
        ]
        if missing:
            raise ValueError("missing settings: " + ", ".join("INVOICING_" + m for m in missing))
        return self


def load_settings() -> InvoicingSettings:
    return InvoicingSettings()
