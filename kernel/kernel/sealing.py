"""Sealed fields: secrets (one-time codes, reset and invitation tokens) that must cross Kafka
reach the notification service encrypted, never in clear (Fernet: AES-128-CBC + HMAC-SHA256)."""

from cryptography.fernet import Fernet, InvalidToken
from pydantic import SecretStr

from kernel.local_secrets import resolve_secret
from kernel.settings import ServiceSettings

SEALING_KEY_NAME = "event-sealing-key"


class Sealer:
    def __init__(self, key: SecretStr) -> None:
        self._fernet = Fernet(key.get_secret_value().encode())

    @classmethod
    def from_settings(cls, settings: ServiceSettings, key: SecretStr | None) -> "Sealer":
        """The producer and the consumer must share the key: in local mode both read the same
        generated file in the state directory; elsewhere it comes from the environment."""
        return cls(
            resolve_secret(
                key,
                name=SEALING_KEY_NAME,
                is_local=settings.is_local,
                state_dir=settings.state_dir,
                generate=lambda: Fernet.generate_key().decode(),
            )
        )

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str, *, max_age_seconds: int | None = None) -> str:
        """The secret; ValueError when tampered with, sealed with another key, or too old."""
        try:
            return self._fernet.decrypt(sealed.encode(), ttl=max_age_seconds).decode()
        except InvalidToken as error:
            raise ValueError("sealed value cannot be opened") from error
