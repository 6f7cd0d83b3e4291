"""Fakes for documents's unit tests: an in-memory storage and unit of work; no I/O."""

from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any, Self
from uuid import UUID

import pytest

from contracts import IntegrationEvent
from documents.application.ports import StoredContentMissing
from documents.domain.files import AuditAction, StoredFile


class FakePending:
    def __init__(self, storage: "FakeStorage", key: str) -> None:
        self.storage = storage
        self.key = key
        self.buffer = bytearray()
        self.aborted = False

    async def write(self, chunk: bytes) -> None:
        self.buffer += chunk

    async def commit(self) -> None:
        self.storage.objects[self.key] = bytes(self.buffer)

    async def abort(self) -> None:
        self.aborted = True
        self.buffer.clear()


class FakeStorage:
    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.pending: list[FakePending] = []

    async def begin(self, key: str) -> FakePending:
        pending = FakePending(self, key)
        self.pending.append(pending)
        return pending

    async def read(self, key: str) -> AsyncIterator[bytes]:
        if key not in self.objects:
            raise StoredContentMissing(key)
        data = self.objects[key]
        for start in range(0, len(data), 4):
            yield data[start : start + 4]

    async def exists(self, key: str) -> bool:
        return key in self.objects

    async def delete(self, key: str) -> None:
        self.objects.pop(key, None)


class FakeFiles:
    def __init__(self) -> None:
        self.rows: dict[UUID, StoredFile] = {}
        self.deleted: set[UUID] = set()
        self.audits: list[dict[str, Any]] = []
        self.fail_on_add = False

    async def add(self, file: StoredFile) -> None:
        if self.fail_on_add:
            raise RuntimeError("database down")
        self.rows[file.id] = file

    async def get(self, file_id: UUID, *, company_id: UUID | None) -> StoredFile | None:
        found = self.rows.get(file_id)
        if found is None or file_id in self.deleted:
            return None
        if company_id is not None and found.company_id != company_id:
            return None
        return found

    async def mark_deleted(self, file_id: UUID, *, deleted_by: str) -> None:
        self.deleted.add(file_id)

    async def audit(self, *, action: AuditAction, **fields: Any) -> None:
        self.audits.append({"action": action, **fields})


class FakeUow:
    """Commits by copying what was staged; an exit without commit forgets it."""

    def __init__(self) -> None:
        self.committed = FakeFiles()
        self.events: list[IntegrationEvent] = []
        self._staged: list[IntegrationEvent] = []
        self.files = self.committed

    async def __aenter__(self) -> Self:
        self._staged = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._staged = []

    def emit(self, event: IntegrationEvent, *, key: str) -> None:
        self._staged.append(event)

    async def commit(self) -> None:
        self.events.extend(self._staged)
        self._staged = []


@pytest.fixture
def storage() -> FakeStorage:
    return FakeStorage()


@pytest.fixture
def uow() -> FakeUow:
    return FakeUow()
