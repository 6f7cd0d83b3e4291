"""Documents settings (env prefix DOCUMENTS_)."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class DocumentsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DOCUMENTS_", extra="ignore", frozen=True)

    service_name: str = "documents"
    # The office that heads every invoice copy (other cantons run the same counter).
    office_name_fr: str = "Office cantonal AI du Valais"
    office_name_de: str = "Kantonale IV-Stelle Wallis"
    # No official Italian name for the Valais office: empty means the French one.
    office_name_it: str = ""
    office_address: list[str] = Field(
        default_factory=lambda: ["Av. de la Gare 15", "Case postale", "1951 Sion"]
    )
    # filesystem (default, one directory) or s3 (an S3-compatible bucket, for production).
    storage_backend: Literal["filesystem", "s3"] = "filesystem"
    storage_dir: Path = Path(".run/files")
    s3_endpoint: str = ""
    s3_bucket: str = ""
    s3_region: str = "us-east-1"
    s3_prefix: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: SecretStr = SecretStr("")

    @model_validator(mode="after")
    def _require_s3(self) -> "DocumentsSettings":
        if self.storage_backend == "s3":
            missing = [
                name
                for name, value in (
                    ("S3_ENDPOINT", self.s3_endpoint),
                    ("S3_BUCKET", self.s3_bucket),
                    ("S3_ACCESS_KEY_ID", self.s3_access_key_id),
                    ("S3_SECRET_ACCESS_KEY", self.s3_secret_access_key.get_secret_value()),
                )
                if not value
            ]
            if missing:
                raise ValueError(
                    "missing settings: " + ", ".join("DOCUMENTS_" + m for m in missing)
                )
        return self


def load_settings() -> DocumentsSettings:
    return DocumentsSettings()
