"""Uploaded files: what is accepted (recognised content, size), and how names are made safe.

Pure rules: no I/O. The bytes are inspected as they stream by (``UploadInspector``); the file
name and the declared content type are never trusted.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

MAX_BYTES = 10 * 1024 * 1024
FILENAME_MAX_LENGTH = 120


class MediaType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]


_EXTENSIONS = {MediaType.PDF: ".pdf", MediaType.JPEG: ".jpg", MediaType.PNG: ".png"}
_ALSO_ACCEPTED = {".jpeg": MediaType.JPEG}

# The signature each accepted type starts with.
MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"%PDF-", MediaType.PDF),
    (b"\xff\xd8\xff", MediaType.JPEG),
    (b"\x89PNG\r\n\x1a\n", MediaType.PNG),
)
HEAD_LENGTH = max(len(magic) for magic, _ in MAGIC)


class Purpose(StrEnum):
    POWER_OF_ATTORNEY = "power_of_attorney"
    INVOICE_ATTACHMENT = "invoice_attachment"


class UploadRefused(Exception):
    """Base of the reasons an upload is not kept."""


class FileTooLarge(UploadRefused):
    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


class UnrecognisedContent(UploadRefused):
    """Neither PDF, JPEG nor PNG, judged by the first bytes (an empty file included)."""


def sniff(head: bytes) -> MediaType | None:
    """The media type whose signature ``head`` starts with; None when none matches."""
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def could_still_match(head: bytes) -> bool:
    """True while ``head`` is a prefix of some signature (more bytes may decide)."""
    return any(magic.startswith(head) for magic, _ in MAGIC)


class UploadInspector:
    """Fed the chunks of one upload in order: counts them, hashes them, recognises the type.

    ``feed`` raises as soon as the upload must be refused, so the caller stops reading.
    """

    def __init__(self, *, limit: int = MAX_BYTES) -> None:
        self._limit = limit
        self._size = 0
        self._head = b""
        self._media_type: MediaType | None = None
        self._hash = hashlib.sha256()

    def feed(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._limit:
            raise FileTooLarge(self._limit)
        if self._media_type is None:
            self._head = (self._head + chunk)[:HEAD_LENGTH]
            self._media_type = sniff(self._head)
            if self._media_type is None and not could_still_match(self._head):
                raise UnrecognisedContent(self._head.hex())
        self._hash.update(chunk)

    def finish(self) -> "Inspected":
        if self._media_type is None:
            raise UnrecognisedContent(self._head.hex())  # empty or truncated signature
        return Inspected(self._media_type, self._size, self._hash.hexdigest())

    @property
    def size(self) -> int:
        return self._size


@dataclass(frozen=True)
class Inspected:
    media_type: MediaType
    size: int
    sha256: str


_UNSAFE = re.compile(r"[^\w .()\-]+")
_SPACES = re.compile(r"\s+")


def sanitise_filename(name: str, media_type: MediaType) -> str:
    """A name safe to show and to offer as a download: no path, no control or shell characters,
    at most ``FILENAME_MAX_LENGTH`` characters, ending with the detected type's extension."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = _UNSAFE.sub("_", base)
    base = _SPACES.sub(" ", base).strip(" .")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    known = ("." + extension.lower()) in (media_type.extension, *_also(media_type))
    if not known:
        stem = base
    stem = stem.strip(" .") or "document"
    suffix = "." + extension.lower() if known else media_type.extension
    return stem[: FILENAME_MAX_LENGTH - len(suffix)].rstrip(" .") + suffix


def _also(media_type: MediaType) -> tuple[str, ...]:
    return tuple(ext for ext, kind in _ALSO_ACCEPTED.items() if kind is media_type)


def ascii_filename(name: str) -> str:
    """An ASCII-only fallback for ``Content-Disposition``'s plain ``filename``."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = _fold(stem) or "document"
    return stem + ("." + _fold(extension) if _fold(extension) else "")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 _()\-]+", "_", folded).strip(" ._")


@dataclass(frozen=True)
class StoredFile:
    """One accepted file's metadata; the bytes are in storage under ``storage_key``."""

    id: UUID
    company_id: UUID
    uploaded_by: str
    filename: str
    media_type: MediaType
    size: int
    sha256: str
    purpose: Purpose
    created_at: datetime
    storage_key: str

    @staticmethod
    def key_for(company_id: UUID, file_id: UUID) -> str:
        return f"{company_id}/{file_id}"


class AuditAction(StrEnum):
    UPLOADED = "uploaded"
    READ_METADATA = "read_metadata"
    DOWNLOADED = "downloaded"
    DELETED = "deleted"
    INVOICE_COPY_DOWNLOADED = "invoice_copy_downloaded"  # file_id: the invoice copy's id
