"""Files in an S3-compatible bucket (production), through signed requests (AWS SigV4) with httpx.

Uploads are spooled (memory up to 1 MB, then a temporary file; at most 10 MB by the upload
rule) and sent with one PUT on commit, so nothing appears in the bucket before the content was
accepted. Only unit-tested against a fake bucket: no S3 endpoint is available here.
"""

import hashlib
import hmac
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from urllib.parse import quote

import anyio
import httpx
from pydantic import SecretStr

from documents.application.ports import StoredContentMissing

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
SPOOL_IN_MEMORY = 1024 * 1024


@dataclass(frozen=True)
class S3Config:
    endpoint: str  # e.g. https://s3.eu-central-2.example.ch (path-style addressing)
    bucket: str
    region: str
    access_key_id: str
    secret_access_key: SecretStr
    prefix: str = ""


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def sign_v4(
    *,
    method: str,
    host: str,
    path: str,
    query: str,
    headers: dict[str, str],
    payload_sha256: str,
    access_key_id: str,
    secret_access_key: str,
    region: str,
    now: datetime,
    service: str = "s3",
) -> dict[str, str]:
    """The headers to add to a request (``x-amz-date``, ``x-amz-content-sha256``,
    ``Authorization``); ``path`` is already URI-encoded, ``headers`` are signed too."""
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
    signed = {k.lower(): " ".join(v.split()) for k, v in headers.items()}
    signed |= {"host": host, "x-amz-date": amz_date, "x-amz-content-sha256": payload_sha256}
    names = sorted(signed)
    canonical = "\n".join(
        [
            method,
            path,
            query,
            "".join(f"{name}:{signed[name]}\n" for name in names),
            ";".join(names),
            payload_sha256,
        ]
    )
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = _hmac(("AWS4" + secret_access_key).encode(), day)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "x-amz-date": amz_date,
        "x-amz-content-sha256": payload_sha256,
        "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={access_key_id}/{scope}, "
            f"SignedHeaders={';'.join(names)}, Signature={signature}"
        ),
    }


class _PendingObject:
    def __init__(self, storage: "S3Storage", key: str) -> None:
        self._storage = storage
        self._key = key
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 closed by commit/abort
            max_size=SPOOL_IN_MEMORY
        )
        self._hash = hashlib.sha256()
        self._size = 0

    async def write(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self._size += len(chunk)
        await anyio.to_thread.run_sync(self._spool.write, chunk)

    async def commit(self) -> None:
        self._spool.seek(0)
        try:
            await self._storage.put(self._key, self._spool, self._size, self._hash.hexdigest())
        finally:
            self._spool.close()

    async def abort(self) -> None:
        self._spool.close()


class S3Storage:
    def __init__(
        self,
        config: S3Config,
        *,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._config = config
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=5.0))
        self._clock = clock
        endpoint = httpx.URL(config.endpoint)
        self._base = endpoint
        self._host = endpoint.netloc.decode()

    def _path(self, key: str) -> str:
        return "/" + quote(f"{self._config.bucket}/{self._config.prefix}{key}", safe="/-_.~")

    def _signed(
        self, method: str, key: str, payload_sha256: str, extra: dict[str, str] | None = None
    ) -> tuple[str, dict[str, str]]:
        path = self._path(key)
        headers = dict(extra or {})
        headers |= sign_v4(
            method=method,
            host=self._host,
            path=path,
            query="",
            headers=headers,
            payload_sha256=payload_sha256,
            access_key_id=self._config.access_key_id,
            secret_access_key=self._config.secret_access_key.get_secret_value(),
            region=self._config.region,
            now=self._clock(),
        )
        return str(self._base.copy_with(path=path)), headers

    async def begin(self, key: str) -> _PendingObject:
        return _PendingObject(self, key)

    async def put(self, key: str, body: IO[bytes], size: int, sha256: str) -> None:
        url, headers = self._signed(
            "PUT",
            key,
            sha256,
            {"content-length": str(size), "content-type": "application/octet-stream"},
        )

        async def chunks() -> AsyncIterator[bytes]:
            while chunk := await anyio.to_thread.run_sync(body.read, 64 * 1024):
                yield chunk

        response = await self._client.put(url, content=chunks(), headers=headers)
        response.raise_for_status()

    async def read(self, key: str) -> AsyncIterator[bytes]:
        url, headers = self._signed("GET", key, EMPTY_SHA256)
        async with self._client.stream("GET", url, headers=headers) as response:
            if response.status_code == 404:
                raise StoredContentMissing(key)
            response.raise_for_status()
            async for chunk in response.aiter_bytes():
                yield chunk

    async def exists(self, key: str) -> bool:
        url, headers = self._signed("HEAD", key, EMPTY_SHA256)
        response = await self._client.head(url, headers=headers)
        if response.status_code == 404:
            return False
        response.raise_for_status()
        return True

    async def delete(self, key: str) -> None:
        url, headers = self._signed("DELETE", key, EMPTY_SHA256)
        response = await self._client.delete(url, headers=headers)
        if response.status_code not in (200, 204, 404):
            response.raise_for_status()
