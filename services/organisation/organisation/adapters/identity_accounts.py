"""Identity's account API, called directly (not through the gateway) with a client-credentials
token of client ``organisation-service`` (scopes ``accounts:create accounts:invite``)."""

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
from pydantic import SecretStr

from kernel import correlation
from kernel.i18n import Language
from organisation.application.ports import (
    AccountFieldError,
    AccountRefused,
    AccountsUnavailable,
    Invitation,
    NewAccount,
)

log = logging.getLogger(__name__)

GRANT_PATH = "/api/identity/oauth/token"
ACCOUNTS_PATH = "/internal/identity/accounts"
INVITATIONS_PATH = "/internal/identity/invitations"
SCOPE = "accounts:create accounts:invite"


class ClientCredentials:
    """An OAuth2 client-credentials token, kept until shortly before it expires."""

    def __init__(
        self,
        *,
        client_id: str,
        secret: Callable[[], SecretStr],
        scope: str = SCOPE,
        margin: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client_id = client_id
        # Read at each fetch: in local mode the secret is a file identity writes at its start.
        self._secret = secret
        self._scope = scope
        self._margin = margin
        self._clock = clock
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock: asyncio.Lock | None = None

    async def token(self, http: httpx.AsyncClient) -> str:
        if self._token is not None and self._clock() < self._renew_at:
            return self._token
        self._lock = self._lock or asyncio.Lock()
        async with self._lock:
            # Another request may have fetched it while this one waited.
            if self._token is None or self._clock() >= self._renew_at:
                await self._fetch(http)
            assert self._token is not None
            return self._token

    def forget(self) -> None:
        """Drop the cached token (identity refused it: its key may have been rotated)."""
        self._token = None

    async def _fetch(self, http: httpx.AsyncClient) -> None:
        secret = self._secret().get_secret_value().strip()
        started = self._clock()
        response = await http.post(
            GRANT_PATH,
            data={"grant_type": "client_credentials", "scope": self._scope},
            auth=(self._client_id, secret),
            headers=_correlation(),
        )
        if response.status_code != 200:
            raise AccountsUnavailable(
                f"token endpoint answered {response.status_code} for client {self._client_id}"
            )
        try:
            body = response.json()
            token = str(body["access_token"])
            lifetime = float(body.get("expires_in", 60))
        except (ValueError, KeyError, TypeError) as error:
            raise AccountsUnavailable(
                f"token endpoint answered an unreadable body: {error}"
            ) from None
        # Renew a little before expiry (at most a tenth of a short lifetime early).
        self._renew_at = started + lifetime - min(self._margin, lifetime / 10)
        self._token = token


class IdentityAccountsClient:
    """Implements ``IdentityAccounts`` over HTTP."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: ClientCredentials,
        timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._credentials = credentials
        self._timeout = httpx.Timeout(timeout, connect=min(timeout, 2.0))
        self._transport = transport

    async def create_account(self, account: NewAccount, *, language: Language) -> None:
        body = {
            "account_id": str(account.account_id),
            "email": account.email,
            "password": account.password,
            "mobile": account.mobile,
            "language": account.language,
            "first_name": account.first_name,
            "last_name": account.last_name,
        }
        async with httpx.AsyncClient(
            base_url=self._base_url, timeout=self._timeout, transport=self._transport
        ) as http:
            response = await self._post(http, body, language)
        _interpret(response)

    async def invite(self, invitation: Invitation, *, language: Language) -> None:
        body = {
            "account_id": str(invitation.account_id),
            "email": invitation.email,
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
            "mobile": invitation.mobile,
            "language": invitation.language,
            "company_id": str(invitation.company_id),
            "company_name": invitation.company_name,
            "role": invitation.role.value,
        }
        async with httpx.AsyncClient(
            base_url=self._base_url, timeout=self._timeout, transport=self._transport
        ) as http:
            response = await self._post(http, body, language, path=INVITATIONS_PATH)
        _interpret(response)

    async def _post(
        self,
        http: httpx.AsyncClient,
        body: dict[str, str],
        language: Language,
        *,
        path: str = ACCOUNTS_PATH,
    ) -> httpx.Response:
        for attempt in (1, 2):
            try:
                token = await self._credentials.token(http)
                response = await http.post(
                    path,
                    json=body,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Accept-Language": language,
                        **_correlation(),
                    },
                )
            except httpx.TransportError as error:
                # Retried once with the same account id: if the first attempt did create the
                # account before the connection broke, identity answers 200 to the retry.
                if attempt == 1:
                    log.warning("identity unreachable, retrying once: %r", error)
                    continue
                raise AccountsUnavailable(f"identity unreachable: {error!r}") from None
            if response.status_code == 401 and attempt == 1:
                self._credentials.forget()
                continue
            return response
        raise AccountsUnavailable("identity refused the service's token twice")


def _interpret(response: httpx.Response) -> None:
    if response.status_code in (200, 201):
        return
    if response.status_code == 422:
        errors = _field_errors(response)
        if errors:
            raise AccountRefused(errors)
    # Anything else (a conflict on the account id, a server error) is not the applicant's to
    # fix: logged by the caller, answered as "try again later".
    raise AccountsUnavailable(f"identity answered {response.status_code}: {response.text[:300]!r}")


def _field_errors(response: httpx.Response) -> list[AccountFieldError]:
    """The ``errors`` of identity's problem+json answer."""
    try:
        problem: Any = response.json()
    except ValueError:
        return []
    errors = problem.get("errors") if isinstance(problem, dict) else None
    return [
        AccountFieldError(
            field=str(error.get("field", "")),
            code=str(error.get("code", "invalid")),
            message=str(error.get("message", "")),
        )
        for error in errors or []
        if isinstance(error, dict)
    ]


def _correlation() -> dict[str, str]:
    cid = correlation.correlation_id.get()
    return {correlation.HEADER: cid} if cid else {}
