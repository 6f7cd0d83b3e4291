"""Documents settings (env prefix DOCUMENTS_)."""

from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class DocumentsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DOCUMENTS_", extra="ignore", frozen=True)

    service_name: str = "documents"


def load_settings() -> DocumentsSettings:
    return DocumentsSettings()
