"""The filesystem storage: nothing visible before commit, nothing left after an abort."""

from pathlib import Path

import pytest

from documents.adapters.filesystem import FilesystemStorage
from documents.application.ports import StoredContentMissing


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


async def test_written_content_appears_only_on_commit(tmp_path) -> None:
    storage = FilesystemStorage(tmp_path)
    pending = await storage.begin("company/file")
    await pending.write(b"%PDF-")
    await pending.write(b"1.7")
    assert not await storage.exists("company/file")
    await pending.commit()
    assert await storage.exists("company/file")
    assert b"".join([c async for c in storage.read("company/file")]) == b"%PDF-1.7"
    assert files_under(tmp_path) == [tmp_path / "company" / "file"]


async def test_an_abort_leaves_nothing(tmp_path) -> None:
    storage = FilesystemStorage(tmp_path)
    pending = await storage.begin("company/file")
    await pending.write(b"\x7fELF")
    await pending.abort()
    await pending.abort()
    assert files_under(tmp_path) == []


async def test_delete_and_missing_content(tmp_path) -> None:
    storage = FilesystemStorage(tmp_path)
    pending = await storage.begin("c/f")
    await pending.write(b"x")
    await pending.commit()
    await storage.delete("c/f")
    await storage.delete("c/f")
    assert not await storage.exists("c/f")
    with pytest.raises(StoredContentMissing):
        async for _ in storage.read("c/f"):
            pass


async def test_keys_cannot_leave_the_directory(tmp_path) -> None:
    storage = FilesystemStorage(tmp_path / "root")
    with pytest.raises(ValueError, match="outside the storage"):
        await storage.exists("../outside")
