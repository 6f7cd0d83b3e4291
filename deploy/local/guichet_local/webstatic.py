"""Static server for the built web counter (web/dist) with the SPA fallback to index.html."""

from __future__ import annotations

from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from guichet_local import layout

# Vite fingerprints everything under /assets/, so those files never change under one name.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current assets: the browser must revalidate it on every load.
REVALIDATE = "no-cache"


def resolve(dist: Path, path: str) -> tuple[Path, str] | None:
    """The file to serve for a URL path and its Cache-Control, or None when dist is missing."""
    index = dist / "index.html"
    if not index.is_file():
        return None
    candidate = (dist / path.lstrip("/")).resolve()
    inside = candidate.is_relative_to(dist.resolve())
    if inside and candidate.is_file():
        cache = IMMUTABLE if path.startswith("/assets/") else REVALIDATE
        return candidate, cache
    return index, REVALIDATE


def create_app(dist: Path = layout.WEB_DIST) -> Starlette:
    async def serve(request: Request) -> Response:
        path = request.url.path
        found = resolve(dist, path)
        if found is None:
            return PlainTextResponse(
                "web/dist is not built yet: run `make install` (npm run build in web/).",
                status_code=503,
            )
        file, cache = found
        if path.startswith("/assets/") and file.name == "index.html":
            # A missing fingerprinted asset is a real 404, not a page of the app.
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(file, headers={"Cache-Control": cache})

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[Route("/healthz", health), Route("/{path:path}", serve, methods=["GET", "HEAD"])]
    )


if __name__ == "__main__":
    uvicorn.run(create_app(), host=layout.HOST, port=layout.WEB_PORT, log_level="info")
