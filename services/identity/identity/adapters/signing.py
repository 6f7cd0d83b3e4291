"""The RS256 key identity signs tokens with, and the public JWKS derived from it."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from joserfc import jwt
from joserfc.jwk import RSAKey

from identity.domain.account import Account
from identity.settings import IdentitySettings
from kernel.local_secrets import resolve_secret


class SigningKey:
    def __init__(self, private_pem: str) -> None:
        self._key = RSAKey.import_key(private_pem)
        if not self._key.is_private:
            raise ValueError("the signing key must be a private RSA key")
        # RFC 7638 thumbprint: stable for a key, so a rotated key gets a new id by itself.
        self.kid = self._key.thumbprint()

    @classmethod
    def from_settings(cls, settings: IdentitySettings) -> "SigningKey":
        pem = resolve_secret(
            settings.signing_key,
            name="identity-signing-key.pem",
            is_local=settings.is_local,
            state_dir=settings.state_dir,
            generate=lambda: RSAKey.generate_key(2048).as_pem(private=True).decode(),
        )
        return cls(pem.get_secret_value())

    def jwks(self) -> dict[str, Any]:
        public = self._key.as_dict(private=False)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": self.kid}, claims, self._key)

    def user_token(
        self,
        settings: IdentitySettings,
        *,
        subject: str,
        company_id: str | None,
        role: str | None,
        lifetime: timedelta | None = None,
        session_id: str | None = None,
    ) -> str:
        now = datetime.now(UTC)
        claims: dict[str, Any] = {
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_audience,
            "sub": subject,
            "iat": int(now.timestamp()),
            "exp": int(
                (now + (lifetime or timedelta(minutes=settings.access_token_minutes))).timestamp()
            ),
            "jti": str(uuid4()),
        }
        if company_id:
            claims["company"] = company_id
        if role:
            claims["role"] = role
        if session_id:
            claims["sid"] = session_id
        return self.sign(claims)

    def office_token(
        self, settings: IdentitySettings, *, client_id: str, scopes: list[str], lifetime: timedelta
    ) -> str:
        now = datetime.now(UTC)
        return self.sign(
            {
                "iss": settings.office_issuer,
                "aud": settings.office_audience,
                "sub": client_id,
                "scope": " ".join(scopes),
                "iat": int(now.timestamp()),
                "exp": int((now + lifetime).timestamp()),
                "jti": str(uuid4()),
            }
        )


class UserAccessTokens:
    """Access tokens for logged-in users: RS256, ``sub``, ``company``, ``role``, ``sid``."""

    def __init__(self, key: SigningKey, settings: IdentitySettings) -> None:
        self._key = key
        self._settings = settings

    @property
    def lifetime_seconds(self) -> int:
        return self._settings.access_token_minutes * 60

    def issue(self, account: Account, session_id: UUID) -> str:
        return self._key.user_token(
            self._settings,
            subject=str(account.id),
            company_id=str(account.company_id) if account.company_id else None,
            role=account.role.value if account.role else None,
            session_id=str(session_id),
        )
