"""Forgotten password and invitations end to end: the e-mail the notification service sends,
its link used once, every session ended, and the next login still asks for the SMS code."""

import uuid
from collections.abc import Iterator

import pytest

from tests.e2e.identity_support import (
    Edge,
    active_account,
    email_ids,
    link_token,
    logged_in,
    login,
    office_token,
    problem,
    sms_code,
    sms_ids,
    unique_mobile,
)

pytestmark = pytest.mark.stack

NEW_PASSWORD = "Trois marmottes au Grand-Saint-Bernard"


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Edge]:
    opened = Edge(gateway_url)
    yield opened
    opened.close()


async def test_reset_by_e_mail_link_once_and_every_session_ends(edge: Edge) -> None:
    account = await active_account(edge, office_token(edge, scope="accounts:create"))
    session, _ = logged_in(edge, account)
    assert session.post("/api/identity/auth/refresh").status_code == 200

    before = email_ids(account["email"])
    with edge.client() as http:
        asked = http.post("/api/identity/auth/password/forgot", json={"email": account["email"]})
        assert asked.status_code == 202
        nobody = http.post(
            "/api/identity/auth/password/forgot", json={"email": f"{uuid.uuid4()}@example.ch"}
        )
        assert nobody.status_code == 202
        assert nobody.content == asked.content
    token = link_token(account["email"], "/mot-de-passe/nouveau", after=before)

    form = {"token": token, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD}
    with edge.client() as http:
        weak = http.post(
            "/api/identity/auth/password/reset",
            json={**form, "password": "motdepasse123", "password_confirmation": "motdepasse123"},
        )
        assert weak.status_code == 422
        assert problem(weak)["errors"][0]["code"] == "password_common"
        assert http.post("/api/identity/auth/password/reset", json=form).status_code == 204
        again = http.post("/api/identity/auth/password/reset", json=form)
        assert again.status_code == 410
        assert problem(again)["code"] == "token_void"

    # The session opened before the reset is over.
    assert session.post("/api/identity/auth/refresh").status_code == 401
    assert login(edge, account["email"]).status_code == 401
    # The new password works, and the SMS code is still required.
    account["password"] = NEW_PASSWORD
    http, access = logged_in(edge, account)
    assert http.get("/api/identity/me", headers={"authorization": f"Bearer {access}"}).is_success


async def test_a_newer_reset_link_voids_the_older_one(edge: Edge) -> None:
    account = await active_account(edge, office_token(edge, scope="accounts:create"))
    before = email_ids(account["email"])
    with edge.client() as http:
        http.post("/api/identity/auth/password/forgot", json={"email": account["email"]})
    older = link_token(account["email"], "/mot-de-passe/nouveau", after=before)
    before = email_ids(account["email"])
    with edge.client() as http:
        http.post("/api/identity/auth/password/forgot", json={"email": account["email"].upper()})
    newer = link_token(account["email"], "/mot-de-passe/nouveau", after=before)
    form = {"password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD}
    with edge.client() as http:
        assert (
            http.post(
                "/api/identity/auth/password/reset", json={"token": older, **form}
            ).status_code
            == 410
        )
        assert (
            http.post(
                "/api/identity/auth/password/reset", json={"token": newer, **form}
            ).status_code
            == 204
        )


async def test_invited_collaborator_chooses_a_password_and_logs_in(edge: Edge) -> None:
    token = office_token(edge, scope="accounts:invite")
    invited = {
        "account_id": str(uuid.uuid4()),
        "email": f"e2e.invited.{uuid.uuid4().hex[:10]}@example.ch",
        "first_name": "Luc",
        "last_name": "Roh",
        "mobile": unique_mobile(),
        "language": "de",
        "company_id": str(uuid.uuid4()),
        "company_name": "Atelier e2e",
    }
    with edge.client(authorization=f"Bearer {token}") as http:
        issued = http.post("/internal/identity/invitations", json=invited)
    assert issued.status_code == 201, issued.text
    link = link_token(invited["email"], "/invitation", after=set())
    with edge.client() as http:
        shown = http.post("/api/identity/auth/invitations/lookup", json={"token": link})
        assert shown.json() == {"email": invited["email"], "first_name": "Luc"}
        accepted = http.post(
            "/api/identity/auth/invitations/accept",
            json={"token": link, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD},
        )
        assert accepted.status_code == 204, accepted.text
        used = http.post("/api/identity/auth/invitations/lookup", json={"token": link})
        assert used.status_code == 410
    before = sms_ids(invited["mobile"])
    started = login(edge, invited["email"], NEW_PASSWORD)
    assert started.status_code == 200, started.text
    code = sms_code(invited["mobile"], after=before)
    with edge.client() as http:
        verified = http.post(
            "/api/identity/auth/login/verify",
            json={"challenge_id": started.json()["challenge_id"], "code": code},
        )
        assert verified.status_code == 200
        me = http.get(
            "/api/identity/me",
            headers={"authorization": f"Bearer {verified.json()['access_token']}"},
        )
    assert me.json()["role"] == "collaborator"
    assert me.json()["company_id"] == invited["company_id"]
