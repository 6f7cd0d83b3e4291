"""Events documents publishes about uploaded files (topic ``documents.file``, key = file id)."""

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent

Purpose = Literal["power_of_attorney", "invoice_attachment"]
MediaType = Literal["application/pdf", "image/jpeg", "image/png"]


class _FileEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "documents.file"

    file_id: UUID
    company_id: UUID


class FileUploaded(_FileEvent):
    """A file was accepted (content recognised, at most 10 MB) and stored."""

    TYPE: ClassVar[str] = "documents.FileUploaded"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    uploaded_by: str
    purpose: Purpose
    media_type: MediaType
    size: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    filename: str


class FileDeleted(_FileEvent):
    """The owning institution deleted the file; its content is gone."""

    TYPE: ClassVar[str] = "documents.FileDeleted"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    deleted_by: str
