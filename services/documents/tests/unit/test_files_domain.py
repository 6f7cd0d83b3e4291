"""Recognising files by their first bytes, counting and hashing them, and naming them safely."""

import hashlib

import pytest

from documents.domain.files import (
    HEAD_LENGTH,
    FileTooLarge,
    MediaType,
    UnrecognisedContent,
    UploadInspector,
    ascii_filename,
    sanitise_filename,
    sniff,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("head", "expected"),
    [(PDF, MediaType.PDF), (JPEG, MediaType.JPEG), (PNG, MediaType.PNG)],
)
def test_each_accepted_type_is_recognised_by_its_signature(head, expected) -> None:
    assert sniff(head) is expected


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"%PDF",  # truncated signature
        b"\xff\xd8",
        b"\x89PNG\r\n\x1a",
        b"\x7fELF\x02\x01\x01",
        b"MZ\x90\x00",
        b"PK\x03\x04",
        b"GIF89a",
        b" %PDF-1.4",  # not at the start
        b"<html>%PDF-",
    ],
)
def test_anything_else_is_not_recognised(head) -> None:
    assert sniff(head) is None


def feed_all(data: bytes, *, chunk: int = 3, limit: int = 1000) -> UploadInspector:
    inspector = UploadInspector(limit=limit)
    for start in range(0, len(data), chunk):
        inspector.feed(data[start : start + chunk])
    return inspector


@pytest.mark.parametrize("chunk", [1, 2, 5, HEAD_LENGTH, 1000])
def test_inspection_counts_hashes_and_recognises_across_chunk_borders(chunk) -> None:
    data = PNG + b"x" * 300
    inspected = feed_all(data, chunk=chunk).finish()
    assert inspected.media_type is MediaType.PNG
    assert inspected.size == len(data)
    assert inspected.sha256 == hashlib.sha256(data).hexdigest()


def test_an_executable_is_refused_at_its_first_bytes() -> None:
    inspector = UploadInspector(limit=1000)
    with pytest.raises(UnrecognisedContent):
        inspector.feed(b"\x7fE")


@pytest.mark.parametrize("data", [b"", b"%PDF", b"\xff\xd8", b"\x89PNG"])
def test_an_empty_or_truncated_file_is_refused_at_the_end(data) -> None:
    inspector = feed_all(data, chunk=1)
    with pytest.raises(UnrecognisedContent):
        inspector.finish()


def test_the_limit_is_counted_while_streaming() -> None:
    inspector = UploadInspector(limit=10)
    inspector.feed(b"%PDF-")
    inspector.feed(b"12345")  # exactly the limit is fine
    assert inspector.size == 10
    with pytest.raises(FileTooLarge):
        inspector.feed(b"6")


def test_a_file_of_exactly_the_limit_is_accepted() -> None:
    data = PDF + b"0" * (100 - len(PDF))
    assert feed_all(data, chunk=7, limit=100).finish().size == 100


@pytest.mark.parametrize(
    ("name", "media_type", "expected"),
    [
        ("procuration.pdf", MediaType.PDF, "procuration.pdf"),
        ("Procuration.PDF", MediaType.PDF, "Procuration.pdf"),
        ("../../etc/passwd", MediaType.PDF, "passwd.pdf"),
        ("C:\\Users\\anne\\scan.jpeg", MediaType.JPEG, "scan.jpeg"),
        ("photo.png", MediaType.JPEG, "photo.png.jpg"),
        ("x.exe", MediaType.PDF, "x.exe.pdf"),
        ("", MediaType.PNG, "document.png"),
        ("...", MediaType.PDF, "document.pdf"),
        (".pdf", MediaType.PDF, "pdf.pdf"),
        ("a\x00b\r\nc.pdf", MediaType.PDF, "abc.pdf"),
        ('x";rm -rf $HOME;.pdf', MediaType.PDF, "x_rm -rf _HOME_.pdf"),
        ("Décision AI Müller.pdf", MediaType.PDF, "Décision AI Müller.pdf"),
        ("a   \t b.pdf", MediaType.PDF, "a b.pdf"),
    ],
)
def test_file_names_are_made_safe(name, media_type, expected) -> None:
    assert sanitise_filename(name, media_type) == expected


def test_a_long_name_is_cut_but_keeps_its_extension() -> None:
    safe = sanitise_filename("a" * 500 + ".pdf", MediaType.PDF)
    assert len(safe) == 120
    assert safe.endswith("a.pdf")


def test_the_ascii_fallback_name() -> None:
    assert ascii_filename("Décision Müller.pdf") == "Decision Muller.pdf"
    assert ascii_filename("日本.pdf") == "document.pdf"
    assert ascii_filename("日本") == "document"
    assert ascii_filename('a"b.pdf') == "a_b.pdf"
