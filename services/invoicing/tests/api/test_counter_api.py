"""The counter's lists: history and "to correct", the Responsable, Bénéficiaire and Statut
filters, keyset pages and the list of people who sent invoices."""

from typing import Any
from uuid import uuid4

import pytest

from .support import Institution, other_invoice

pytestmark = pytest.mark.stack

BASE = "/api/invoicing/invoices"
OFFICE = "/internal/invoicing/invoices"


@pytest.fixture
async def counter(api, institution, user_headers, office_headers) -> dict[str, Any]:
    """Five invoices: Jean sends three (Müller, Müller, Zoë Favre), Anna two (Favre, Ngo);
    one is accepted, one sent back for correction."""
    company: Institution = institution()
    anna = company.add_member(uuid4(), "Anna", "Schmid", "de")
    favre = company.add_beneficiary(uuid4(), "Favre", "Zoë")
    ngo = company.add_beneficiary(uuid4(), "Ngô", "Minh")
    sent = []
    for who, beneficiary in (
        (company.member, company.beneficiary),
        (company.member, company.beneficiary),
        (company.member, favre),
        (anna, favre),
        (anna, ngo),
    ):
        response = await api.post(
            BASE,
            json=other_invoice(company, beneficiary_id=str(beneficiary)),
            headers=user_headers(company, who),
        )
        assert response.status_code == 201, response.text
        sent.append(response.json()["id"])
    await api.post(f"{OFFICE}/{sent[0]}/accept", json={"revision": 1}, headers=office_headers())
    await api.post(
        f"{OFFICE}/{sent[3]}/request-correction",
        json={"revision": 1, "message": "Corrigez la date."},
        headers=office_headers(),
    )
    return {"company": company, "anna": anna, "favre": favre, "ngo": ngo, "ids": sent}


async def ids(api, company, headers, **params: Any) -> list[str]:
    response = await api.get(BASE, params=params, headers=headers(company))
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["items"]]


async def test_history_is_newest_first_with_its_columns(api, counter, user_headers) -> None:
    company, sent = counter["company"], counter["ids"]

    response = await api.get(BASE, headers=user_headers(company))

    rows = response.json()["items"]
    assert [r["id"] for r in rows] == sent[::-1]
    newest = rows[0]
    assert newest["summary"] == "Facture 03.07.2025"
    assert newest["submitted_by"] == {"account_id": str(counter["anna"]), "name": "Anna S."}
    assert newest["beneficiary"]["last_name"] == "Ngô"
    assert newest["status"] == "submitted"
    assert rows[-1]["status"] == "accepted"
    assert response.json()["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "accepted"}, [0]),
        ({"status": "correction_requested"}, [3]),
        ({"beneficiary": "mul"}, [1, 0]),
        ({"beneficiary": "MÜLLER É"}, [1, 0]),
        ({"beneficiary": "elo"}, [1, 0]),
        ({"beneficiary": "zoe"}, [3, 2]),
        ({"beneficiary": "ngo"}, [4]),
        ({"beneficiary": "ller"}, []),
    ],
)
async def test_history_filters(api, counter, user_headers, params, expected) -> None:
    found = await ids(api, counter["company"], user_headers, **params)

    assert found == [counter["ids"][i] for i in expected]


async def test_the_responsable_and_avs_filters(api, counter, user_headers) -> None:
    company, sent = counter["company"], counter["ids"]
    avs = company.avs(counter["favre"])
    dotted = f"{avs[:3]}.{avs[3:7]}.{avs[7:9]}"

    by_anna = await ids(api, company, user_headers, submitted_by=str(counter["anna"]))
    by_avs = await ids(api, company, user_headers, beneficiary=dotted)
    whole = await ids(api, company, user_headers, beneficiary=avs)
    anna_accepted = await ids(
        api, company, user_headers, submitted_by=str(counter["anna"]), status="accepted"
    )

    assert by_anna == [sent[4], sent[3]]
    assert by_avs == whole == [sent[3], sent[2]]
    assert anna_accepted == []


async def test_to_correct_lists_only_what_the_office_sent_back(api, counter, user_headers) -> None:
    company, sent = counter["company"], counter["ids"]

    everyone = await ids(api, company, user_headers, view="to_correct")
    jean = await ids(
        api, company, user_headers, view="to_correct", submitted_by=str(company.member)
    )

    assert everyone == [sent[3]]
    assert jean == []


async def test_pages_of_two_walk_every_row_once(api, counter, user_headers) -> None:
    company = counter["company"]
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.get(BASE, params=params, headers=user_headers(company))).json()
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == counter["ids"][::-1]


async def test_a_broken_cursor_is_a_field_error(api, institution, user_headers) -> None:
    company = institution()

    response = await api.get(BASE, params={"cursor": "nonsense"}, headers=user_headers(company))

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


async def test_the_submitters_are_the_people_who_sent_invoices(
    api, counter, institution, user_headers
) -> None:
    company = counter["company"]

    response = await api.get("/api/invoicing/submitters", headers=user_headers(company))
    stranger = await api.get("/api/invoicing/submitters", headers=user_headers(institution()))

    assert response.json() == [
        {"account_id": str(counter["anna"]), "name": "Anna S."},
        {"account_id": str(company.member), "name": "Jean D."},
    ]
    assert stranger.json() == []


async def test_a_list_read_is_audited(api, db, institution, user_headers) -> None:
    company = institution()

    await api.get(BASE, params={"beneficiary": "mül"}, headers=user_headers(company))

    (entry,) = await db("SELECT * FROM audit_entry WHERE institution_id = :c", c=company.id)
    assert (entry.action, entry.invoice_id) == ("list", None)
    assert '"q": "mul"' in entry.detail
