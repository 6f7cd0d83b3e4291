"""Files on a local directory: written to ``.tmp/`` first, renamed into place on commit."""

import os
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import anyio

from documents.application.ports import StoredContentMissing

CHUNK = 64 * 1024


class _PendingFile:
    def __init__(self, temp: Path, final: Path) -> None:
        self._temp = temp
        self._final = final
        self._handle: anyio.AsyncFile[bytes] | None = None

    async def _open(self) -> anyio.AsyncFile[bytes]:
        if self._handle is None:
            self._handle = await anyio.open_file(self._temp, "xb")
        return self._handle

    async def write(self, chunk: bytes) -> None:
        await (await self._open()).write(chunk)

    async def commit(self) -> None:
        handle = await self._open()
        await handle.flush()
        await anyio.to_thread.run_sync(os.fsync, handle.wrapped.fileno())
        await handle.aclose()
        await anyio.Path(self._final.parent).mkdir(parents=True, exist_ok=True)
        await anyio.to_thread.run_sync(os.replace, self._temp, self._final)

    async def abort(self) -> None:
        if self._handle is not None:
            await self._handle.aclose()
        await anyio.Path(self._temp).unlink(missing_ok=True)


class FilesystemStorage:
    """Keys are ``<company>/<file>``; they are made of UUIDs, never of user input."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()
        self._temp = self._root / ".tmp"

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if self._root not in path.parents:
            raise ValueError(f"key outside the storage: {key!r}")
        return path

    async def begin(self, key: str) -> _PendingFile:
        await anyio.Path(self._temp).mkdir(parents=True, exist_ok=True)
        return _PendingFile(self._temp / f"{uuid4()}.part", self._path(key))

    async def read(self, key: str) -> AsyncIterator[bytes]:
        try:
            handle = await anyio.open_file(self._path(key), "rb")
        except FileNotFoundError:
            raise StoredContentMissing(key) from None
        async with handle:
            while chunk := await handle.read(CHUNK):
                yield chunk

    async def exists(self, key: str) -> bool:
        return await anyio.Path(self._path(key)).is_file()

    async def delete(self, key: str) -> None:
        await anyio.Path(self._path(key)).unlink(missing_ok=True)
