"""The counter's lists through the gateway: six invoices of two members about two beneficiaries
in every status; each filter (submitter, beneficiary by name or AVS number, status) of the
history and of "Demandes à corriger" returns exactly the expected invoices, newest first, and
pages of two walk every row once.

The institution is this module's own, so that the lists hold nothing else.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.e2e.identity_support import Edge
from tests.e2e.invoice_support import (
    INVOICES,
    Institution,
    Office,
    Person,
    add_collaborator,
    invoice_body,
    listed,
    new_beneficiary,
    new_institution,
    sent,
)

pytestmark = pytest.mark.stack


@dataclass
class Counter:
    institution: Institution
    anne: Person  # the manager
    luc: Person  # a collaborator
    elise: dict[str, Any]
    paul: dict[str, Any]
    ids: dict[str, str]  # i1 … i6 by name


@pytest.fixture(scope="module")
def counter(gateway_url: str, office_token: Callable[..., str]) -> Iterator[Counter]:
    edge = Edge(gateway_url)
    try:
        institution = new_institution(edge, gateway_url, "Fondation du Counter")
        anne = institution.manager
        luc = add_collaborator(institution, "Luc", "Favre")
        elise = new_beneficiary(anne, last_name="Zurbriggen", first_name="Élise")
        paul = new_beneficiary(anne, last_name="Imseng", first_name="Paul")
        desk = Office(edge, office_token)
        plan = [
            ("i1", anne, elise),
            ("i2", luc, elise),
            ("i3", anne, paul),
            ("i4", luc, paul),
            ("i5", anne, elise),
            ("i6", luc, paul),
        ]
        ids = {
            name: sent(person, invoice_body("318.632", beneficiary["id"]))["id"]
            for name, person, beneficiary in plan
        }
        desk.decided(ids["i1"], "accept")
        desk.decided(ids["i4"], "refuse", reason="Hors décision.")
        # i5's correction is asked before i2's: "Demandes à corriger" sorts by the change.
        desk.decided(ids["i5"], "request-correction", message="Merci de préciser.")
        desk.decided(ids["i2"], "request-correction", message="Merci de préciser.")
        yield Counter(institution, anne, luc, elise, paul, ids)
    finally:
        edge.close()


def names(counter: Counter, rows: list[dict[str, Any]]) -> list[str]:
    by_id = {invoice_id: name for name, invoice_id in counter.ids.items()}
    return [by_id.get(row["id"], row["id"]) for row in rows]


def dotless(avs: str) -> str:
    return avs.replace(".", "")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["i6", "i5", "i4", "i3", "i2", "i1"]),
        ({"submitted_by": "luc"}, ["i6", "i4", "i2"]),
        ({"submitted_by": "anne"}, ["i5", "i3", "i1"]),
        ({"beneficiary": "zurb"}, ["i5", "i2", "i1"]),
        ({"beneficiary": "ELISE"}, ["i5", "i2", "i1"]),
        ({"beneficiary": "imseng paul"}, ["i6", "i4", "i3"]),
        ({"beneficiary": "paul.avs"}, ["i6", "i4", "i3"]),
        ({"beneficiary": "paul.avs.dotless"}, ["i6", "i4", "i3"]),
        ({"beneficiary": "nobody"}, []),
        ({"status": "submitted"}, ["i6", "i3"]),
        ({"status": "correction_requested"}, ["i5", "i2"]),
        ({"status": "accepted"}, ["i1"]),
        ({"status": "refused"}, ["i4"]),
        ({"submitted_by": "anne", "beneficiary": "zurbriggen"}, ["i5", "i1"]),
        ({"submitted_by": "luc", "status": "submitted", "beneficiary": "paul.avs"}, ["i6"]),
    ],
)
def test_history_filters(counter: Counter, filters: dict[str, str], expected: list[str]) -> None:
    rows = listed(counter.anne, view="history", **resolved(counter, filters))
    assert names(counter, rows) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["i2", "i5"]),
        ({"submitted_by": "luc"}, ["i2"]),
        ({"submitted_by": "anne"}, ["i5"]),
        ({"beneficiary": "élise"}, ["i2", "i5"]),
        ({"beneficiary": "elise.avs"}, ["i2", "i5"]),
        ({"beneficiary": "paul.avs"}, []),
    ],
)
def test_to_correct_filters(counter: Counter, filters: dict[str, str], expected: list[str]) -> None:
    rows = listed(counter.luc, view="to_correct", **resolved(counter, filters))
    assert names(counter, rows) == expected
    assert {row["status"] for row in rows} <= {"correction_requested"}


def resolved(counter: Counter, filters: dict[str, str]) -> dict[str, str]:
    """Stand-ins replaced by the real values (account ids, AVS numbers)."""
    values = {
        "anne": counter.anne.account_id,
        "luc": counter.luc.account_id,
        "paul.avs": counter.paul["avs"],
        "paul.avs.dotless": dotless(counter.paul["avs"]),
        "elise.avs": counter.elise["avs"],
    }
    return {key: values.get(value, value) for key, value in filters.items()}


def test_rows_show_who_sent_what_about_whom(counter: Counter) -> None:
    rows = {row["id"]: row for row in listed(counter.anne, view="history")}
    i2 = rows[counter.ids["i2"]]
    assert i2["submitted_by"] == {"account_id": counter.luc.account_id, "name": "Luc F."}
    assert i2["beneficiary"] == {
        "id": counter.elise["id"],
        "first_name": "Élise",
        "last_name": "Zurbriggen",
        "avs": counter.elise["avs"],
    }
    assert i2["status"] == "correction_requested"
    assert i2["form"] == "318.632"
    assert i2["summary"] == "Facture 02.11.2026"
    submitters = counter.luc.client().get("/api/invoicing/submitters")
    assert submitters.status_code == 200, submitters.text
    assert sorted(submitters.json(), key=lambda s: s["name"]) == [
        {"account_id": counter.anne.account_id, "name": "Anne R."},
        {"account_id": counter.luc.account_id, "name": "Luc F."},
    ]


def test_pages_of_two_walk_every_row_once(counter: Counter) -> None:
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"view": "history", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = counter.anne.client().get(INVOICES, params=params)
        assert page.status_code == 200, page.text
        assert len(page.json()["items"]) <= 2
        seen += [row["id"] for row in page.json()["items"]]
        pages += 1
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert names(counter, [{"id": i} for i in seen]) == ["i6", "i5", "i4", "i3", "i2", "i1"]
    assert pages in (3, 4)  # three full pages, and an empty last one if the server cannot tell
