"""The use cases with a fake store: scoping, audit, events, refusals that store nothing."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from beneficiary.application import beneficiaries as use_cases
from beneficiary.application.ports import Actor
from contracts import beneficiary as events
from kernel import correlation
from kernel.errors import Conflict, NotFound, RuleViolated

A = Actor(subject="anne", company_id=uuid4())
B = Actor(subject="bruno", company_id=uuid4())
NOW = datetime(2026, 11, 27, 10, tzinfo=UTC)


def now() -> datetime:
    return NOW


async def test_register_stores_announces_and_audits(uow, form) -> None:
    token = correlation.correlation_id.set("cid-1")
    try:
        created = await use_cases.register_beneficiary(A, form(), uow, now=now)
    finally:
        correlation.correlation_id.reset(token)

    assert created.id in uow.beneficiaries.rows
    (event,) = uow.committed
    assert isinstance(event, events.BeneficiaryRegistered)
    assert (event.beneficiary_id, event.institution_id) == (created.id, A.company_id)
    (entry,) = uow.audit.entries_
    assert (entry.action, entry.subject, entry.correlation_id) == ("create", "anne", "cid-1")


async def test_a_refused_form_stores_nothing(uow, form) -> None:
    with pytest.raises(RuleViolated) as refused:
        await use_cases.register_beneficiary(A, form(avs="756.0005.0000.02"), uow, now=now)
    assert refused.value.errors[0].field == "avs"
    assert (uow.beneficiaries.rows, uow.committed, uow.audit.entries_) == ({}, [], [])


async def test_avs_taken_in_the_institution_or_by_a_race(uow, form) -> None:
    await use_cases.register_beneficiary(A, form(), uow, now=now)
    with pytest.raises(RuleViolated) as taken:
        await use_cases.register_beneficiary(A, form(), uow, now=now)
    assert taken.value.errors[0].code == "avs_already_registered"
    await use_cases.register_beneficiary(B, form(), uow, now=now)
    uow.beneficiaries.race_on_add = True
    with pytest.raises(RuleViolated):
        await use_cases.register_beneficiary(A, form(avs="7560000000019"), uow, now=now)
    assert len(uow.beneficiaries.rows) == 2


async def test_another_institution_gets_not_found_everywhere(uow, form) -> None:
    created = await use_cases.register_beneficiary(A, form(), uow, now=now)
    with pytest.raises(NotFound):
        await use_cases.show_beneficiary(B, created.id, uow, now=now)
    with pytest.raises(NotFound):
        # Not found before validation: the invalid form tells B nothing.
        await use_cases.change_beneficiary(B, created.id, form(avs="x"), uow, now=now)
    with pytest.raises(NotFound):
        await use_cases.remove_beneficiary(B, created.id, uow, now=now)
    page = await use_cases.list_beneficiaries(B, uow, name=None, avs=None, limit=10, cursor=None)
    assert page.items == []
    assert created.id in uow.beneficiaries.rows


async def test_change_and_remove(uow, form) -> None:
    created = await use_cases.register_beneficiary(A, form(), uow, now=now)
    changed = await use_cases.change_beneficiary(A, created.id, form(last_name="Rey"), uow, now=now)
    assert (changed.details.last_name, changed.version) == ("Rey", 2)
    assert await use_cases.remove_beneficiary(A, created.id, uow, now=now) is False
    assert uow.beneficiaries.rows == {}
    assert [type(e).__name__ for e in uow.committed] == [
        "BeneficiaryRegistered",
        "BeneficiaryUpdated",
        "BeneficiaryRemoved",
    ]
    assert [e.action for e in uow.audit.entries_] == ["create", "update", "delete"]


async def test_a_referenced_beneficiary_is_archived_then_frozen(uow, form) -> None:
    created = await use_cases.register_beneficiary(A, form(), uow, now=now)
    stored, _ = uow.beneficiaries.rows[created.id]
    stored.referenced = True
    assert await use_cases.remove_beneficiary(A, created.id, uow, now=now) is True
    assert uow.beneficiaries.rows[created.id][0].archived_at == NOW
    with pytest.raises(Conflict):
        await use_cases.change_beneficiary(A, created.id, form(), uow, now=now)
    removed = uow.committed[-1]
    assert isinstance(removed, events.BeneficiaryRemoved)
    assert removed.archived is True


async def test_list_filters_and_pages(uow, form) -> None:
    for last, first, avs in [
        ("Zeller", "Anna", "7560000000019"),
        ("Müller", "Élodie", "7561234567897"),
        ("Favre", "Noël", "7560000000026"),
    ]:
        await use_cases.register_beneficiary(
            A, form(last_name=last, first_name=first, avs=avs), uow, now=now
        )

    async def names(**query: object) -> list[str]:
        page = await use_cases.list_beneficiaries(
            A, uow, **{"name": None, "avs": None, "limit": 10, "cursor": None, **query}
        )
        return [row.first_name for row in page.items]

    assert await names() == ["Noël", "Élodie", "Anna"]
    assert await names(name="MUL") == ["Élodie"]
    assert await names(name="noel") == ["Noël"]
    assert await names(avs="756.1234") == ["Élodie"]
    first = await use_cases.list_beneficiaries(A, uow, name=None, avs=None, limit=2, cursor=None)
    assert first.next_cursor is not None
    rest = await use_cases.list_beneficiaries(
        A, uow, name=None, avs=None, limit=2, cursor=first.next_cursor
    )
    assert [r.first_name for r in rest.items] == ["Anna"]
    assert rest.next_cursor is None
    with pytest.raises(RuleViolated):
        await use_cases.list_beneficiaries(A, uow, name=None, avs=None, limit=2, cursor="%%")
