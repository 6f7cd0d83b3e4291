"""Ma société on the real database: members and bank accounts, managers only, scoped to the
caller's institution (another institution's objects answer 404, lists never leak)."""

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import text

from kernel.runtime import Runtime
from organisation.application.ports import AccountFieldError
from services.organisation.tests.api.conftest import KEY, FakeIdentity

QR_IBAN = "CH44 3199 9123 0008 8901 2"
IBAN = "CH93 0076 2011 6238 5295 7"

Query = Callable[..., Any]


def user_headers(
    company: UUID | None, role: str | None = "manager", **extra: str
) -> dict[str, str]:
    claims: dict[str, Any] = {
        "iss": "guichet-identity",
        "aud": "guichet",
        "sub": str(uuid4()),
    }
    if company:
        claims["company"] = str(company)
    if role:
        claims["role"] = role
    return {**KEY.bearer(claims), **extra}


async def approved_institution(
    api: httpx.AsyncClient, runtime: Runtime, new_registration: Callable[..., dict[str, Any]]
) -> UUID:
    answer = await api.post("/api/organisation/registrations", json=new_registration())
    assert answer.status_code == 201, answer.text
    institution = UUID(answer.json()["institution_id"])
    async with runtime.session_factory() as session, session.begin():
        await session.execute(
            text(
                "UPDATE institution SET status = 'approved', decided_at = now(), "
                "decided_by = 'test', version = version + 1 WHERE id = :id"
            ),
            {"id": institution},
        )
    return institution


@pytest.fixture
async def two(
    api: httpx.AsyncClient, runtime: Runtime, new_registration: Callable[..., dict[str, Any]]
) -> tuple[UUID, UUID]:
    return (
        await approved_institution(api, runtime, new_registration),
        await approved_institution(api, runtime, new_registration),
    )


def member_body(**overrides: Any) -> dict[str, Any]:
    return {
        "first_name": "Luc",
        "last_name": "Favre",
        "role": "collaborator",
        "email": f"luc.{uuid4().hex[:8]}@example.ch",
        "mobile": "078 765 43 21",
        "language": "de",
        **overrides,
    }


async def test_the_institution_is_readable_by_every_member(
    api: httpx.AsyncClient, two: tuple[UUID, UUID]
) -> None:
    a, _ = two
    for role in ("manager", "collaborator"):
        answer = await api.get("/api/organisation/institution", headers=user_headers(a, role))
        assert answer.status_code == 200
        assert answer.json()["name"] == "Atelier Rhône SA"
        assert answer.json()["id"] == str(a)
    no_company = await api.get("/api/organisation/institution", headers=user_headers(None, None))
    assert no_company.status_code == 403
    unknown = await api.get("/api/organisation/institution", headers=user_headers(uuid4()))
    assert unknown.status_code == 404


async def test_a_manager_adds_changes_and_removes_a_member(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], identity: FakeIdentity, db: Query
) -> None:
    a, _ = two
    manager = user_headers(a)
    added = await api.post("/api/organisation/members", json=member_body(), headers=manager)
    assert added.status_code == 201, added.text
    member = added.json()
    (invitation,) = identity.invitations
    assert str(invitation.account_id) == member["account_id"]
    assert invitation.company_id == a
    assert member["mobile"] == "+41787654321"

    listed = (await api.get("/api/organisation/members", headers=manager)).json()["items"]
    assert {m["role"] for m in listed} == {"manager", "collaborator"}
    assert len(listed) == 2

    changed = await api.patch(
        f"/api/organisation/members/{member['id']}",
        json={"role": "manager", "last_name": "Favre-Rey"},
        headers=manager,
    )
    assert changed.status_code == 200
    assert changed.json()["role"] == "manager"
    assert changed.json()["last_name"] == "Favre-Rey"

    removed = await api.delete(f"/api/organisation/members/{member['id']}", headers=manager)
    assert removed.status_code == 204
    assert await db("SELECT 1 FROM membership WHERE id = :id", id=UUID(member["id"])) == []
    events = await db(
        "SELECT event_type FROM outbox_message WHERE key = :key ORDER BY id", key=str(a)
    )
    assert [e[0] for e in events][-4:] == [
        "organisation.MemberInvited",
        "organisation.MemberDetailsChanged",
        "organisation.MemberRoleChanged",
        "organisation.MemberRemoved",
    ]


async def test_the_last_manager_stays(api: httpx.AsyncClient, two: tuple[UUID, UUID]) -> None:
    a, _ = two
    (boss,) = (await api.get("/api/organisation/members", headers=user_headers(a))).json()["items"]
    for headers, word in (
        (user_headers(a, **{"Accept-Language": "fr"}), "gestionnaire"),
        (user_headers(a, **{"Accept-Language": "de"}), "Manager"),
    ):
        demoted = await api.patch(
            f"/api/organisation/members/{boss['id']}",
            json={"role": "collaborator"},
            headers=headers,
        )
        assert demoted.status_code == 409
        assert demoted.json()["code"] == "last_manager"
        assert word in demoted.json()["detail"]
        removed = await api.delete(f"/api/organisation/members/{boss['id']}", headers=headers)
        assert removed.status_code == 409


async def test_bad_member_input_is_a_field_error_and_nothing_is_stored(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], identity: FakeIdentity, db: Query
) -> None:
    a, _ = two
    bad = member_body(first_name=" ", mobile="027 324 96 11", email="nope")
    answer = await api.post("/api/organisation/members", json=bad, headers=user_headers(a))
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} == {"first_name", "mobile", "email"}
    identity.refusal = [AccountFieldError("email", "email_taken", "Adresse déjà utilisée.")]
    taken = await api.post("/api/organisation/members", json=member_body(), headers=user_headers(a))
    assert taken.status_code == 422
    assert taken.json()["errors"][0]["field"] == "email"
    assert identity.invitations == []
    assert len(await db("SELECT 1 FROM membership WHERE institution_id = :a", a=a)) == 1


async def test_collaborators_read_bank_accounts_change_nothing_and_other_institutions_get_404(
    api: httpx.AsyncClient, two: tuple[UUID, UUID]
) -> None:
    a, b = two
    member = (
        await api.post("/api/organisation/members", json=member_body(), headers=user_headers(a))
    ).json()
    account = (
        await api.post(
            "/api/organisation/bank-accounts",
            json={"iban": IBAN, "holder": "Atelier", "label": "Principal"},
            headers=user_headers(a),
        )
    ).json()
    collaborator = user_headers(a, "collaborator")
    for method, path in (
        ("GET", "/api/organisation/members"),
        ("POST", "/api/organisation/members"),
        ("PATCH", f"/api/organisation/members/{member['id']}"),
        ("DELETE", f"/api/organisation/members/{member['id']}"),
        ("POST", "/api/organisation/bank-accounts"),
        ("PUT", f"/api/organisation/bank-accounts/{account['id']}"),
        ("DELETE", f"/api/organisation/bank-accounts/{account['id']}"),
    ):
        answer = await api.request(method, path, headers=collaborator, json={})
        assert answer.status_code == 403, (method, path)
    # Collaborators send invoices paid to the company's accounts, so they may read them.
    listed = await api.get("/api/organisation/bank-accounts", headers=collaborator)
    assert [a["id"] for a in listed.json()["items"]] == [account["id"]]
    one = await api.get(f"/api/organisation/bank-accounts/{account['id']}", headers=collaborator)
    assert one.json()["iban"] == account["iban"]

    other = user_headers(b)
    assert (
        await api.patch(
            f"/api/organisation/members/{member['id']}", json={"role": "manager"}, headers=other
        )
    ).status_code == 404
    assert (
        await api.delete(f"/api/organisation/members/{member['id']}", headers=other)
    ).status_code == 404
    for method in ("GET", "DELETE"):
        path = f"/api/organisation/bank-accounts/{account['id']}"
        assert (await api.request(method, path, headers=other)).status_code == 404
    put = await api.put(
        f"/api/organisation/bank-accounts/{account['id']}",
        json={"iban": QR_IBAN, "holder": "B", "label": "B"},
        headers=other,
    )
    assert put.status_code == 404
    b_members = (await api.get("/api/organisation/members", headers=other)).json()["items"]
    assert member["id"] not in {m["id"] for m in b_members}
    assert (await api.get("/api/organisation/bank-accounts", headers=other)).json()["items"] == []


async def test_bank_accounts_add_edit_and_remove(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], db: Query
) -> None:
    a, _ = two
    manager = user_headers(a)
    added = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": QR_IBAN.lower(), "holder": "Atelier Rhône SA", "label": "QR", "nif": "123"},
        headers=manager,
    )
    assert added.status_code == 201, added.text
    account = added.json()
    assert account["iban"] == "CH4431999123000889012"
    assert account["iban_formatted"] == QR_IBAN
    assert account["is_qr_iban"] is True
    assert account["nif"] == "123"

    again = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": QR_IBAN, "holder": "x", "label": "y"},
        headers=manager,
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "iban"
    assert again.json()["errors"][0]["code"] == "iban_already_used"

    edited = await api.put(
        f"/api/organisation/bank-accounts/{account['id']}",
        json={"iban": IBAN, "holder": "Atelier Rhône SA", "label": "Principal"},
        headers=manager,
    )
    assert edited.status_code == 200
    assert edited.json()["is_qr_iban"] is False
    assert edited.json()["nif"] is None

    removed = await api.delete(f"/api/organisation/bank-accounts/{account['id']}", headers=manager)
    assert removed.status_code == 204
    assert (await api.get("/api/organisation/bank-accounts", headers=manager)).json() == {
        "items": []
    }
    # No invoice named it: erased (one that an invoice named is archived, see
    # test_invoice_references.py).
    assert await db("SELECT id FROM bank_account WHERE id = :id", id=UUID(account["id"])) == []
    readded = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": IBAN, "holder": "Atelier", "label": "Principal"},
        headers=manager,
    )
    assert readded.status_code == 201


async def test_bad_bank_accounts_are_refused_field_by_field_and_nothing_is_stored(
    api: httpx.AsyncClient, two: tuple[UUID, UUID], db: Query
) -> None:
    a, _ = two
    answer = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": "DE89 3704 0044 0532 0130 00", "holder": "", "label": "x", "nif": "ab"},
        headers=user_headers(a, **{"Accept-Language": "de"}),
    )
    assert answer.status_code == 422
    errors = {e["field"]: e for e in answer.json()["errors"]}
    assert set(errors) == {"iban", "holder", "nif"}
    assert errors["iban"]["code"] == "iban_country"
    bad_check = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": "CH93 0076 2011 6238 5295 8", "holder": "A", "label": "x"},
        headers=user_headers(a),
    )
    assert bad_check.json()["errors"][0]["code"] == "iban_invalid"
    wrong_type = await api.post(
        "/api/organisation/bank-accounts",
        json={"iban": 12, "holder": "A", "label": "x"},
        headers=user_headers(a),
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["errors"][0]["field"] == "iban"
    assert await db("SELECT 1 FROM bank_account WHERE institution_id = :a", a=a) == []
