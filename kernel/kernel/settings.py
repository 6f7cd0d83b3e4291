"""Settings every service shares; each service subclasses them with its own env prefix."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Read from the environment with the service's prefix (IDENTITY_, INVOICING_, ...)."""

    model_config = SettingsConfigDict(env_prefix="GUICHET_", extra="ignore", frozen=True)

    service_name: str = "service"
    # Production is the default so that a forgotten variable fails loudly instead of
    # silently running with generated secrets.
    mode: Literal["local", "production"] = "production"
    state_dir: Path = Path(".run/state")
    database_url: SecretStr = SecretStr("")
    kafka_bootstrap: str = ""
    kafka_partitions: int = Field(default=3, ge=1)
    kafka_replication_factor: int = Field(default=1, ge=1)
    jwks_url: str = ""
    jwt_issuer: str = "guichet-identity"
    jwt_audience: str = "guichet"
    office_issuer: str = "guichet-office"
    office_audience: str = "guichet-internal"
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8000"
    worker_port: int = Field(default=0, ge=0, le=65535)
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _require_infrastructure(self) -> "ServiceSettings":
        missing = [
            name
            for name, value in (
                ("DATABASE_URL", self.database_url.get_secret_value()),
                ("KAFKA_BOOTSTRAP", self.kafka_bootstrap),
                ("JWKS_URL", self.jwks_url),
            )
            if not value
        ]
        if missing:
            prefix = str(self.model_config.get("env_prefix", ""))
            raise ValueError("missing settings: " + ", ".join(prefix + m for m in missing))
        return self

    @property
    def is_local(self) -> bool:
        return self.mode == "local"


SettingsT = TypeVar("SettingsT", bound=ServiceSettings)


def load_or_exit(load_settings: Callable[[], SettingsT]) -> SettingsT:
    """Load settings for an entry point; a configuration mistake is one line and exit code 2."""
    try:
        return load_settings()
    except ValueError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
