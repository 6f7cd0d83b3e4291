"""The beneficiary API on the real database: storage, refusals, tenant isolation, list filters,
removal and the audit log."""

from typing import Any
from uuid import UUID, uuid4

import pytest

pytestmark = pytest.mark.stack

BASE = "/api/beneficiary/beneficiaries"
QR_IBAN = "CH44 3199 9123 0008 8901 2"
QR_REFERENCE = "21 00000 00003 13947 14300 09017"
CREDITOR_REFERENCE = "RF18 5390 0754 7034"


@pytest.fixture
def company() -> UUID:
    return uuid4()


async def counts(db: Any, company_id: UUID) -> tuple[int, int]:
    ((beneficiaries,),) = await db(
        "SELECT count(*) FROM beneficiary WHERE company_id = :c", c=company_id
    )
    ((events,),) = await db(
        "SELECT count(*) FROM outbox_message WHERE convert_from(payload, 'UTF8') LIKE :p",
        p=f'%"institution_id":"{company_id}"%',
    )
    return beneficiaries, events


async def test_create_stores_the_beneficiary_its_event_and_an_audit_entry(
    api, db, user_headers, new_beneficiary, company
) -> None:
    body = new_beneficiary(power_of_attorney_document_id=str(uuid4()))
    compact = body["avs"].replace(".", "")
    body["avs"] = compact  # accepted without dots

    response = await api.post(BASE, json=body, headers=user_headers(company))

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["avs"] == f"{compact[:3]}.{compact[3:7]}.{compact[7:11]}.{compact[11:]}"
    assert created["decisions"] == [
        {"number": "32320251000896", "description": "Mesures professionnelles"}
    ]
    assert created["bank"] == {
        "iban": "CH9300762011623852957",
        "holder": None,
        "reference": None,
        "qr_iban": False,
    }
    assert created["has_power_of_attorney"] is True
    ((row,),) = [await db("SELECT * FROM beneficiary WHERE id = :i", i=created["id"])]
    assert (row.avs, row.company_id, row.search_name) == (compact, company, "muller elodie")
    (event,) = await db(
        "SELECT event_type, convert_from(payload, 'UTF8') AS payload FROM outbox_message "
        "WHERE key = :k",
        k=created["id"],
    )
    assert event.event_type == "beneficiary.BeneficiaryRegistered"
    assert compact not in event.payload
    assert "Müller" not in event.payload
    (audit,) = await db(
        "SELECT * FROM audit_entry WHERE beneficiary_id = :i", i=UUID(created["id"])
    )
    assert (audit.action, audit.subject, audit.company_id) == ("create", "user-a", company)
    assert audit.correlation_id


@pytest.mark.parametrize("avs", ["756.0005.0000.02", "756.0005.0000.18", "7560005000018"])
async def test_wrong_avs_check_digits_are_refused_and_nothing_is_stored(
    api, db, user_headers, new_beneficiary, company, avs
) -> None:
    response = await api.post(BASE, json=new_beneficiary(avs=avs), headers=user_headers(company))

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("avs", "avs_check_digit")
    assert "chiffre de contrôle" in error["message"]
    assert await counts(db, company) == (0, 0)


@pytest.mark.parametrize(
    ("bank", "code"),
    [
        ({"iban": QR_IBAN}, "qr_reference_required"),
        ({"iban": QR_IBAN, "reference": CREDITOR_REFERENCE}, "qr_reference_invalid"),
        (
            {"iban": "CH9300762011623852957", "reference": QR_REFERENCE},
            "qr_reference_needs_qr_iban",
        ),
        ({"iban": "CH9300762011623852957", "reference": "RF00 1234"}, "creditor_reference_invalid"),
    ],
)
async def test_payment_reference_must_match_the_iban(
    api, db, user_headers, new_beneficiary, company, bank, code
) -> None:
    response = await api.post(
        BASE,
        json=new_beneficiary(bank=bank),
        headers={**user_headers(company), "Accept-Language": "de"},
    )

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("bank.reference", code)
    assert await counts(db, company) == (0, 0)


@pytest.mark.parametrize(
    ("bank", "reference"),
    [
        ({"iban": QR_IBAN, "reference": QR_REFERENCE}, "210000000003139471430009017"),
        ({"iban": "CH9300762011623852957", "reference": CREDITOR_REFERENCE}, "RF18539007547034"),
    ],
)
async def test_accepted_payment_references(
    api, user_headers, new_beneficiary, company, bank, reference
) -> None:
    response = await api.post(BASE, json=new_beneficiary(bank=bank), headers=user_headers(company))

    assert response.status_code == 201, response.text
    assert response.json()["bank"]["reference"] == reference


async def test_every_problem_is_reported_under_its_path_in_german(
    api, db, user_headers, new_beneficiary, company
) -> None:
    body = new_beneficiary(
        birth_date="2015-01-01",
        address={"street": " ", "postcode": "123", "locality": "Sion"},
        decisions=[
            {"number": "32320251000896", "description": "ok"},
            {"number": "39920251000896", "description": "ok"},
            {"number": "30120991000896", "description": ""},
        ],
        bank={"iban": "DE89370400440532013000"},
    )
    response = await api.post(
        BASE, json=body, headers={**user_headers(company), "Accept-Language": "de"}
    )

    assert response.status_code == 422
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert {field: e["code"] for field, e in errors.items()} == {
        "address.street": "required",
        "address.postcode": "postcode_format",
        "representative": "representative_required",
        "decisions[1].number": "decision_office",
        "decisions[2].number": "decision_year",
        "decisions[2].description": "required",
        "bank.iban": "iban_country",
    }
    assert "gesetzliche Vertretung" in errors["representative"]["message"]
    assert await counts(db, company) == (0, 0)


async def test_unknown_fields_are_refused(api, db, user_headers, new_beneficiary, company) -> None:
    body = new_beneficiary(nickname="Lolo")
    body["bank"]["bic"] = "UBSWCHZH80A"

    response = await api.post(BASE, json=body, headers=user_headers(company))

    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"nickname", "bank.bic"}
    assert await counts(db, company) == (0, 0)


async def test_a_minor_with_a_representative_is_accepted(
    api, user_headers, new_beneficiary, company
) -> None:
    representative = {
        "name": "Paul Müller",
        "address": {"street": "Rue du Rhône 3", "postcode": "1950", "locality": "Sion"},
        "relationship": "père",
    }
    body = new_beneficiary(birth_date="2015-06-01", representative=representative)

    response = await api.post(BASE, json=body, headers=user_headers(company))

    assert response.status_code == 201, response.text
    assert response.json()["representative"] == representative


async def test_the_avs_number_is_unique_within_the_institution_only(
    api, user_headers, new_beneficiary, company
) -> None:
    body = new_beneficiary()
    assert (await api.post(BASE, json=body, headers=user_headers(company))).status_code == 201

    again = await api.post(BASE, json=body, headers=user_headers(company))
    elsewhere = await api.post(BASE, json=body, headers=user_headers(uuid4()))

    assert again.status_code == 422
    assert again.json()["errors"][0]["code"] == "avs_already_registered"
    assert elsewhere.status_code == 201


async def test_another_institution_gets_404_and_never_sees_the_rows(
    api, db, user_headers, new_beneficiary, company
) -> None:
    created = (await api.post(BASE, json=new_beneficiary(), headers=user_headers(company))).json()
    other = user_headers(uuid4(), subject="user-b")
    url = f"{BASE}/{created['id']}"

    assert (await api.get(url, headers=other)).status_code == 404
    assert (await api.put(url, json=new_beneficiary(), headers=other)).status_code == 404
    assert (await api.delete(url, headers=other)).status_code == 404
    listed = await api.get(BASE, headers=other)
    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert (await api.get(url, headers=user_headers(company))).status_code == 200
    ((row,),) = [await db("SELECT version FROM beneficiary WHERE id = :i", i=created["id"])]
    assert row.version == 1


async def test_list_filters_sort_and_pages(api, user_headers, new_beneficiary, company) -> None:
    headers = user_headers(company)
    people = [("Zeller", "Anna"), ("Müller", "Élodie"), ("MULLER", "Bruno"), ("Favre", "Noël")]
    created = {}
    for last, first in people:
        body = new_beneficiary(last_name=last, first_name=first)
        if first == "Bruno":
            body["power_of_attorney_document_id"] = str(uuid4())
        answer = (await api.post(BASE, json=body, headers=headers)).json()
        created[first] = answer

    everyone = (await api.get(BASE, headers=headers)).json()["items"]
    by_name = (await api.get(BASE, params={"name": "mull"}, headers=headers)).json()["items"]
    by_first = (await api.get(BASE, params={"name": "NOEL"}, headers=headers)).json()["items"]
    avs = created["Anna"]["avs"]
    by_avs = (await api.get(BASE, params={"avs": avs[4:13]}, headers=headers)).json()["items"]
    by_digits = (
        await api.get(BASE, params={"avs": avs.replace(".", "")[5:]}, headers=headers)
    ).json()["items"]

    assert [r["first_name"] for r in everyone] == ["Noël", "Bruno", "Élodie", "Anna"]
    assert [r["first_name"] for r in by_name] == ["Bruno", "Élodie"]
    assert [r["has_power_of_attorney"] for r in by_name] == [True, False]
    assert [r["first_name"] for r in by_first] == ["Noël"]
    assert [r["first_name"] for r in by_avs] == ["Anna"] == [r["first_name"] for r in by_digits]

    first_page = (await api.get(BASE, params={"limit": 3}, headers=headers)).json()
    second_page = (
        await api.get(
            BASE, params={"limit": 3, "cursor": first_page["next_cursor"]}, headers=headers
        )
    ).json()
    assert [r["first_name"] for r in first_page["items"] + second_page["items"]] == [
        "Noël",
        "Bruno",
        "Élodie",
        "Anna",
    ]
    assert second_page["next_cursor"] is None
    bad = await api.get(BASE, params={"cursor": "nope"}, headers=headers)
    assert bad.status_code == 422


async def test_update_changes_the_beneficiary_and_announces_it(
    api, db, user_headers, new_beneficiary, company
) -> None:
    headers = user_headers(company)
    created = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()
    body = new_beneficiary(last_name="Rey", avs=created["avs"], decisions=[])

    response = await api.put(f"{BASE}/{created['id']}", json=body, headers=headers)

    assert response.status_code == 200, response.text
    assert (response.json()["last_name"], response.json()["version"]) == ("Rey", 2)
    assert response.json()["decisions"] == []
    events = await db(
        "SELECT event_type FROM outbox_message WHERE key = :k ORDER BY created_at", k=created["id"]
    )
    assert [e.event_type for e in events] == [
        "beneficiary.BeneficiaryRegistered",
        "beneficiary.BeneficiaryUpdated",
    ]


async def test_delete_erases_and_a_referenced_beneficiary_is_archived(
    api, db, user_headers, new_beneficiary, company
) -> None:
    headers = user_headers(company)
    erased = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()
    kept = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()
    await db("UPDATE beneficiary SET referenced = true WHERE id = :i", i=kept["id"])

    removed = await api.delete(f"{BASE}/{erased['id']}", headers=headers)
    archived = await api.delete(f"{BASE}/{kept['id']}", headers=headers)

    assert removed.json() == {"id": erased["id"], "archived": False}
    assert archived.json() == {"id": kept["id"], "archived": True}
    assert await db("SELECT id FROM beneficiary WHERE id = :i", i=erased["id"]) == []
    ((row,),) = [await db("SELECT archived_at FROM beneficiary WHERE id = :i", i=kept["id"])]
    assert row.archived_at is not None
    assert (await api.get(f"{BASE}/{erased['id']}", headers=headers)).status_code == 404
    shown = (await api.get(f"{BASE}/{kept['id']}", headers=headers)).json()
    assert shown["archived_at"] is not None
    assert (await api.get(BASE, headers=headers)).json()["items"] == []
    again = await api.delete(f"{BASE}/{kept['id']}", headers=headers)
    assert again.status_code == 409
    # The archived one frees its AVS number for a new record.
    body = new_beneficiary(avs=kept["avs"])
    assert (await api.post(BASE, json=body, headers=headers)).status_code == 201


async def test_the_office_reads_the_audit_log(
    api, user_headers, office_headers, new_beneficiary, company
) -> None:
    headers = {**user_headers(company), "X-Correlation-Id": "audit-test-1"}
    created = (await api.post(BASE, json=new_beneficiary(), headers=headers)).json()
    await api.get(f"{BASE}/{created['id']}", headers=headers)
    await api.get(BASE, params={"name": "Mül"}, headers=headers)
    params = {"company_id": str(company), "beneficiary_id": created["id"]}

    denied = await api.get("/internal/beneficiary/audit", params=params, headers=office_headers())
    as_user = await api.get("/internal/beneficiary/audit", params=params, headers=headers)
    response = await api.get(
        "/internal/beneficiary/audit", params=params, headers=office_headers("audit:read")
    )
    whole = await api.get(
        "/internal/beneficiary/audit",
        params={"company_id": str(company)},
        headers=office_headers("audit:read"),
    )

    assert denied.status_code == 403
    assert as_user.status_code == 401
    assert response.status_code == 200
    entries = response.json()
    assert [e["action"] for e in entries] == ["read", "create"]
    assert {e["correlation_id"] for e in entries} == {"audit-test-1"}
    assert {e["subject"] for e in entries} == {"user-a"}
    assert [e["action"] for e in whole.json()] == ["list", "read", "create"]
    assert whole.json()[0]["detail"] == '{"name": "mul"}'
