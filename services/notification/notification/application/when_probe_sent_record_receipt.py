"""When identity sends a diagnostic probe, record that notification received it."""

from contracts.diagnostics import ProbeSent
from kernel.uow import UnitOfWork
from notification.adapters.orm import probe_receipt_table


async def when_probe_sent_record_receipt(uow: UnitOfWork, event: ProbeSent) -> None:
    await uow.session.execute(
        probe_receipt_table.insert().values(probe_id=event.probe_id, label=event.label)
    )
