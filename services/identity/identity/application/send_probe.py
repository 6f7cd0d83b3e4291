"""Send a diagnostic probe: store it and announce it in the same transaction."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import uuid4

from contracts.diagnostics import ProbeSent
from identity.adapters.orm import probe_table
from identity.domain.probe import Probe
from kernel.uow import UnitOfWork


@dataclass(frozen=True)
class SendProbe:
    label: str


async def send_probe(command: SendProbe, uow: UnitOfWork) -> Probe:
    probe = Probe(id=uuid4(), label=command.label, created_at=datetime.now(UTC))
    async with uow:
        await uow.session.execute(
            probe_table.insert().values(id=probe.id, label=probe.label, created_at=probe.created_at)
        )
        uow.emit(ProbeSent(probe_id=probe.id, label=probe.label), key=str(probe.id))
        await uow.commit()
    return probe
