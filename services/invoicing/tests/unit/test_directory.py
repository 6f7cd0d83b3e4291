"""The directory adapter: one concurrent read per owner with the caller's token, "not found"
kept apart from failures."""

from typing import Any
from uuid import uuid4

import httpx
import pytest

from invoicing.adapters.directory import HttpDirectory
from invoicing.application.ports import DirectoryUnavailable, Lookup, SessionEnded

ACCOUNT, BENEFICIARY, BANK_ACCOUNT, FILE, MISSING = (uuid4() for _ in range(5))

ANSWERS: dict[str, tuple[int, dict[str, Any]]] = {
    "identity/api/identity/me": (
        200,
        {
            "account_id": str(ACCOUNT),
            "email": "jean@example.ch",
            "first_name": "Jean",
            "last_name": "Dupont",
            "language": "de",
        },
    ),
    "organisation/api/organisation/institution": (
        200,
        {"name": "Atelier Rhône SA", "gln": "7601001234567"},
    ),
    f"organisation/api/organisation/bank-accounts/{BANK_ACCOUNT}": (
        200,
        {"iban": "CH9300762011623852957", "holder": "Atelier Rhône SA"},
    ),
    f"beneficiary/api/beneficiary/beneficiaries/{BENEFICIARY}": (
        200,
        {
            "id": str(BENEFICIARY),
            "first_name": "Élodie",
            "last_name": "Müller",
            "avs": "756.1234.5678.97",
            "birth_date": "2012-04-12",
            "address": {"street": "Rue du Rhône 3", "postcode": "1950", "locality": "Sion"},
            "bank": {"iban": "CH5604835012345678009", "holder": None},
        },
    ),
    f"documents/api/documents/files/{FILE}": (
        200,
        {"id": str(FILE), "filename": "facture.pdf", "purpose": "invoice_attachment"},
    ),
}


def directory(answers: dict[str, tuple[int, dict[str, Any]]], seen: list[httpx.Request]):
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status, body = answers.get(f"{request.url.host}{request.url.path}", (404, {}))
        return httpx.Response(status, json=body)

    return HttpDirectory(
        identity_url="http://identity",
        organisation_url="http://organisation",
        beneficiary_url="http://beneficiary/",
        documents_url="http://documents",
        transport=httpx.MockTransport(handle),
    )


async def test_reads_every_owner_with_the_callers_token() -> None:
    seen: list[httpx.Request] = []
    lookup = Lookup(BENEFICIARY, BANK_ACCOUNT, (FILE, MISSING))

    sources = await directory(ANSWERS, seen).read("the-token", lookup)

    assert {r.headers["authorization"] for r in seen} == {"Bearer the-token"}
    assert len(seen) == 6
    assert (sources.submitter.short_name, sources.submitter.language) == ("Jean D.", "de")
    assert sources.institution.gln == "7601001234567"
    assert sources.bank_account is not None
    assert sources.bank_account.holder == "Atelier Rhône SA"
    beneficiary = sources.beneficiary
    assert beneficiary is not None
    assert beneficiary.avs == "7561234567897"
    assert beneficiary.address == ("Rue du Rhône 3", "1950 Sion")
    assert beneficiary.bank is not None
    assert beneficiary.bank.holder == "Élodie Müller"
    assert [f.filename if f else None for f in sources.files] == ["facture.pdf", None]


async def test_another_institutions_objects_read_as_absent() -> None:
    seen: list[httpx.Request] = []
    hidden = {
        **ANSWERS,
        f"organisation/api/organisation/bank-accounts/{BANK_ACCOUNT}": (403, {}),
    }

    sources = await directory(hidden, seen).read("t", Lookup(MISSING, BANK_ACCOUNT, ()))

    assert (sources.beneficiary, sources.bank_account) == (None, None)


async def test_an_ended_session_and_a_failing_owner_are_told_apart() -> None:
    ended = {**ANSWERS, "identity/api/identity/me": (401, {})}
    failing = {**ANSWERS, "organisation/api/organisation/institution": (500, {})}

    with pytest.raises(SessionEnded):
        await directory(ended, []).read("t", Lookup(None, None, ()))
    with pytest.raises(DirectoryUnavailable):
        await directory(failing, []).read("t", Lookup(None, None, ()))


async def test_an_unreachable_owner_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    unreachable = HttpDirectory(
        identity_url="http://identity",
        organisation_url="http://organisation",
        beneficiary_url="http://beneficiary",
        documents_url="http://documents",
        transport=httpx.MockTransport(refuse),
    )

    with pytest.raises(DirectoryUnavailable):
        await unreachable.read("t", Lookup(None, None, ()))
