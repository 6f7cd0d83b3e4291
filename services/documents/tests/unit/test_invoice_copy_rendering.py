"""Rendering a copy with fakes: a failed commit leaves no orphan file, a new render replaces
the previous file only once committed."""

from uuid import UUID

import pytest

from documents.application.invoice_copies import CopyWriter, when_invoice_changed_update_copy
from documents.domain.invoice_copies import (
    CopyChange,
    CopyDocument,
    CopyStatus,
    InvoiceCopyRecord,
    Office,
)
from services.documents.tests import examples


class FakeCopies:
    def __init__(self) -> None:
        self.rows: dict[tuple[UUID, int], InvoiceCopyRecord] = {}
        self.staged: dict[tuple[UUID, int], InvoiceCopyRecord] = {}

    async def lock(self, change: CopyChange) -> InvoiceCopyRecord:
        key = (change.invoice_id, change.version)
        return self.rows.get(key) or InvoiceCopyRecord(
            id=change.invoice_id,
            invoice_id=change.invoice_id,
            version=change.version,
            company_id=change.company_id,
            reference=change.reference,
        )

    async def save(self, record: InvoiceCopyRecord) -> None:
        self.staged[(record.invoice_id, record.version)] = record

    async def find(self, invoice_id, *, version, company_id):
        raise NotImplementedError


class Commit:
    def __init__(self, copies: FakeCopies) -> None:
        self.copies = copies
        self.fail = False

    async def __call__(self) -> None:
        if self.fail:
            raise RuntimeError("database down")
        self.copies.rows.update(self.copies.staged)


class Renderer:
    def render(self, document: CopyDocument) -> bytes:
        return f"%PDF-{document.summary[3][1]}".encode()


class Observer:
    def __init__(self) -> None:
        self.statuses: list[CopyStatus] = []

    def rendered(self, status: CopyStatus, seconds: float) -> None:
        self.statuses.append(status)


@pytest.fixture
def writer(storage) -> CopyWriter:
    office = Office(names={"fr": "Office AI"}, address_lines=())
    return CopyWriter(storage=storage, renderer=Renderer(), office=office, observer=Observer())


async def test_a_failed_commit_removes_the_stored_file(storage, writer) -> None:
    copies = FakeCopies()
    commit = Commit(copies)
    commit.fail = True

    with pytest.raises(RuntimeError):
        await when_invoice_changed_update_copy(
            examples.submitted(), copies=copies, commit=commit, writer=writer
        )

    assert storage.objects == {}
    assert copies.rows == {}
    assert writer.observer.statuses == []


async def test_a_decision_replaces_the_file_after_the_commit(storage, writer) -> None:
    copies = FakeCopies()
    commit = Commit(copies)
    event = examples.submitted()
    await when_invoice_changed_update_copy(event, copies=copies, commit=commit, writer=writer)
    (first_key,) = storage.objects

    await when_invoice_changed_update_copy(
        examples.accepted(event), copies=copies, commit=commit, writer=writer
    )

    ((key, content),) = storage.objects.items()
    assert key != first_key
    assert content == "%PDF-Acceptée".encode()
    assert copies.rows[(event.invoice_id, 1)].storage_key == key
    assert writer.observer.statuses == [CopyStatus.SUBMITTED, CopyStatus.ACCEPTED]
