"""OAuth2 client credentials for office systems: Authlib's AuthorizationServer and
ClientCredentialsGrant, bridged to FastAPI (Authlib ships no FastAPI server adapter).

Authlib's server is synchronous; the client row is loaded asynchronously first and the grant
then runs in a worker thread (an argon2-hashed client secret would otherwise block the loop).
"""

import asyncio
import json
import logging
from contextvars import ContextVar
from datetime import timedelta
from typing import Any, ClassVar
from urllib.parse import parse_qsl

from authlib.oauth2 import AuthorizationServer  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.errors import InvalidScopeError  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload, OAuth2Request  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.util import extract_basic_authorization  # type: ignore[import-untyped]
from starlette.requests import Request
from starlette.responses import Response

from identity.adapters.clients import AUTH_METHOD, ClientStore, OfficeClient
from identity.adapters.signing import SigningKey
from identity.settings import IdentitySettings

log = logging.getLogger(__name__)

# Authlib logs issued tokens at debug level ("Issue token ... to ..."): never let that through.
logging.getLogger("authlib").setLevel(logging.WARNING)

MAX_BODY = 4096

_loaded_client: ContextVar[OfficeClient | None] = ContextVar("loaded_client", default=None)


class _TokenRequest:
    """What the synchronous server needs from the HTTP request, read beforehand."""

    def __init__(self, request: Request, form: dict[str, str]) -> None:
        self.method = request.method
        # Authlib refuses non-HTTPS URLs; TLS ends before this process (Kong at the edge, the
        # mesh inside), so the scheme it would see here says nothing about the wire.
        self.uri = str(request.url.replace(scheme="https"))
        self.headers = request.headers  # case-insensitive, as Authlib expects
        self.form = form


class _FormRequest(OAuth2Request):  # type: ignore[misc]
    def __init__(self, source: _TokenRequest) -> None:
        super().__init__(method=source.method, uri=source.uri, headers=source.headers)
        self.payload = BasicOAuth2Payload(source.form)
        self._form = source.form

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


class OfficeClientCredentialsGrant(ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = [AUTH_METHOD]

    def validate_requested_scope(self) -> None:
        """Asking for a scope the client does not hold is an error, not a silent drop."""
        requested = set((self.request.payload.scope or "").split())
        client: OfficeClient = self.request.client
        if not requested <= client.scopes:
            raise InvalidScopeError()


class OfficeAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(
        self, *, clients: ClientStore, signing_key: SigningKey, settings: IdentitySettings
    ) -> None:
        super().__init__()
        self._clients = clients
        self._signing_key = signing_key
        self._settings = settings
        self.register_grant(OfficeClientCredentialsGrant)
        self.register_token_generator("default", self._generate_token)

    # --- the FastAPI side ----------------------------------------------------------------

    async def token_response(self, request: Request) -> Response:
        body = await request.body()
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        form: dict[str, str] = {}
        if len(body) <= MAX_BODY and content_type == "application/x-www-form-urlencoded":
            try:
                form = dict(parse_qsl(body.decode(), strict_parsing=False, max_num_fields=20))
            except (UnicodeDecodeError, ValueError):
                form = {}
        client_id, _ = extract_basic_authorization(request.headers)
        client = await self._clients.get(client_id) if client_id else None
        token = _loaded_client.set(client)
        try:
            response: Response = await asyncio.to_thread(
                self.create_token_response, _TokenRequest(request, form)
            )
        finally:
            _loaded_client.reset(token)
        return response

    # --- what Authlib asks of a framework integration ------------------------------------

    def query_client(self, client_id: str) -> OfficeClient | None:
        client = _loaded_client.get()
        return client if client is not None and client.client_id == client_id else None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        # Tokens are self-contained JWTs: nothing to store. One line for the audit trail,
        # without the token.
        log.info(
            "office token issued to %s (scope %s)", request.client.client_id, token.get("scope")
        )

    def create_oauth2_request(self, request: _TokenRequest) -> OAuth2Request:
        return _FormRequest(request)

    def create_json_request(self, request: _TokenRequest) -> OAuth2Request:
        return _FormRequest(request)

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        content = json.dumps(body) if isinstance(body, dict) else str(body)
        response = Response(content, status_code=status, media_type="application/json")
        for name, value in headers:
            if name.lower() != "content-type":
                response.headers[name] = value
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Basic realm="guichet-office"'
        return response

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    # --- the token itself ----------------------------------------------------------------

    def _generate_token(
        self,
        grant_type: str,
        client: OfficeClient,
        user: Any = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = False,
    ) -> dict[str, Any]:
        granted = client.get_allowed_scope(scope)
        lifetime = timedelta(minutes=self._settings.office_token_minutes)
        access_token = self._signing_key.office_token(
            self._settings,
            client_id=client.client_id,
            scopes=granted.split(),
            lifetime=lifetime,
        )
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": int(lifetime.total_seconds()),
            "scope": granted,
        }
