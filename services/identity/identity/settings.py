"""Identity settings (env prefix IDENTITY_)."""

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class ClientConfig(BaseModel):
    """An office system allowed to get client-credentials tokens (``IDENTITY_CLIENTS``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    client_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    # "sha256:<64 hex>" (generated secrets) or an argon2id PHC string;
    # `python -m identity.clients new <id> <scopes...>` prints a secret and its entry.
    secret_hash: str = Field(min_length=1, max_length=255)
    scopes: list[str] = Field(default_factory=list)


# Local mode creates these clients with secrets generated once into the state directory
# (`client-<id>.secret`), where the organisation service and the office CLI read them.
LOCAL_CLIENTS: dict[str, list[str]] = {
    "office-cli": ["registrations:review", "invoices:review", "documents:read", "diagnostics"],
    "organisation-service": ["accounts:create", "accounts:invite"],
}


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore", frozen=True)

    service_name: str = "identity"
    # PEM of the RS256 private key; local mode generates one into the state directory.
    signing_key: SecretStr | None = None
    # Fernet key shared with notification for sealed event fields (codes, link tokens); local
    # mode shares the generated `event-sealing-key` file.
    sealing_key: SecretStr | None = None
    # Keys the HMAC under which login codes are stored; local mode generates one.
    code_key: SecretStr | None = None
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    office_token_minutes: int = Field(default=15, ge=1, le=60)
    # Office systems (production): JSON list of {client_id, secret_hash, scopes}.
    clients: list[ClientConfig] = Field(default_factory=list)
    # argon2id with OWASP's baseline: 19 MiB, 2 passes, one lane. On the 2-core build machine
    # (shared with the whole suite) one verification takes about 30 ms idle and stays under
    # 100 ms at p99 under load, which keeps password + code within the login budget (p99 <=
    # 300 ms server time; bench: services/identity/bench/login_bench.py). 46 MiB x 2 passes
    # measured 110 ms idle but 300+ ms at p99 under load. Hashes made with other parameters
    # are upgraded at the next successful login.
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_memory_kib: int = Field(default=19_456, ge=8_192)
    argon2_parallelism: int = Field(default=1, ge=1)
    # Hashes computed at once; more wait their turn (CPU and memory stay bounded).
    argon2_concurrency: int = Field(default=2, ge=1)

    @property
    def refresh_cookie_secure(self) -> bool:
        """Local runs are plain HTTP on loopback; everywhere else the cookie needs TLS."""
        return not self.is_local


def load_settings() -> IdentitySettings:
    return IdentitySettings()
