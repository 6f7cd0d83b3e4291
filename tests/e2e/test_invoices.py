"""Invoices through the real services: each of the ten forms sent with its attachments, the total
computed by the server from the tariffs, the PDF copy rendered by documents, a correction asked
by the office and the e-mail with its message and link, the corrected version, the acceptance
and its e-mail; a refusal and its reason; idempotent sending; refusals in French and German
that store nothing; a decision number the institution asked to save kept on the beneficiary.

One institution (registered, approved, manager logged in with the SMS code) serves the module.
"""

import re
import threading
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.e2e.identity_support import Edge, wait_for
from tests.e2e.invoice_support import (
    FORMS,
    INVOICE_DATE,
    INVOICES,
    QR_IBAN,
    Institution,
    Office,
    amount_pattern,
    attachments_for,
    codes,
    detail,
    email_count,
    invoice_body,
    listed,
    new_beneficiary,
    new_institution,
    pdf_text,
    send,
    sent,
)

pytestmark = pytest.mark.stack

MONTHLY = ("318.632.2", "318.536")


@pytest.fixture(scope="module")
def edge(gateway_url: str) -> Iterator[Edge]:
    opened = Edge(gateway_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def institution(edge: Edge, gateway_url: str) -> Institution:
    return new_institution(edge, gateway_url)


@pytest.fixture(scope="module")
def beneficiary(institution: Institution) -> dict[str, Any]:
    return new_beneficiary(institution.manager, last_name="Zufferey", first_name="Élodie")


@pytest.fixture(scope="module")
def desk(edge: Edge, office_token: Callable[..., str]) -> Office:
    return Office(edge, office_token)


def expected_summary(form: str) -> str:
    period = FORMS[form].period
    day, month, year = INVOICE_DATE.split("-")[::-1]
    return f"Facture {period[0]} - {period[1]}" if period else f"Facture {day}.{month}.{year}"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def by_time(history: list[dict[str, Any]]) -> list[str]:
    return [entry["status"] for entry in sorted(history, key=lambda e: e["at"])]


@pytest.mark.parametrize("form", list(FORMS))
def test_a_form_is_sent_corrected_and_accepted(
    form: str, institution: Institution, beneficiary: dict[str, Any], desk: Office
) -> None:
    manager, case = institution.manager, FORMS[form]
    company_paid = form not in MONTHLY  # the monthly forms pay the beneficiary's own account
    body = invoice_body(
        form,
        beneficiary["id"],
        bank_account_id=institution.bank_account_id if company_paid else None,
        attachments=attachments_for(manager, form),
    )

    quoted = manager.client().post("/api/invoicing/quote", json=body)
    assert quoted.status_code == 200, quoted.text
    assert Decimal(quoted.json()["total"]) == case.total

    invoice = sent(manager, body)
    invoice_id, reference = invoice["id"], invoice["reference"]
    assert invoice["total"] == f"{case.total:.2f}"
    assert sum(Decimal(line["amount"]) for line in invoice["lines"]) == case.total
    assert re.fullmatch(r"F-\d{4}-\d{6}", reference), reference
    assert (invoice["form"], invoice["status"], invoice["version"]) == (form, "submitted", 1)
    assert invoice["summary"] == expected_summary(form)
    assert invoice["beneficiary"]["id"] == beneficiary["id"]
    assert digits(invoice["beneficiary"]["avs"]) == digits(beneficiary["avs"])
    assert invoice["payee"]["kind"] == ("company" if company_paid else "beneficiary")
    if company_paid:
        assert invoice["payee"]["bank_account_id"] == institution.bank_account_id
        assert invoice["payee"]["iban"].replace(" ", "") == QR_IBAN.replace(" ", "")
    assert invoice["submitted_by"] == {"account_id": manager.account_id, "name": "Anne R."}
    assert sorted(a["kind"] for a in invoice["attachments"]) == sorted(case.attachments)

    text = pdf_text(manager, invoice_id, version=1)
    for needle in ("Zufferey", "Élodie", beneficiary["avs"], reference, form):
        assert needle in text, f"{needle!r} is not in the PDF copy:\n{text}"
    assert amount_pattern(case.total).search(text), f"{case.total} is not in:\n{text}"

    message = f"Merci de joindre le décompte détaillé (contrôle {uuid.uuid4().hex[:6]})."
    asked = desk.decided(
        invoice_id, "request-correction", revision=invoice["revision"], message=message
    )
    assert asked["status"] == "correction_requested"
    (mail,) = email_count(manager, reference, 1)
    assert message in mail["text"]
    assert any(link.endswith(f"/factures/{invoice_id}") for link in mail["links"]), mail["links"]

    shown = detail(manager, invoice_id)
    assert (shown["status"], shown["correction_message"]) == ("correction_requested", message)
    correction = {k: v for k, v in body.items() if k != "form"}
    correction["remark"] = "Décompte détaillé joint."
    corrected = manager.client(**{"Idempotency-Key": str(uuid.uuid4())}).put(
        f"{INVOICES}/{invoice_id}", json={**correction, "revision": shown["revision"]}
    )
    assert corrected.status_code == 200, corrected.text
    assert (corrected.json()["status"], corrected.json()["version"]) == ("submitted", 2)
    assert reference in pdf_text(manager, invoice_id, version=2)

    desk.decided(invoice_id, "accept", revision=corrected.json()["revision"])
    accepted_mail = email_count(manager, reference, 2)[0]
    assert "accept" in (accepted_mail["subject"] + accepted_mail["text"]).lower()

    final = detail(manager, invoice_id)
    assert final["status"] == "accepted"
    assert final["remark"] == "Décompte détaillé joint."
    assert by_time(final["history"]) == [
        "submitted",
        "correction_requested",
        "submitted",
        "accepted",
    ]
    assert [v["version"] for v in final["versions"]] == [1, 2]
    assert final["total"] == f"{case.total:.2f}"


def test_a_refused_invoice_tells_the_reason_and_keeps_its_pdf(
    institution: Institution, beneficiary: dict[str, Any], desk: Office
) -> None:
    manager = institution.manager
    invoice = sent(manager, invoice_body("318.632", beneficiary["id"]))
    pdf_text(manager, invoice["id"])
    reason = f"La décision ne couvre pas ces prestations ({uuid.uuid4().hex[:6]})."

    refused = desk.decided(invoice["id"], "refuse", revision=invoice["revision"], reason=reason)

    assert refused["status"] == "refused"
    (mail,) = email_count(manager, invoice["reference"], 1)
    assert reason in mail["text"]
    assert detail(manager, invoice["id"])["status"] == "refused"
    assert invoice["reference"] in pdf_text(manager, invoice["id"])
    # A decided invoice is not decided again.
    again = desk.decide(invoice["id"], "accept", revision=refused["revision"])
    assert again.status_code == 409
    assert "not_under_review" in codes(again)


def test_a_decision_on_a_stale_revision_is_refused(
    institution: Institution, beneficiary: dict[str, Any], desk: Office
) -> None:
    manager = institution.manager
    body = invoice_body("318.632", beneficiary["id"])
    invoice = sent(manager, body)
    asked = desk.decided(
        invoice["id"], "request-correction", revision=invoice["revision"], message="Date ?"
    )
    corrected = manager.client().put(
        f"{INVOICES}/{invoice['id']}",
        json={**{k: v for k, v in body.items() if k != "form"}, "revision": asked["revision"]},
    )
    assert corrected.status_code == 200, corrected.text

    # The office accepts what it saw before the correction.
    stale = desk.decide(invoice["id"], "accept", revision=asked["revision"])

    assert stale.status_code == 409, stale.text
    assert "stale_revision" in codes(stale)
    shown = detail(manager, invoice["id"])
    assert (shown["status"], shown["version"]) == ("submitted", 2)


def test_the_same_idempotency_key_sends_one_invoice(institution: Institution, desk: Office) -> None:
    manager = institution.manager
    beneficiary = new_beneficiary(manager, last_name="Theytaz", first_name="Noël")
    body = invoice_body("318.632", beneficiary["id"])
    key = str(uuid.uuid4())

    first, second = send(manager, body, key), send(manager, body, key)
    other_body = send(manager, {**body, "remark": "autre chose"}, key)

    assert (first.status_code, second.status_code) == (201, 200), second.text
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["reference"] == first.json()["reference"]
    assert other_body.status_code == 422, other_body.text
    assert "idempotency_key_reused" in codes(other_body)
    rows = listed(manager, view="history", beneficiary=beneficiary["avs"])
    assert [row["id"] for row in rows] == [first.json()["id"]]


def test_the_same_idempotency_key_sent_twice_at_once_sends_one_invoice(
    institution: Institution,
) -> None:
    manager = institution.manager
    beneficiary = new_beneficiary(manager, last_name="Métrailler", first_name="Zoé")
    body = invoice_body("318.632", beneficiary["id"])
    key = str(uuid.uuid4())
    answers: list[httpx.Response] = []
    start = threading.Barrier(2)
    clients = [manager.client(**{"Idempotency-Key": key}) for _ in range(2)]

    def post(http: httpx.Client) -> None:
        start.wait()
        answers.append(http.post(INVOICES, json=body))

    threads = [threading.Thread(target=post, args=(http,)) for http in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
    assert answers[0].json()["id"] == answers[1].json()["id"]
    rows = listed(manager, view="history", beneficiary=beneficiary["avs"])
    assert [row["id"] for row in rows] == [answers[0].json()["id"]]


REQUIRED = {"fr": r"Le champ .+ est obligatoire\.", "de": r"Das Feld .+ ist obligatorisch\."}


@pytest.mark.parametrize("language", list(REQUIRED))
def test_missing_fields_are_refused_under_their_paths_and_nothing_is_stored(
    institution: Institution, language: str
) -> None:
    manager = institution.manager
    beneficiary = new_beneficiary(manager, last_name="Délèze", first_name="Luca")
    other = invoice_body("318.632", beneficiary["id"], invoice_date=None)
    other["content"] = {
        "lines": [
            FORMS["318.632"].content["lines"][0],
            {"description": "Rapport", "quantity": "1", "rate": "60.00"},
        ]
    }
    monthly = invoice_body("318.632.2", beneficiary["id"])
    monthly["content"] = {"month": "2025-07", "nights_home": 31}
    aid = invoice_body("318.635", beneficiary["id"], bank_account_id=institution.bank_account_id)
    priced = {**FORMS["318.632"].content["lines"][0], "amount": "286.50"}

    refusals = {
        "other": (other, {"invoice_date", "content.lines[1].date"}),
        "monthly": (monthly, {"content.helplessness"}),
        "aid without its supplier invoice": (aid, {"attachments"}),
        "a client-sent amount": (
            invoice_body("318.632", beneficiary["id"], content={"lines": [priced]}),
            {"content.lines[0].amount"},
        ),
    }
    for what, (body, fields) in refusals.items():
        answer = send(manager, body, **{"Accept-Language": language})
        assert answer.status_code == 422, (what, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        errors = {e["field"]: e for e in answer.json()["errors"]}
        assert set(errors) == fields, (what, answer.json()["errors"])
        for name in fields - {"attachments", "content.lines[0].amount"}:
            assert errors[name]["code"] == "required"
            assert re.fullmatch(REQUIRED[language], errors[name]["message"]), errors[name]
    if language == "fr":
        answer = send(manager, other)
        messages = {e["field"]: e["message"] for e in answer.json()["errors"]}
        assert messages["content.lines[1].date"] == (
            "Le champ Date des prestations dispensées est obligatoire."
        )

    assert listed(manager, view="history", beneficiary=beneficiary["avs"]) == []


def test_a_decision_number_sent_with_save_is_kept_on_the_beneficiary(
    institution: Institution,
) -> None:
    manager = institution.manager
    beneficiary = new_beneficiary(manager, last_name="Crettenand", first_name="Hélène")
    assert beneficiary["referenced"] is False
    body = invoice_body("318.632", beneficiary["id"])
    number = body["decision"]["number"]
    body["decision"] = {
        "number": f"{number[:3]}.{number[3:7]}.{number[7:]}",
        "description": "Ergothérapie",
        "save": True,
    }
    sent(manager, body)

    def saved() -> dict[str, Any] | None:
        shown = manager.client().get(f"/api/beneficiary/beneficiaries/{beneficiary['id']}")
        assert shown.status_code == 200, shown.text
        found: dict[str, Any] = shown.json()
        return found if any(digits(d["number"]) == number for d in found["decisions"]) else None

    shown = wait_for(saved, 30, "beneficiary to save the decision number")
    assert shown["referenced"] is True
    assert [d["description"] for d in shown["decisions"] if digits(d["number"]) == number] == [
        "Ergothérapie"
    ]
    assert len(shown["decisions"]) == len(beneficiary["decisions"]) + 1
