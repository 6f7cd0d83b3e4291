"""The Idempotency-Key row decides between concurrent requests: the second waits for the
first transaction and then reads its use, or takes the key when the first rolled back."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from invoicing.adapters.invoices import SqlUnitOfWork
from invoicing.application.ports import KeyUse
from kernel.db import SessionFactory

pytestmark = pytest.mark.stack

NOW = datetime.now(UTC)
SINCE = NOW - timedelta(hours=24)


async def claim(sessions: SessionFactory, institution, key: str, use: KeyUse, *, commit: bool):
    async with SqlUnitOfWork(sessions) as uow:
        earlier = await uow.keys.claim(institution, key, use, at=NOW, since=SINCE)
        if commit:
            await uow.commit()
        return earlier


async def test_a_concurrent_claim_waits_for_the_first_and_reads_its_use(
    sessions: SessionFactory,
) -> None:
    institution, key = uuid4(), "double-click"
    first, second = KeyUse("a" * 64, uuid4()), KeyUse("a" * 64, uuid4())
    async with SqlUnitOfWork(sessions) as holder:
        assert await holder.keys.claim(institution, key, first, at=NOW, since=SINCE) is None
        waiting = asyncio.create_task(claim(sessions, institution, key, second, commit=True))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # blocked on the uncommitted key row
        await holder.commit()

    assert await waiting == first


async def test_a_claim_after_a_rolled_back_one_takes_the_key(sessions: SessionFactory) -> None:
    institution, key = uuid4(), "retry-after-refusal"
    refused, retried = KeyUse("b" * 64, uuid4()), KeyUse("c" * 64, uuid4())

    assert await claim(sessions, institution, key, refused, commit=False) is None
    assert await claim(sessions, institution, key, retried, commit=True) is None
    async with SqlUnitOfWork(sessions) as uow:
        assert await uow.keys.find(institution, key, since=SINCE) == retried


async def test_a_key_older_than_a_day_is_forgotten(sessions: SessionFactory) -> None:
    institution, key = uuid4(), "yesterday"
    old, new = KeyUse("d" * 64, uuid4()), KeyUse("e" * 64, uuid4())
    async with SqlUnitOfWork(sessions) as uow:
        day_before = NOW - timedelta(hours=25)
        await uow.keys.claim(institution, key, old, at=day_before, since=day_before)
        await uow.commit()

    assert await claim(sessions, institution, key, new, commit=True) is None
    async with SqlUnitOfWork(sessions) as uow:
        assert await uow.keys.find(institution, key, since=SINCE) == new
