"""POST /api/organisation/registrations on the real database (identity faked)."""

import pytest

from organisation.application.ports import AccountFieldError

pytestmark = pytest.mark.stack


async def stored(db, gln: str) -> tuple[int, int, int]:
    """Institutions, memberships and outbox events that mention this GLN."""
    (institutions,) = await db("SELECT count(*) FROM institution WHERE gln = :g", g=gln)
    (members,) = await db(
        "SELECT count(*) FROM membership m JOIN institution i ON i.id = m.institution_id "
        "WHERE i.gln = :g",
        g=gln,
    )
    (events,) = await db(
        "SELECT count(*) FROM outbox_message WHERE convert_from(payload, 'UTF8') LIKE :p",
        p=f'%"gln":"{gln}"%',
    )
    return institutions[0], members[0], events[0]


async def test_registration_stores_institution_manager_and_event(
    api, db, identity, new_registration
) -> None:
    body = new_registration()
    response = await api.post("/api/organisation/registrations", json=body)

    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["status"] == "pending"
    gln = body["company"]["gln"]
    ((institution,),) = [r for r in [await db("SELECT * FROM institution WHERE gln = :g", g=gln)]]
    assert str(institution.id) == answer["institution_id"]
    assert (institution.status, institution.version, institution.phone) == (
        "pending",
        1,
        "+41273249611",
    )
    (member,) = await db("SELECT * FROM membership WHERE institution_id = :i", i=institution.id)
    (account,) = identity.accounts
    assert (member.account_id, member.role, member.mobile, member.email) == (
        account.account_id,
        "manager",
        "+41791234567",
        body["manager"]["email"],
    )
    (event,) = await db(
        "SELECT event_type, key, convert_from(payload, 'UTF8') AS payload FROM outbox_message "
        "WHERE key = :k",
        k=answer["institution_id"],
    )
    assert event.event_type == "organisation.RegistrationSubmitted"
    assert body["manager"]["password"] not in event.payload


async def test_a_registered_gln_is_refused_and_nothing_more_is_stored(
    api, db, identity, new_registration
) -> None:
    first = new_registration()
    assert (await api.post("/api/organisation/registrations", json=first)).status_code == 201
    again = new_registration(company={"gln": first["company"]["gln"], "name": "Autre SA"})

    response = await api.post(
        "/api/organisation/registrations", json=again, headers={"Accept-Language": "de"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    (error,) = response.json()["errors"]
    assert error["field"] == "company.gln"
    assert error["code"] == "gln_already_registered"
    assert "bereits" in error["message"]
    assert "Atelier" not in response.text
    assert await stored(db, first["company"]["gln"]) == (1, 1, 1)
    assert len(identity.accounts) == 1


def _deep(body: dict, path: str, value: object) -> dict:
    *parents, leaf = path.split(".")
    target = body
    for part in parents:
        target = target[part]
    target[leaf] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        ("company.gln", "7601001234560", "company.gln", "gln_check_digit"),
        ("company.uid", "CHE-116.281.711", "company.uid", "uid_check_digit"),
        ("company.postcode", "74000", "company.postcode", "postcode_format"),
        ("manager.email", "anne@@example.ch", "manager.email", "email_invalid"),
        ("manager.mobile", "027 324 96 11", "manager.mobile", "phone_not_mobile"),
        ("company.phone", "+1 202 555 0100", "company.phone", "phone_country"),
        ("company.name", "", "company.name", "required"),
        ("account_type", "private_person", "account_type", "account_type_not_offered"),
        ("terms_accepted", False, "terms_accepted", "terms_not_accepted"),
        # Edge: oversized, wrong types, unknown fields, missing fields.
        ("company.name", "x" * 201, "company.name", "string_too_long"),
        ("manager.password", "x" * 1025, "manager.password", "string_too_long"),
        ("company.gln", 7601001234567, "company.gln", "string_type"),
        ("terms_accepted", "true", "terms_accepted", "bool_type"),
        ("manager.language", "en", "manager.language", "literal_error"),
        ("company.fax", "027 000 00 00", "company.fax", "extra_forbidden"),
        ("is_admin", True, "is_admin", "extra_forbidden"),
        ("company", "Atelier", "company", "model_attributes_type"),
    ],
)
async def test_bad_input_is_a_field_error_and_nothing_is_stored(
    api, db, identity, new_registration, path, value, field, code
) -> None:
    body = _deep(new_registration(), path, value)
    gln = body["company"]["gln"] if isinstance(body["company"], dict) else None

    response = await api.post("/api/organisation/registrations", json=body)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert errors == {(field, code)}
    assert all(e["message"] for e in response.json()["errors"])
    assert identity.accounts == []
    if isinstance(gln, str):
        assert await stored(db, gln) == (0, 0, 0)


async def test_a_missing_field_is_named(api, identity, new_registration) -> None:
    body = new_registration()
    del body["manager"]["mobile"]
    response = await api.post("/api/organisation/registrations", json=body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "manager.mobile", "code": "missing", "message": "Ce champ est obligatoire."}
    ]


async def test_messages_follow_accept_language(api, new_registration) -> None:
    body = new_registration(company={"locality": " "})
    response = await api.post(
        "/api/organisation/registrations", json=body, headers={"Accept-Language": "de-CH"}
    )
    assert response.json()["errors"][0]["message"] == "Das Feld Ort ist obligatorisch."


async def test_identitys_refusal_is_shown_under_manager(
    api, db, identity, new_registration
) -> None:
    identity.refusal = [AccountFieldError("password", "password_common", "Trop courant.")]
    body = new_registration()
    response = await api.post("/api/organisation/registrations", json=body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "manager.password", "code": "password_common", "message": "Trop courant."}
    ]
    assert await stored(db, body["company"]["gln"]) == (0, 0, 0)


async def test_identity_unreachable_is_503_and_nothing_is_stored(
    api, db, identity, new_registration
) -> None:
    identity.unavailable = True
    body = new_registration()
    response = await api.post("/api/organisation/registrations", json=body)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "accounts_unavailable"
    assert await stored(db, body["company"]["gln"]) == (0, 0, 0)
