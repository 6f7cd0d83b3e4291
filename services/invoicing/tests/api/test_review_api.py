"""The office's queue and decisions, corrections by the institution ("Modifier ma demande"),
optimistic concurrency on revisions, and the events each change writes to the outbox."""

import asyncio
import json
from typing import Any
from uuid import UUID, uuid4

import pytest

from .support import other_invoice

pytestmark = pytest.mark.stack

BASE = "/api/invoicing/invoices"
OFFICE = "/internal/invoicing/invoices"


async def events(db: Any, invoice_id: str) -> list[dict[str, Any]]:
    rows = await db(
        "SELECT event_type, convert_from(payload, 'UTF8') AS payload FROM outbox_message "
        "WHERE key = :k ORDER BY created_at, id",
        k=invoice_id,
    )
    return [{"type": r.event_type, **json.loads(r.payload)} for r in rows]


@pytest.fixture
async def sent(api, institution, user_headers) -> tuple[Any, dict[str, Any]]:
    company = institution()
    response = await api.post(BASE, json=other_invoice(company), headers=user_headers(company))
    assert response.status_code == 201, response.text
    return company, response.json()


async def test_accepting_changes_the_status_and_tells_the_submitter(
    api, db, sent, office_headers, user_headers
) -> None:
    company, invoice = sent

    response = await api.post(
        f"{OFFICE}/{invoice['id']}/accept", json={"revision": 1}, headers=office_headers()
    )

    assert response.status_code == 200, response.text
    decided = response.json()
    assert (decided["status"], decided["revision"], decided["version"]) == ("accepted", 2, 1)
    assert decided["institution_id"] == str(company.id)
    assert [h["status"] for h in decided["history"]] == ["submitted", "accepted"]
    assert decided["history"][1]["by"] == "Office AI"
    submitted, accepted = await events(db, invoice["id"])
    assert submitted["type"] == "invoicing.InvoiceSubmitted"
    assert accepted["type"] == "invoicing.InvoiceAccepted"
    assert accepted["submitter"]["email"] == "jean@example.ch"
    assert (accepted["version"], accepted["reference"]) == (1, invoice["reference"])
    seen = await api.get(f"{BASE}/{invoice['id']}", headers=user_headers(company))
    assert seen.json()["status"] == "accepted"
    (audit,) = await db(
        "SELECT * FROM audit_entry WHERE invoice_id = :i AND action = 'accepted'",
        i=UUID(invoice["id"]),
    )
    assert audit.subject == "office-test"


async def test_a_correction_request_then_a_corrected_version_back_to_review(
    api, db, sent, office_headers, user_headers
) -> None:
    company, invoice = sent
    asked = await api.post(
        f"{OFFICE}/{invoice['id']}/request-correction",
        json={"revision": 1, "message": "Joignez la facture du fournisseur."},
        headers=office_headers(),
    )
    assert asked.status_code == 200, asked.text
    to_correct = await api.get(BASE, params={"view": "to_correct"}, headers=user_headers(company))
    assert [row["id"] for row in to_correct.json()["items"]] == [invoice["id"]]
    shown = (await api.get(f"{BASE}/{invoice['id']}", headers=user_headers(company))).json()
    assert shown["status"] == "correction_requested"
    assert shown["correction_message"] == "Joignez la facture du fournisseur."
    body = other_invoice(company, remark="Facture jointe")
    del body["form"]
    body["content"]["lines"][0]["quantity"] = "3"

    corrected = await api.put(
        f"{BASE}/{invoice['id']}",
        json={**body, "revision": shown["revision"]},
        headers={**user_headers(company), "Idempotency-Key": str(uuid4())},
    )

    assert corrected.status_code == 200, corrected.text
    again = corrected.json()
    assert (again["status"], again["version"], again["revision"]) == ("submitted", 2, 3)
    assert again["total"] == "286.50"
    assert again["remark"] == "Facture jointe"
    assert [v["version"] for v in again["versions"]] == [1, 2]
    assert again["correction_message"] == ""
    assert again["reference"] == invoice["reference"]
    kinds = [e["type"] for e in await events(db, invoice["id"])]
    assert kinds == [
        "invoicing.InvoiceSubmitted",
        "invoicing.InvoiceCorrectionRequested",
        "invoicing.InvoiceSubmitted",
    ]
    latest = (await events(db, invoice["id"]))[-1]
    assert (latest["version"], latest["total"]) == (2, "286.50")
    assert latest["printable"]["remark"] == "Facture jointe"
    office_view = (await api.get(f"{OFFICE}/{invoice['id']}", headers=office_headers())).json()
    assert [(v["version"], v["total"]) for v in office_view["versions"]] == [
        (1, "191.00"),
        (2, "286.50"),
    ]
    empty = await api.get(BASE, params={"view": "to_correct"}, headers=user_headers(company))
    assert empty.json()["items"] == []


async def test_a_correction_is_only_possible_when_requested_and_on_the_current_revision(
    api, sent, office_headers, user_headers
) -> None:
    company, invoice = sent
    body = other_invoice(company)
    del body["form"]
    url = f"{BASE}/{invoice['id']}"

    early = await api.put(url, json={**body, "revision": 1}, headers=user_headers(company))
    await api.post(
        f"{OFFICE}/{invoice['id']}/request-correction",
        json={"revision": 1, "message": "Le tarif est faux."},
        headers=office_headers(),
    )
    stale = await api.put(url, json={**body, "revision": 1}, headers=user_headers(company))

    assert (early.status_code, early.json()["code"]) == (409, "not_awaiting_correction")
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_revision")


async def test_a_stale_revision_and_a_decided_invoice_are_conflicts(
    api, db, sent, office_headers
) -> None:
    _, invoice = sent
    url = f"{OFFICE}/{invoice['id']}"

    first = await api.post(f"{url}/accept", json={"revision": 1}, headers=office_headers())
    stale = await api.post(
        f"{url}/refuse", json={"revision": 1, "reason": "Non."}, headers=office_headers()
    )
    decided = await api.post(
        f"{url}/refuse", json={"revision": 2, "reason": "Non."}, headers=office_headers()
    )

    assert first.status_code == 200
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_revision")
    assert (decided.status_code, decided.json()["code"]) == (409, "not_under_review")
    assert len(await events(db, invoice["id"])) == 2


async def test_two_agents_deciding_at_once_make_one_decision(api, db, sent, office_headers) -> None:
    _, invoice = sent
    url = f"{OFFICE}/{invoice['id']}"

    answers = await asyncio.gather(
        api.post(f"{url}/accept", json={"revision": 1}, headers=office_headers()),
        api.post(f"{url}/refuse", json={"revision": 1, "reason": "Non."}, headers=office_headers()),
        api.post(
            f"{url}/request-correction",
            json={"revision": 1, "message": "Corrigez."},
            headers=office_headers(),
        ),
    )

    assert sorted(a.status_code for a in answers) == [200, 409, 409]
    ((history,),) = await db(
        "SELECT count(*) FROM invoice_event WHERE invoice_id = :i", i=UUID(invoice["id"])
    )
    assert history == 2
    assert len(await events(db, invoice["id"])) == 2


async def test_refusing_needs_a_reason_and_tells_it(api, db, sent, office_headers) -> None:
    _, invoice = sent
    url = f"{OFFICE}/{invoice['id']}/refuse"

    blank = await api.post(url, json={"revision": 1, "reason": "  "}, headers=office_headers())
    refused = await api.post(
        url, json={"revision": 1, "reason": "Décision échue."}, headers=office_headers()
    )

    assert blank.status_code == 422
    assert [e["field"] for e in blank.json()["errors"]] == ["reason"]
    assert refused.status_code == 200
    last = (await events(db, invoice["id"]))[-1]
    assert (last["type"], last["reason"]) == ("invoicing.InvoiceRefused", "Décision échue.")


async def test_the_queue_lists_the_oldest_first_and_filters(
    api, institution, user_headers, office_headers
) -> None:
    company = institution()
    ids = []
    for _ in range(3):
        response = await api.post(BASE, json=other_invoice(company), headers=user_headers(company))
        ids.append(response.json()["id"])
    await api.post(f"{OFFICE}/{ids[1]}/accept", json={"revision": 1}, headers=office_headers())
    params = {"institution_id": str(company.id), "status": "submitted", "limit": 1}

    first = await api.get(OFFICE, params=params, headers=office_headers())
    second = await api.get(
        OFFICE, params={**params, "cursor": first.json()["next_cursor"]}, headers=office_headers()
    )
    by_form = await api.get(
        OFFICE,
        params={"institution_id": str(company.id), "form": "318.536"},
        headers=office_headers(),
    )

    assert [r["id"] for r in first.json()["items"]] == [ids[0]]
    assert [r["id"] for r in second.json()["items"]] == [ids[2]]
    assert second.json()["next_cursor"] is None
    assert first.json()["items"][0]["institution_id"] == str(company.id)
    assert by_form.json()["items"] == []


async def test_office_routes_need_the_review_scope(api, sent, office_headers, user_headers) -> None:
    company, invoice = sent

    wrong_scope = await api.get(OFFICE, headers=office_headers("registrations:review"))
    user = await api.get(OFFICE, headers=user_headers(company))
    decision = await api.post(
        f"{OFFICE}/{invoice['id']}/accept",
        json={"revision": 1},
        headers=office_headers("registrations:review"),
    )

    assert wrong_scope.status_code == 403
    assert user.status_code == 401
    assert decision.status_code == 403


async def test_another_institutions_invoice_is_not_found(
    api, sent, institution, user_headers
) -> None:
    _, invoice = sent
    stranger = institution()
    body = other_invoice(stranger)
    del body["form"]

    read = await api.get(f"{BASE}/{invoice['id']}", headers=user_headers(stranger))
    change = await api.put(
        f"{BASE}/{invoice['id']}", json={**body, "revision": 1}, headers=user_headers(stranger)
    )
    listed = await api.get(BASE, headers=user_headers(stranger))

    assert (read.status_code, read.json()["code"]) == (404, "invoice_not_found")
    assert change.status_code == 404
    assert listed.json()["items"] == []


async def test_the_audit_log_shows_reads_and_changes(
    api, sent, office_headers, user_headers
) -> None:
    company, invoice = sent
    await api.get(f"{BASE}/{invoice['id']}", headers=user_headers(company))

    response = await api.get(
        "/internal/invoicing/audit",
        params={"institution_id": str(company.id), "invoice_id": invoice["id"]},
        headers=office_headers("audit:read"),
    )

    assert response.status_code == 200
    assert [e["action"] for e in response.json()] == ["read", "send"]
    assert {e["subject"] for e in response.json()} == {str(company.member)}
