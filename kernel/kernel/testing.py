"""Test support for the services' API tests: tokens signed by a key of the test's own, so
those tests never depend on identity's state."""

import time
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from kernel.auth import JwksCache


class StaticJwks(JwksCache):
    """A JWKS that serves fixed keys, without HTTP."""

    def __init__(self, *keys: RSAKey) -> None:
        super().__init__("http://unused")
        self._fixed = KeySet(list(keys))

    async def keys(self, *, kid: str | None = None) -> KeySet:
        return self._fixed


class TestKey:
    """A signing key for tests, its JWKS and bearer headers signed with it."""

    __test__ = False  # not a pytest test class

    def __init__(self, kid: str = "api-test") -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": kid})
        self.kid = kid

    def jwks(self) -> StaticJwks:
        return StaticJwks(self.key)

    def bearer(self, claims: dict[str, Any], *, lifetime: int = 300) -> dict[str, str]:
        now = int(time.time())
        payload = {"iat": now, "exp": now + lifetime, **claims}
        token = jwt.encode({"alg": "RS256", "kid": self.kid}, payload, self.key)
        return {"Authorization": f"Bearer {token}"}
