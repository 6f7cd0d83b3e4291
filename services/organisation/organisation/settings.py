"""Organisation settings (env prefix ORGANISATION_)."""

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class OrganisationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ORGANISATION_", extra="ignore", frozen=True)

    service_name: str = "organisation"
    # Identity's API, reached directly (loopback locally, the cluster network elsewhere).
    identity_url: str = ""
    identity_client_id: str = "organisation-service"
    # Local mode reads it from STATE_DIR/client-organisation-service.secret (identity writes it).
    identity_client_secret: SecretStr | None = None
    identity_timeout_seconds: float = Field(default=5.0, gt=0, le=60)

    @model_validator(mode="after")
    def _require_identity(self) -> "OrganisationSettings":
        if not self.identity_url:
            raise ValueError("missing settings: ORGANISATION_IDENTITY_URL")
        return self


def load_settings() -> OrganisationSettings:
    return OrganisationSettings()
