"""The data an invoice freezes at sending, read from its owners with the caller's own access
token (each owner applies its company scope: another institution's object answers 404).

Identity (the submitter), organisation (institution, company bank account), beneficiary and
documents (each attachment) are called directly, concurrently, over keep-alive connections.
"""

import asyncio
import logging
from datetime import date
from typing import Any
from uuid import UUID

import httpx

from invoicing.application.ports import (
    BankFacts,
    BeneficiaryFacts,
    DirectoryUnavailable,
    FileFacts,
    InstitutionFacts,
    Lookup,
    Person,
    SessionEnded,
    Sources,
)
from kernel import correlation

log = logging.getLogger(__name__)

ME = "/api/identity/me"
INSTITUTION = "/api/organisation/institution"
BANK_ACCOUNT = "/api/organisation/bank-accounts/{id}"
BENEFICIARY = "/api/beneficiary/beneficiaries/{id}"
FILE = "/api/documents/files/{id}"
# An owner that hides an object from the caller answers 404; organisation's bank accounts
# answer 403 to collaborators. Both mean "not something this caller may name".
HIDDEN = (403, 404)


class HttpDirectory:
    """Implements ``Directory`` over HTTP."""

    def __init__(
        self,
        *,
        identity_url: str,
        organisation_url: str,
        beneficiary_url: str,
        documents_url: str,
        timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._identity = identity_url.rstrip("/")
        self._organisation = organisation_url.rstrip("/")
        self._beneficiary = beneficiary_url.rstrip("/")
        self._documents = documents_url.rstrip("/")
        self._timeout = httpx.Timeout(timeout, connect=min(timeout, 2.0))
        self._transport = transport
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _http(self, url: str) -> httpx.AsyncClient:
        # One keep-alive client per owner, created on first use inside the serving event loop:
        # httpcore scans every pooled connection of a client at each request, so four small
        # pools cost less than one big one, and every concurrent call keeps its connection.
        origin = url.split("/api/", 1)[0]
        client = self._clients.get(origin)
        if client is None:
            client = self._clients[origin] = httpx.AsyncClient(
                timeout=self._timeout,
                transport=self._transport,
                limits=httpx.Limits(max_keepalive_connections=64, keepalive_expiry=30.0),
            )
        return client

    async def aclose(self) -> None:
        clients, self._clients = self._clients, {}
        for client in clients.values():
            await client.aclose()

    async def read(self, token: str, lookup: Lookup) -> Sources:
        headers = {"Authorization": f"Bearer {token}", **_correlation()}
        calls: list[Any] = [
            self._get(self._identity + ME, headers),
            self._get(self._organisation + INSTITUTION, headers),
            self._optional(self._beneficiary + BENEFICIARY, lookup.beneficiary_id, headers),
            self._optional(self._organisation + BANK_ACCOUNT, lookup.bank_account_id, headers),
            *(self._optional(self._documents + FILE, i, headers) for i in lookup.file_ids),
        ]
        me, institution, beneficiary, account, *files = await asyncio.gather(*calls)
        if me is None:
            raise SessionEnded()
        if institution is None:
            raise DirectoryUnavailable("organisation does not know the caller's institution")
        try:
            return Sources(
                submitter=_person(me),
                institution=InstitutionFacts(name=institution["name"], gln=institution["gln"]),
                beneficiary=_beneficiary(beneficiary) if beneficiary else None,
                bank_account=BankFacts(iban=account["iban"], holder=account["holder"])
                if account
                else None,
                files=tuple(_file(f) if f else None for f in files),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise DirectoryUnavailable(f"unreadable answer: {error!r}") from None

    async def _optional(
        self, template: str, ident: UUID | None, headers: dict[str, str]
    ) -> dict[str, Any] | None:
        if ident is None:
            return None
        return await self._get(template.format(id=ident), headers)

    async def _get(self, url: str, headers: dict[str, str]) -> dict[str, Any] | None:
        try:
            response = await self._http(url).get(url, headers=headers)
        except httpx.TransportError as error:
            log.warning("directory unreachable: %s %r", url, error)
            raise DirectoryUnavailable(f"{url} unreachable") from None
        if response.status_code in HIDDEN:
            return None
        if response.status_code == 401:
            raise SessionEnded()
        if response.status_code != 200:
            log.warning("directory answered %s for %s", response.status_code, url)
            raise DirectoryUnavailable(f"{url} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise DirectoryUnavailable(f"{url} answered no JSON") from None
        if not isinstance(body, dict):
            raise DirectoryUnavailable(f"{url} answered no object")
        return body


def _person(me: dict[str, Any]) -> Person:
    language = me.get("language")
    return Person(
        account_id=UUID(str(me["account_id"])),
        email=str(me["email"]),
        first_name=str(me["first_name"]),
        last_name=str(me["last_name"]),
        language=language if language in ("fr", "de", "it") else "fr",
    )


def _beneficiary(body: dict[str, Any]) -> BeneficiaryFacts:
    address = body["address"]
    bank = body.get("bank")
    first_name, last_name = str(body["first_name"]), str(body["last_name"])
    return BeneficiaryFacts(
        id=UUID(str(body["id"])),
        first_name=first_name,
        last_name=last_name,
        avs="".join(c for c in str(body["avs"]) if c.isdigit()),
        birth_date=date.fromisoformat(str(body["birth_date"])),
        address=(str(address["street"]), f"{address['postcode']} {address['locality']}"),
        # Paid to the beneficiary: the account holder is the beneficiary unless named.
        bank=BankFacts(
            iban=str(bank["iban"]), holder=bank.get("holder") or f"{first_name} {last_name}"
        )
        if bank
        else None,
    )


def _file(body: dict[str, Any]) -> FileFacts:
    return FileFacts(
        id=UUID(str(body["id"])), filename=str(body["filename"]), purpose=str(body["purpose"])
    )


def _correlation() -> dict[str, str]:
    cid = correlation.correlation_id.get()
    return {correlation.HEADER: cid} if cid else {}
