"""JWT verification against identity's JWKS, and the principal a request acts for."""

import asyncio
import base64
import json
import time
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from uuid import UUID

import httpx
from fastapi import Depends, Request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from kernel.errors import Forbidden, Unauthorized

ALGORITHMS = ["RS256"]


@dataclass(frozen=True)
class Principal:
    """Who is calling: an institution's user, or an office system with scopes."""

    subject: str
    kind: Literal["user", "office"]
    company_id: UUID | None = None
    role: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


@dataclass(frozen=True)
class Audience:
    """Which tokens a route family accepts: the issuer, the audience and the principal kind."""

    issuer: str
    audience: str
    kind: Literal["user", "office"]


class JwksCache:
    """Fetches identity's public keys, keeps them for ``ttl`` seconds and refetches on an
    unknown key id (key rotation), at most once per ``min_refresh`` seconds."""

    def __init__(self, url: str, *, ttl: float = 300.0, min_refresh: float = 5.0) -> None:
        self._url = url
        self._ttl = ttl
        self._min_refresh = min_refresh
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def keys(self, *, kid: str | None = None) -> KeySet:
        now = time.monotonic()
        stale = self._keys is None or now - self._fetched_at > self._ttl
        unknown = kid is not None and self._keys is not None and not _has_kid(self._keys, kid)
        if stale or (unknown and now - self._fetched_at > self._min_refresh):
            async with self._lock:
                if self._keys is None or time.monotonic() - self._fetched_at > self._min_refresh:
                    await self._fetch()
        if self._keys is None:
            raise Unauthorized(detail="signing keys unavailable")
        return self._keys

    async def _fetch(self) -> None:
        try:
            async with httpx.AsyncClient(timeout=3.0) as client:
                response = await client.get(self._url)
                response.raise_for_status()
            self._keys = KeySet.import_key_set(response.json())
            self._fetched_at = time.monotonic()
        except (httpx.HTTPError, ValueError, JoseError):
            # Keep serving with the keys we have; a first fetch failure surfaces as 401.
            if self._keys is None:
                raise Unauthorized(detail="signing keys unavailable") from None


def _has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)


class TokenVerifier:
    def __init__(self, jwks: JwksCache, *, leeway: int = 5) -> None:
        self._jwks = jwks
        self._leeway = leeway

    async def verify(self, token: str, audience: Audience) -> Principal:
        try:
            kid = _unverified_kid(token)
            keys = await self._jwks.keys(kid=kid)
            # Only RS256 is accepted: this refuses "alg: none" and HS256 signed with the public key.
            decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
            claims = decoded.claims
            jwt.JWTClaimsRegistry(
                leeway=self._leeway,
                iss={"essential": True, "value": audience.issuer},
                aud={"essential": True, "value": audience.audience},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(claims)
        except (JoseError, ValueError) as error:
            raise Unauthorized(detail="invalid token") from error
        return _principal(claims, audience)


def _unverified_kid(token: str) -> str | None:
    header_segment = token.split(".", 1)[0]
    padded = header_segment + "=" * (-len(header_segment) % 4)
    header = json.loads(base64.urlsafe_b64decode(padded))
    if not isinstance(header, dict):
        raise ValueError("bad header")
    kid = header.get("kid")
    return kid if isinstance(kid, str) else None


def _principal(claims: dict[str, Any], audience: Audience) -> Principal:
    if audience.kind == "office":
        scopes = claims.get("scope", "")
        return Principal(
            subject=str(claims["sub"]),
            kind="office",
            scopes=frozenset(str(scopes).split()),
        )
    company = claims.get("company")
    return Principal(
        subject=str(claims["sub"]),
        kind="user",
        company_id=UUID(str(company)) if company else None,
        role=str(claims["role"]) if claims.get("role") else None,
    )


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(detail="missing bearer token")
    return token.strip()


async def current_user(request: Request) -> Principal:
    auth: AuthConfig = request.app.state.auth
    return await auth.verifier.verify(_bearer(request), auth.users)


async def current_office(request: Request) -> Principal:
    auth: AuthConfig = request.app.state.auth
    return await auth.verifier.verify(_bearer(request), auth.office)


def office_with_scopes(*required: str) -> Any:
    """A dependency admitting office systems that hold every scope in ``required``."""

    async def dependency(principal: Annotated[Principal, Depends(current_office)]) -> Principal:
        if not set(required) <= principal.scopes:
            raise Forbidden(detail="missing scope")
        return principal

    return Depends(dependency)


@dataclass(frozen=True)
class AuthConfig:
    verifier: TokenVerifier
    users: Audience
    office: Audience


CurrentUser = Annotated[Principal, Depends(current_user)]
CurrentOffice = Annotated[Principal, Depends(current_office)]
