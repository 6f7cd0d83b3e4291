"""The people who sent invoices: one row per person, renamed when their name changes."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from invoicing.adapters.invoices import SqlUnitOfWork
from invoicing.application.ports import SubmitterRef
from kernel.db import SessionFactory

pytestmark = pytest.mark.stack


async def test_a_person_is_listed_once_under_their_latest_name(sessions: SessionFactory) -> None:
    institution, account = uuid4(), uuid4()
    for name in ("Jean D.", "Jean D.", "Jean M."):
        async with SqlUnitOfWork(sessions) as uow:
            await uow.invoices.remember_submitter(
                institution, SubmitterRef(account, name), datetime.now(UTC)
            )
            await uow.commit()

    async with SqlUnitOfWork(sessions) as uow:
        assert await uow.invoices.submitters(institution) == [SubmitterRef(account, "Jean M.")]
