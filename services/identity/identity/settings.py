"""Identity settings (env prefix IDENTITY_)."""

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore", frozen=True)

    service_name: str = "identity"
    # PEM of the RS256 private key; local mode generates one into the state directory.
    signing_key: SecretStr | None = None
    access_token_minutes: int = 15


def load_settings() -> IdentitySettings:
    return IdentitySettings()
