"""Query: how many times notification recorded a given probe."""

from uuid import UUID

from sqlalchemy import func, select

from kernel.db import SessionFactory
from notification.adapters.orm import probe_receipt_table


async def count_probe_receipts(session_factory: SessionFactory, probe_id: UUID) -> int:
    async with session_factory() as session:
        count = await session.scalar(
            select(func.count()).where(probe_receipt_table.c.probe_id == probe_id)
        )
    return int(count or 0)
