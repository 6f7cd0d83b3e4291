"""Beneficiary settings (env prefix BENEFICIARY_)."""

from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class BeneficiarySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BENEFICIARY_", extra="ignore", frozen=True)

    service_name: str = "beneficiary"


def load_settings() -> BeneficiarySettings:
    return BeneficiarySettings()
