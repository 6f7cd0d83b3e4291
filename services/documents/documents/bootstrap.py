"""The one place documents's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from documents.adapters.filesystem import FilesystemStorage
from documents.adapters.s3 import S3Config, S3Storage
from documents.api import files
from documents.application.ports import FileStorage
from documents.settings import DocumentsSettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def storage(settings: DocumentsSettings) -> FileStorage:
    if settings.storage_backend == "s3":
        return S3Storage(
            S3Config(
                endpoint=settings.s3_endpoint,
                bucket=settings.s3_bucket,
                region=settings.s3_region,
                access_key_id=settings.s3_access_key_id,
                secret_access_key=settings.s3_secret_access_key,
                prefix=settings.s3_prefix,
            )
        )
    return FilesystemStorage(settings.storage_dir)


def routers(
    settings: DocumentsSettings, *, file_storage: FileStorage | None = None
) -> Sequence[APIRouter]:
    chosen = file_storage or storage(settings)
    return [files.public_router(chosen), files.internal_router(chosen)]


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
