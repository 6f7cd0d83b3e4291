"""Uploads and downloads of files (institutions' users), and the office's download.

Upload: ``POST /api/documents/files?purpose=...&filename=...`` with the raw file as the body
(any ``Content-Type``; it is not trusted, nor is the name: the content decides).
"""

from datetime import datetime
from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from documents.api.dependencies import UowDep
from documents.application.files import (
    Upload,
    delete_file,
    download_file,
    file_metadata,
    upload_file,
)
from documents.application.ports import FileStorage
from documents.domain.files import MAX_BYTES, MediaType, Purpose, StoredFile, ascii_filename
from kernel.auth import CurrentUser, Principal, office_with_scopes

SCOPE = "documents:read"
OfficeReader = Annotated[Principal, office_with_scopes(SCOPE)]


class FileOut(BaseModel):
    id: UUID
    company_id: UUID
    uploaded_by: str
    filename: str
    media_type: MediaType
    size: int
    sha256: str
    purpose: Purpose
    created_at: datetime

    @classmethod
    def of(cls, file: StoredFile) -> "FileOut":
        return cls.model_validate(file, from_attributes=True)


def _content_response(file: StoredFile, chunks: object) -> StreamingResponse:
    fallback = ascii_filename(file.filename)
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file.filename)}"
    return StreamingResponse(
        chunks,  # type: ignore[arg-type]
        media_type=file.media_type.value,
        headers={
            "Content-Disposition": disposition,
            "Content-Length": str(file.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def public_router(storage: FileStorage) -> APIRouter:
    router = APIRouter(prefix="/api/documents/files", tags=["files"])

    @router.post(
        "",
        status_code=201,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    t.value: {"schema": {"type": "string", "format": "binary"}} for t in MediaType
                },
            }
        },
    )
    async def upload(
        user: CurrentUser,
        request: Request,
        uow: UowDep,
        purpose: Purpose,
        filename: Annotated[str, Query(min_length=1, max_length=255)] = "document",
    ) -> FileOut:
        """Upload one PDF, JPEG or PNG of at most 10 MB as the raw request body (streamed)."""
        command = Upload(user, purpose, filename, _declared_length(request))
        stored = await upload_file(
            command, request.stream(), storage=storage, uow=uow, limit=MAX_BYTES
        )
        return FileOut.of(stored)

    @router.get("/{file_id}")
    async def metadata(user: CurrentUser, uow: UowDep, file_id: UUID) -> FileOut:
        return FileOut.of(await file_metadata(file_id, user, uow=uow))

    @router.get(
        "/{file_id}/content",
        response_class=StreamingResponse,
        responses={200: {"content": {t.value: {} for t in MediaType}}},
    )
    async def content(user: CurrentUser, uow: UowDep, file_id: UUID) -> StreamingResponse:
        download = await download_file(file_id, user, uow=uow, storage=storage)
        return _content_response(download.file, download.chunks)

    @router.delete("/{file_id}", status_code=204)
    async def delete(user: CurrentUser, uow: UowDep, file_id: UUID) -> Response:
        """Delete a file of the caller's institution (its content is removed; 404 afterwards)."""
        await delete_file(file_id, user, uow=uow, storage=storage)
        return Response(status_code=204)

    return router


def internal_router(storage: FileStorage) -> APIRouter:
    router = APIRouter(prefix="/internal/documents/files", tags=["office"])

    @router.get(
        "/{file_id}/content",
        response_class=StreamingResponse,
        responses={200: {"content": {t.value: {} for t in MediaType}}},
    )
    async def office_content(office: OfficeReader, uow: UowDep, file_id: UUID) -> StreamingResponse:
        """Any institution's file, for the office (scope ``documents:read``)."""
        download = await download_file(file_id, office, uow=uow, storage=storage)
        return _content_response(download.file, download.chunks)

    return router
