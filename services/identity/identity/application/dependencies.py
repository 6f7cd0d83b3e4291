"""The collaborators every use case may need, chosen once by bootstrap."""

from dataclasses import dataclass

from identity.application.ports import AccessTokens, Clock, PasswordHasher, Sealer, SecretSource


@dataclass(frozen=True)
class Dependencies:
    clock: Clock
    hasher: PasswordHasher
    secrets: SecretSource
    sealer: Sealer
    access_tokens: AccessTokens
    # Keys the HMAC of login codes; never stored next to them.
    code_key: bytes
    # Lower-case common passwords (the package's data file).
    common_passwords: frozenset[str]
