"""Office systems (OAuth2 clients) in PostgreSQL, with hashed secrets.

The table mirrors the configuration at start-up: ``IDENTITY_CLIENTS`` in production, the two
local clients (secrets generated into the state directory) in local mode.
"""

import hashlib
import hmac
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert

from identity.adapters.orm import oauth_client_table
from identity.settings import LOCAL_CLIENTS, ClientConfig, IdentitySettings
from kernel.db import SessionFactory
from kernel.local_secrets import resolve_secret

_t = oauth_client_table
GRANT_TYPE = "client_credentials"
AUTH_METHOD = "client_secret_basic"


def hash_client_secret(secret: str) -> str:
    """Generated secrets carry 256 bits: a plain SHA-256 is enough (and fast)."""
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()


def check_client_secret(secret_hash: str, secret: str) -> bool:
    if secret_hash.startswith("sha256:"):
        return hmac.compare_digest(hash_client_secret(secret), secret_hash)
    if secret_hash.startswith("$argon2"):
        try:
            return PasswordHasher().verify(secret_hash, secret)
        except (VerificationError, InvalidHashError):
            return False
    return False


@dataclass(frozen=True)
class OfficeClient:
    """An Authlib client (the ClientMixin methods the client-credentials grant calls)."""

    client_id: str
    secret_hash: str
    scopes: frozenset[str]

    def get_client_id(self) -> str:
        return self.client_id

    def check_client_secret(self, client_secret: str) -> bool:
        return check_client_secret(self.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == AUTH_METHOD and endpoint == "token"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == GRANT_TYPE

    def get_allowed_scope(self, scope: str | None) -> str:
        """The requested scopes this client holds; all of its scopes when none are asked."""
        if not scope:
            return " ".join(sorted(self.scopes))
        return " ".join(s for s in scope.split() if s in self.scopes)


def configured_clients(settings: IdentitySettings) -> list[ClientConfig]:
    if not settings.is_local:
        return list(settings.clients)
    local = []
    for client_id, scopes in LOCAL_CLIENTS.items():
        secret = resolve_secret(
            None,
            name=f"client-{client_id}.secret",
            is_local=True,
            state_dir=settings.state_dir,
        )
        local.append(
            ClientConfig(
                client_id=client_id,
                secret_hash=hash_client_secret(secret.get_secret_value().strip()),
                scopes=scopes,
            )
        )
    # Extra clients may be configured in local mode too (a developer's own tool).
    return local + [c for c in settings.clients if c.client_id not in LOCAL_CLIENTS]


class ClientStore:
    def __init__(self, session_factory: SessionFactory) -> None:
        self._session_factory = session_factory

    async def get(self, client_id: str) -> OfficeClient | None:
        async with self._session_factory() as session:
            row = (await session.execute(select(_t).where(_t.c.client_id == client_id))).first()
        if row is None:
            return None
        return OfficeClient(row.client_id, row.secret_hash, frozenset(row.scopes.split()))

    async def replace_all(self, clients: list[ClientConfig]) -> None:
        """Make the table say exactly what the configuration says."""
        async with self._session_factory() as session, session.begin():
            await session.execute(
                delete(_t).where(_t.c.client_id.not_in([c.client_id for c in clients]))
            )
            for client in clients:
                statement = insert(_t).values(
                    client_id=client.client_id,
                    secret_hash=client.secret_hash,
                    scopes=" ".join(sorted(set(client.scopes))),
                )
                await session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[_t.c.client_id],
                        set_={
                            "secret_hash": statement.excluded.secret_hash,
                            "scopes": statement.excluded.scopes,
                            "updated_at": func.now(),
                        },
                    )
                )
