"""Invoicing settings (env prefix INVOICING_)."""

from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INVOICING_", extra="ignore", frozen=True)

    service_name: str = "invoicing"


def load_settings() -> InvoicingSettings:
    return InvoicingSettings()
