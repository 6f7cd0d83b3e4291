"""Organisation settings (env prefix ORGANISATION_)."""

from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class OrganisationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ORGANISATION_", extra="ignore", frozen=True)

    service_name: str = "organisation"


def load_settings() -> OrganisationSettings:
    return OrganisationSettings()
