"""The office's review API on the real database: scopes, listing, decisions, conflicts."""

import asyncio
from uuid import uuid4

import pytest

pytestmark = pytest.mark.stack

REVIEW = "registrations:review"
BASE = "/internal/organisation/registrations"


async def register(api, new_registration) -> str:
    response = await api.post("/api/organisation/registrations", json=new_registration())
    assert response.status_code == 201, response.text
    return str(response.json()["institution_id"])


async def test_the_review_needs_an_office_token_with_its_scope(api, office_headers) -> None:
    assert (await api.get(BASE)).status_code == 401
    response = await api.get(BASE, headers=office_headers("diagnostics"))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert (await api.get(BASE, headers=office_headers(REVIEW))).status_code == 200


async def test_detail_shows_what_was_declared(api, office_headers, new_registration) -> None:
    institution_id = await register(api, new_registration)
    response = await api.get(f"{BASE}/{institution_id}", headers=office_headers(REVIEW))
    assert response.status_code == 200
    detail = response.json()
    assert detail["status"] == "pending"
    assert detail["decision"] is None
    assert detail["company"]["phone"] == "+41273249611"
    assert detail["company"]["uid"] == "CHE-116.281.710"
    assert detail["manager"]["mobile"] == "+41791234567"
    assert "password" not in response.text


async def test_unknown_registration_is_404(api, office_headers) -> None:
    for request in (
        api.get(f"{BASE}/{uuid4()}", headers=office_headers(REVIEW)),
        api.post(f"{BASE}/{uuid4()}/approve", headers=office_headers(REVIEW)),
    ):
        response = await request
        assert response.status_code == 404
        assert response.json()["code"] == "registration_not_found"


async def test_approval_records_who_and_when_and_announces_it(
    api, db, office_headers, new_registration
) -> None:
    institution_id = await register(api, new_registration)
    response = await api.post(
        f"{BASE}/{institution_id}/approve", headers=office_headers(REVIEW, client_id="office-cli")
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["status"] == "approved"
    assert answer["decision"]["decided_by"] == "office-cli"
    assert answer["decision"]["decided_at"]
    assert answer["version"] == 2
    events = await db(
        "SELECT event_type FROM outbox_message WHERE key = :k ORDER BY id", k=institution_id
    )
    assert [e.event_type for e in events] == [
        "organisation.RegistrationSubmitted",
        "organisation.RegistrationApproved",
    ]


async def test_deciding_a_decided_registration_is_409(
    api, db, office_headers, new_registration
) -> None:
    institution_id = await register(api, new_registration)
    headers = office_headers(REVIEW)
    assert (await api.post(f"{BASE}/{institution_id}/approve", headers=headers)).status_code == 200
    for response in (
        await api.post(f"{BASE}/{institution_id}/approve", headers=headers),
        await api.post(f"{BASE}/{institution_id}/refuse", headers=headers, json={"reason": "non"}),
    ):
        assert response.status_code == 409
        assert response.json()["code"] == "registration_decided"
    (row,) = await db("SELECT status, version FROM institution WHERE id = :i", i=institution_id)
    assert (row.status, row.version) == ("approved", 2)
    (count,) = await db("SELECT count(*) FROM outbox_message WHERE key = :k", k=institution_id)
    assert count[0] == 2


async def test_two_reviewers_at_once_one_wins(api, db, office_headers, new_registration) -> None:
    institution_id = await register(api, new_registration)
    headers = office_headers(REVIEW)
    answers = await asyncio.gather(
        *(api.post(f"{BASE}/{institution_id}/approve", headers=headers) for _ in range(2)),
        api.post(f"{BASE}/{institution_id}/refuse", headers=headers, json={"reason": "non"}),
    )
    assert sorted(a.status_code for a in answers) == [200, 409, 409]
    (count,) = await db("SELECT count(*) FROM outbox_message WHERE key = :k", k=institution_id)
    assert count[0] == 2


async def test_refusal_keeps_the_reason_and_frees_the_gln(
    api, db, office_headers, new_registration
) -> None:
    body = new_registration()
    response = await api.post("/api/organisation/registrations", json=body)
    institution_id = response.json()["institution_id"]
    refused = await api.post(
        f"{BASE}/{institution_id}/refuse",
        headers=office_headers(REVIEW),
        json={"reason": "GLN inconnu de refdata"},
    )
    assert refused.status_code == 200
    assert refused.json()["decision"]["reason"] == "GLN inconnu de refdata"
    (event,) = await db(
        "SELECT convert_from(payload, 'UTF8') AS p FROM outbox_message "
        "WHERE key = :k AND event_type = 'organisation.RegistrationRefused'",
        k=institution_id,
    )
    assert "GLN inconnu de refdata" in event.p
    again = new_registration(company={"gln": body["company"]["gln"]})
    assert (await api.post("/api/organisation/registrations", json=again)).status_code == 201


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"reason": "   "}, "required"),
        ({"reason": "x" * 2001}, "string_too_long"),
        ({}, "missing"),
        ({"reason": "ok", "notify": False}, "extra_forbidden"),
    ],
)
async def test_refusal_needs_a_reason(api, office_headers, new_registration, body, code) -> None:
    institution_id = await register(api, new_registration)
    response = await api.post(
        f"{BASE}/{institution_id}/refuse", headers=office_headers(REVIEW), json=body
    )
    assert response.status_code == 422
    assert code in {e["code"] for e in response.json()["errors"]}
    detail = await api.get(f"{BASE}/{institution_id}", headers=office_headers(REVIEW))
    assert detail.json()["status"] == "pending"


async def test_list_filters_by_status_and_pages_by_keyset(
    api, office_headers, new_registration
) -> None:
    headers = office_headers(REVIEW)
    ours = [await register(api, new_registration) for _ in range(3)]
    await api.post(f"{BASE}/{ours[1]}/approve", headers=headers)

    seen: list[dict] = []
    cursor = None
    while True:
        params = {"status": "pending", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.get(BASE, headers=headers, params=params)).json()
        assert len(page["items"]) <= 2
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    ids = [item["institution_id"] for item in seen]
    assert len(ids) == len(set(ids)), "a registration appeared on two pages"
    assert {item["status"] for item in seen} == {"pending"}
    assert ours[0] in ids
    assert ours[2] in ids
    assert ours[1] not in ids
    keys = [(item["submitted_at"], item["institution_id"]) for item in seen]
    assert keys == sorted(keys), "oldest first"

    approved = (await api.get(BASE, headers=headers, params={"status": "approved"})).json()
    assert approved["items"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "maybe"}, "query.status"),
        ({"limit": 0}, "query.limit"),
        ({"limit": 101}, "query.limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
async def test_bad_list_parameters_are_422(api, office_headers, params, field) -> None:
    response = await api.get(BASE, headers=office_headers(REVIEW), params=params)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
