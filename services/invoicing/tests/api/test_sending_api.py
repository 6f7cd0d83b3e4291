"""Sending invoices on the real database: what is stored and announced, refusals field by
field, idempotency, the duplicate-month rule, quotes and tenant isolation."""

import asyncio
import json
from typing import Any
from uuid import UUID, uuid4

import pytest

from .support import KEY, helplessness_invoice, other_invoice

pytestmark = pytest.mark.stack

BASE = "/api/invoicing/invoices"


async def outbox(db: Any, invoice_id: str) -> list[Any]:
    return await db(
        "SELECT event_type, topic, convert_from(payload, 'UTF8') AS payload FROM outbox_message "
        "WHERE key = :k ORDER BY created_at",
        k=invoice_id,
    )


async def test_sending_stores_the_invoice_its_version_history_event_and_audit(
    api, db, institution, user_headers
) -> None:
    company = institution()

    response = await api.post(
        BASE,
        json=other_invoice(company),
        headers={**user_headers(company), "Idempotency-Key": "k1"},
    )

    assert response.status_code == 201, response.text
    sent = response.json()
    assert sent["reference"].startswith("F-20")
    assert len(sent["reference"].split("-")[2]) >= 6
    assert (sent["status"], sent["version"], sent["revision"]) == ("submitted", 1, 1)
    assert sent["total"] == "191.00"
    assert sent["lines"][0]["amount"] == "191.00"
    assert sent["summary"] == "Facture 03.07.2025"
    assert sent["submitted_by"] == {"account_id": str(company.member), "name": "Jean D."}
    assert sent["beneficiary"]["last_name"] == "Müller"
    assert sent["beneficiary"]["avs"].count(".") == 3
    assert sent["payee"] == {
        "kind": "company",
        "bank_account_id": str(company.account),
        "iban": "CH9300762011623852957",
        "holder": "Atelier Rhône SA",
    }
    assert sent["decision"] == {"number": "32320251000896", "description": "Mesures"}
    assert sent["attachments"] == [
        {"file_id": str(company.file), "kind": "other", "filename": "facture.pdf"}
    ]
    assert [h["status"] for h in sent["history"]] == ["submitted"]
    assert sent["history"][0]["by"] == "Jean D."
    assert [v["version"] for v in sent["versions"]] == [1]

    (row,) = await db("SELECT * FROM invoice WHERE id = :i", i=UUID(sent["id"]))
    assert (row.institution_id, row.beneficiary_name_key) == (company.id, "muller elodie")
    assert row.beneficiary_avs == company.avs()
    (event,) = await outbox(db, sent["id"])
    assert (event.event_type, event.topic) == ("invoicing.InvoiceSubmitted", "invoicing.invoice")
    payload = json.loads(event.payload)
    assert payload["submitter"]["email"] == "jean@example.ch"
    assert payload["submitter"]["language"] == "fr"
    assert payload["decision_number"] == "32320251000896"
    assert payload["save_decision"] is True
    assert payload["bank_account_id"] == str(company.account)
    assert payload["total"] == "191.00"
    copy = payload["printable"]
    assert copy["language"] == "fr"
    assert copy["form_title"] == "Autre facture"
    assert copy["reference"] == sent["reference"]
    assert copy["institution_name"] == "Atelier Rhône SA"
    assert copy["beneficiary_name"] == "Élodie Müller"
    assert copy["decision_number"] == "323.2025.1000896"
    assert copy["iban"] == "CH93 0076 2011 6238 5295 7"
    assert copy["lines"][0]["amount"] == "191.00"
    (audit,) = await db("SELECT * FROM audit_entry WHERE invoice_id = :i", i=UUID(sent["id"]))
    assert (audit.action, audit.subject) == ("send", str(company.member))


async def test_the_printable_copy_is_in_the_submitters_language_and_the_answer_in_the_callers(
    api, db, institution, user_headers
) -> None:
    company = institution()
    german = company.add_member(uuid4(), "Hans", "Keller", "de")

    response = await api.post(
        BASE,
        json=other_invoice(company),
        headers={**user_headers(company, german), "Accept-Language": "fr"},
    )

    assert response.status_code == 201, response.text
    assert response.json()["summary"] == "Facture 03.07.2025"
    (event,) = await outbox(db, response.json()["id"])
    copy = json.loads(event.payload)["printable"]
    assert (copy["language"], copy["form_title"]) == ("de", "Andere Rechnung")
    detail = await api.get(
        f"{BASE}/{response.json()['id']}",
        headers={**user_headers(company), "Accept-Language": "de"},
    )
    assert detail.json()["summary"] == "Rechnung 03.07.2025"


async def test_the_same_key_and_body_answers_the_first_invoice_and_another_body_is_refused(
    api, db, institution, user_headers
) -> None:
    company = institution()
    headers = {**user_headers(company), "Idempotency-Key": str(uuid4())}

    first = await api.post(BASE, json=other_invoice(company), headers=headers)
    again = await api.post(BASE, json=other_invoice(company), headers=headers)
    other = await api.post(BASE, json=other_invoice(company, remark="changed"), headers=headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=company.id)
    assert count == 1


async def test_a_double_click_creates_exactly_one_invoice(
    api, db, institution, user_headers
) -> None:
    company = institution()
    headers = {**user_headers(company), "Idempotency-Key": str(uuid4())}

    answers = await asyncio.gather(
        *(api.post(BASE, json=other_invoice(company), headers=headers) for _ in range(4))
    )

    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
    assert len({a.json()["id"] for a in answers}) == 1
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=company.id)
    assert count == 1
    assert len(await outbox(db, answers[0].json()["id"])) == 1


async def test_another_institutions_beneficiary_account_and_file_are_field_errors(
    api, db, institution, user_headers
) -> None:
    mine, theirs = institution(), institution()
    body = other_invoice(
        mine,
        beneficiary_id=str(theirs.beneficiary),
        payee={"kind": "company", "bank_account_id": str(theirs.account)},
        attachments=[{"file_id": str(theirs.file), "kind": "other"}],
    )

    response = await api.post(BASE, json=body, headers=user_headers(mine))

    assert response.status_code == 422
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert errors == {
        ("beneficiary_id", "not_found"),
        ("payee.bank_account_id", "not_found"),
        ("attachments[0].file_id", "not_found"),
    }
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=mine.id)
    assert count == 0


async def test_field_errors_are_in_the_callers_language(api, institution, user_headers) -> None:
    company = institution()
    body = other_invoice(company, invoice_number="")

    french = await api.post(BASE, json=body, headers=user_headers(company))
    german = await api.post(
        BASE, json=body, headers={**user_headers(company), "Accept-Language": "de-CH"}
    )

    assert french.status_code == german.status_code == 422
    (fr,) = french.json()["errors"]
    (de,) = german.json()["errors"]
    assert (fr["field"], fr["code"]) == ("invoice_number", "required")
    assert fr["message"] == "Le champ N° de facture est obligatoire."
    assert de["message"] == "Das Feld Rechnungsnr. ist obligatorisch."


async def test_a_file_not_uploaded_as_an_attachment_and_missing_bank_details_are_refused(
    api, institution, user_headers
) -> None:
    company = institution()
    power_of_attorney = company.add_file(uuid4(), purpose="power_of_attorney")
    unbanked = company.add_beneficiary(uuid4(), "Rossi", "Luca", bank=False)
    body = other_invoice(
        company,
        beneficiary_id=str(unbanked),
        payee={"kind": "beneficiary"},
        attachments=[{"file_id": str(power_of_attorney), "kind": "other"}],
    )

    response = await api.post(BASE, json=body, headers=user_headers(company))

    assert response.status_code == 422
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert errors == {
        ("payee.kind", "no_bank_details"),
        ("attachments[0].file_id", "not_an_invoice_attachment"),
    }


async def test_paid_to_the_beneficiary_uses_the_beneficiarys_account(
    api, institution, user_headers
) -> None:
    company = institution()

    response = await api.post(
        BASE,
        json=other_invoice(company, payee={"kind": "beneficiary"}),
        headers=user_headers(company),
    )

    assert response.status_code == 201, response.text
    assert response.json()["payee"] == {
        "kind": "beneficiary",
        "bank_account_id": None,
        "iban": "CH5604835012345678009",
        "holder": "Élodie Müller",
    }


async def test_one_invoice_per_decision_number_and_month_unless_refused(
    api, institution, user_headers, office_headers
) -> None:
    company = institution()
    headers = user_headers(company)

    first = await api.post(BASE, json=helplessness_invoice(company, "2025-05"), headers=headers)
    same_month = await api.post(
        BASE, json=helplessness_invoice(company, "2025-05"), headers=headers
    )
    next_month = await api.post(
        BASE, json=helplessness_invoice(company, "2025-06"), headers=headers
    )

    assert first.status_code == 201, first.text
    assert first.json()["summary"] == "Facture 01.05.2025 - 31.05.2025"
    assert first.json()["period"] == {"start": "2025-05-01", "end": "2025-05-31"}
    assert same_month.status_code == 422
    assert [(e["field"], e["code"]) for e in same_month.json()["errors"]] == [
        ("decision.number", "duplicate_month")
    ]
    assert next_month.status_code == 201
    refused = await api.post(
        f"/internal/invoicing/invoices/{first.json()['id']}/refuse",
        json={"revision": 1, "reason": "Décision échue."},
        headers=office_headers(),
    )
    assert refused.status_code == 200, refused.text
    again = await api.post(BASE, json=helplessness_invoice(company, "2025-05"), headers=headers)
    assert again.status_code == 201, again.text


async def test_the_month_rule_holds_between_concurrent_sendings(
    api, db, institution, user_headers
) -> None:
    company = institution()

    answers = await asyncio.gather(
        *(
            api.post(
                BASE, json=helplessness_invoice(company, "2025-04"), headers=user_headers(company)
            )
            for _ in range(3)
        )
    )

    assert sorted(a.status_code for a in answers) == [201, 422, 422]
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=company.id)
    assert count == 1


async def test_a_quote_computes_without_storing(api, db, institution, user_headers) -> None:
    company = institution()

    response = await api.post(
        "/api/invoicing/quote",
        json=other_invoice(company),
        headers={**user_headers(company), "Accept-Language": "de"},
    )

    assert response.status_code == 200, response.text
    quote = response.json()
    assert quote["total"] == "191.00"
    assert quote["lines"][0]["amount"] == "191.00"
    assert quote["warnings"] == []
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=company.id)
    assert count == 0


async def test_a_client_sent_amount_is_refused(api, institution, user_headers) -> None:
    company = institution()
    body = other_invoice(company)
    body["content"]["lines"][0]["amount"] = "1000.00"

    response = await api.post("/api/invoicing/quote", json=body, headers=user_headers(company))

    assert response.status_code == 422
    assert ("content.lines[0].amount", "unknown_field") in {
        (e["field"], e["code"]) for e in response.json()["errors"]
    }


async def test_an_unreachable_directory_is_503_and_nothing_is_stored(
    api, db, directory, institution, user_headers
) -> None:
    company = institution()
    directory.unavailable = True

    response = await api.post(BASE, json=other_invoice(company), headers=user_headers(company))

    assert response.status_code == 503
    assert response.json()["code"] == "directory_unavailable"
    ((count,),) = await db("SELECT count(*) FROM invoice WHERE institution_id = :c", c=company.id)
    assert count == 0


async def test_without_a_token_or_institution_nothing_is_sent(api, settings, institution) -> None:
    company = institution()

    assert (await api.post(BASE, json=other_invoice(company))).status_code == 401
    no_company = KEY.bearer(
        {"iss": settings.jwt_issuer, "aud": settings.jwt_audience, "sub": str(company.member)}
    )
    assert (
        await api.post(BASE, json=other_invoice(company), headers=no_company)
    ).status_code == 403
