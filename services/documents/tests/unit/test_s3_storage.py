"""The S3-compatible storage against a fake bucket (httpx.MockTransport) and AWS's published
SigV4 example. No real S3 endpoint is reachable here: this is all the testing it gets."""

import hashlib
from datetime import UTC, datetime

import httpx
import pytest
from pydantic import SecretStr

from documents.adapters.s3 import EMPTY_SHA256, S3Config, S3Storage, sign_v4
from documents.application.ports import StoredContentMissing

NOW = datetime(2013, 5, 24, tzinfo=UTC)
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_signature_matches_the_aws_documentation_example() -> None:
    # "Example: GET Object" of the Amazon S3 SigV4 documentation.
    headers = sign_v4(
        method="GET",
        host="examplebucket.s3.amazonaws.com",
        path="/test.txt",
        query="",
        headers={"Range": "bytes=0-9"},
        payload_sha256=EMPTY_SHA256,
        access_key_id="AKIAIOSFODNN7EXAMPLE",
        secret_access_key=SECRET,
        region="us-east-1",
        now=NOW,
    )
    assert headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )


class FakeBucket:
    """Path-style bucket: PUT/GET/HEAD/DELETE on /<bucket>/<key>, requests must be signed."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not request.headers.get("authorization", "").startswith("AWS4-HMAC-SHA256 "):
            return httpx.Response(403)
        path = request.url.path
        if request.method == "PUT":
            body = request.read()
            if hashlib.sha256(body).hexdigest() != request.headers["x-amz-content-sha256"]:
                return httpx.Response(400)
            self.objects[path] = body
            return httpx.Response(200)
        if path not in self.objects:
            return httpx.Response(404)
        if request.method == "DELETE":
            del self.objects[path]
            return httpx.Response(204)
        if request.method == "HEAD":
            return httpx.Response(200)
        return httpx.Response(200, content=self.objects[path])


@pytest.fixture
def bucket() -> FakeBucket:
    return FakeBucket()


@pytest.fixture
def storage(bucket: FakeBucket) -> S3Storage:
    config = S3Config(
        endpoint="https://s3.example.ch",
        bucket="guichet-files",
        region="eu-central-2",
        access_key_id="AKID",
        secret_access_key=SecretStr("secret"),
        prefix="documents/",
    )
    client = httpx.AsyncClient(transport=httpx.MockTransport(bucket))
    return S3Storage(config, client=client, clock=lambda: NOW)


async def test_nothing_is_sent_before_commit_and_the_object_round_trips(storage, bucket) -> None:
    pending = await storage.begin("company/file")
    await pending.write(b"%PDF-")
    await pending.write(b"1.7" * 1000)
    assert bucket.requests == []
    await pending.commit()
    assert list(bucket.objects) == ["/guichet-files/documents/company/file"]
    assert await storage.exists("company/file")
    content = b"".join([c async for c in storage.read("company/file")])
    assert content == b"%PDF-" + b"1.7" * 1000
    put = bucket.requests[0]
    assert put.headers["content-length"] == str(len(content))
    assert "Credential=AKID/20130524/eu-central-2/s3/aws4_request" in put.headers["authorization"]


async def test_an_abort_sends_nothing(storage, bucket) -> None:
    pending = await storage.begin("company/file")
    await pending.write(b"\x7fELF")
    await pending.abort()
    assert bucket.requests == []
    assert bucket.objects == {}


async def test_delete_and_missing_objects(storage, bucket) -> None:
    pending = await storage.begin("c/f")
    await pending.write(b"x")
    await pending.commit()
    await storage.delete("c/f")
    await storage.delete("c/f")
    assert not await storage.exists("c/f")
    with pytest.raises(StoredContentMissing):
        async for _ in storage.read("c/f"):
            pass


async def test_bootstrap_chooses_the_backend_from_settings(tmp_path) -> None:
    from documents import bootstrap
    from documents.adapters.filesystem import FilesystemStorage
    from documents.settings import DocumentsSettings

    common = {"database_url": "x", "kafka_bootstrap": "x", "jwks_url": "x"}
    local = DocumentsSettings(**common, storage_dir=tmp_path)
    assert isinstance(bootstrap.storage(local), FilesystemStorage)
    s3 = DocumentsSettings(
        **common,
        storage_backend="s3",
        s3_endpoint="https://s3.example.ch",
        s3_bucket="b",
        s3_access_key_id="a",
        s3_secret_access_key="s",
    )
    assert isinstance(bootstrap.storage(s3), S3Storage)
    with pytest.raises(ValueError, match="DOCUMENTS_S3_BUCKET"):
        DocumentsSettings(**common, storage_backend="s3", s3_endpoint="https://x")
