"""What the use cases need from outside: the file storage, the metadata store, the invoice
copies' rows and the PDF renderer."""

from collections.abc import AsyncIterator
from typing import Protocol
from uuid import UUID

from documents.domain.files import AuditAction, StoredFile
from documents.domain.invoice_copies import CopyChange, CopyDocument, CopyStatus, InvoiceCopyRecord


class StoredContentMissing(Exception):
    """The storage has no content under the key (deleted, or never committed)."""


class PendingFile(Protocol):
    """Content being written; invisible under its key until ``commit``."""

    async def write(self, chunk: bytes) -> None: ...

    async def commit(self) -> None: ...

    async def abort(self) -> None:
        """Forget what was written; safe to call after ``commit`` failed or twice."""


class FileStorage(Protocol):
    async def begin(self, key: str) -> PendingFile: ...

    def read(self, key: str) -> AsyncIterator[bytes]:
        """The content in chunks; raises ``StoredContentMissing`` on first iteration."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Remove the content; no error when it is already gone."""


class Files(Protocol):
    """Metadata rows and the audit trail, inside one transaction."""

    async def add(self, file: StoredFile) -> None: ...

    async def get(self, file_id: UUID, *, company_id: UUID | None) -> StoredFile | None:
        """A live file; with ``company_id``, only when that institution owns it."""
        ...

    async def mark_deleted(self, file_id: UUID, *, deleted_by: str) -> None: ...

    async def audit(
        self,
        *,
        action: AuditAction,
        file_id: UUID,
        company_id: UUID,
        actor: str,
        actor_kind: str,
    ) -> None: ...


class InvoiceCopies(Protocol):
    """The copies' rows, inside the caller's transaction."""

    async def lock(self, change: CopyChange) -> InvoiceCopyRecord:
        """The row of the change's (invoice, version), created when absent, locked until the
        transaction ends."""
        ...

    async def save(self, record: InvoiceCopyRecord) -> None: ...

    async def find(
        self, invoice_id: UUID, *, version: int | None, company_id: UUID | None
    ) -> InvoiceCopyRecord | None:
        """The given version (the latest without one); with ``company_id``, only that
        institution's."""
        ...


class CopyRenderer(Protocol):
    def render(self, document: CopyDocument) -> bytes:
        """The PDF of a laid-out copy (CPU-bound: callers run it in a thread)."""
        ...


class CopyObserver(Protocol):
    def rendered(self, status: CopyStatus, seconds: float) -> None: ...
