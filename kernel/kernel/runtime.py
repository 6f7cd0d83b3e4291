"""The objects one service process builds from its settings (engine, sessions, auth)."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.auth import Audience, AuthConfig, JwksCache, TokenVerifier
from kernel.db import SessionFactory, make_engine, make_session_factory
from kernel.settings import ServiceSettings


@dataclass(frozen=True)
class Runtime:
    settings: ServiceSettings
    engine: AsyncEngine
    session_factory: SessionFactory
    auth: AuthConfig


def build_runtime(
    settings: ServiceSettings, *, jwks: JwksCache | None = None, pool_size: int = 10
) -> Runtime:
    """Creates objects only; nothing connects until first use. Tests pass their own ``jwks``."""
    engine = make_engine(settings.database_url.get_secret_value(), pool_size=pool_size)
    auth = AuthConfig(
        verifier=TokenVerifier(jwks or JwksCache(settings.jwks_url)),
        users=Audience(settings.jwt_issuer, settings.jwt_audience, "user"),
        office=Audience(settings.office_issuer, settings.office_audience, "office"),
    )
    return Runtime(settings, engine, make_session_factory(engine), auth)
