"""The PDF copy of an invoice version: for the institution that sent it, and for the office."""

from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from documents.api.dependencies import UowDep
from documents.api.files import OfficeReader
from documents.application.errors import CopyNotReady
from documents.application.invoice_copies import CopyDownload, download_invoice_copy
from documents.application.ports import FileStorage
from documents.domain.files import ascii_filename
from kernel.auth import CurrentUser
from kernel.errors import problem

Version = Annotated[
    int | None, Query(ge=1, le=100_000, description="the version; the latest without it")
]
PDF_RESPONSE = {
    200: {"content": {"application/pdf": {}}},
    404: {"description": "not rendered yet (Retry-After), or no such invoice"},
}


def _pdf_response(download: CopyDownload) -> StreamingResponse:
    fallback = ascii_filename(download.filename)
    disposition = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(download.filename)}"
    )
    return StreamingResponse(
        download.chunks,
        media_type="application/pdf",
        headers={
            "Content-Disposition": disposition,
            "Content-Length": str(download.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


def install_problem_handler(app: FastAPI) -> None:
    """A copy not rendered yet: the kernel's 404 problem plus ``Retry-After``."""

    @app.exception_handler(CopyNotReady)
    async def on_not_ready(request: Request, error: CopyNotReady) -> JSONResponse:
        response = problem(error.status, error.title, error.code, error.detail)
        response.headers["Retry-After"] = str(error.retry_after)
        return response


def public_router(storage: FileStorage) -> APIRouter:
    router = APIRouter(prefix="/api/documents/invoices", tags=["invoice copies"])

    @router.get("/{invoice_id}/pdf", response_class=StreamingResponse, responses=PDF_RESPONSE)
    async def invoice_pdf(
        user: CurrentUser, uow: UowDep, invoice_id: UUID, version: Version = None
    ) -> StreamingResponse:
        """The PDF copy of an invoice of the caller's institution."""
        download = await download_invoice_copy(invoice_id, version, user, uow=uow, storage=storage)
        return _pdf_response(download)

    return router


def internal_router(storage: FileStorage) -> APIRouter:
    router = APIRouter(prefix="/internal/documents/invoices", tags=["office"])

    @router.get("/{invoice_id}/pdf", response_class=StreamingResponse, responses=PDF_RESPONSE)
    async def office_invoice_pdf(
        office: OfficeReader, uow: UowDep, invoice_id: UUID, version: Version = None
    ) -> StreamingResponse:
        """The PDF copy of any institution's invoice (scope ``documents:read``)."""
        download = await download_invoice_copy(
            invoice_id, version, office, uow=uow, storage=storage
        )
        return _pdf_response(download)

    return router
