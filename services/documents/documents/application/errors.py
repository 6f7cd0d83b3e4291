"""How the use cases' refusals reach the caller: kernel error types, one problem+json each."""

from dataclasses import dataclass

from kernel.errors import DomainError, FieldError, Forbidden, NotFound, RuleViolated


@dataclass
class CopyNotReady(NotFound):
    """No PDF copy (yet): it is rendered a moment after the invoice is sent, so the answer
    carries ``Retry-After``. Another institution's invoice answers the same."""

    code: str = "not_found"
    retry_after: int = 1


@dataclass
class PayloadTooLarge(DomainError):
    status: int = 413
    code: str = "file_too_large"
    title: str = "Payload too large"


def file_not_found() -> NotFound:
    return NotFound(code="file_not_found", detail="no such file")


def copy_not_ready() -> CopyNotReady:
    return CopyNotReady(detail="no PDF copy of this invoice version (yet)")


def file_too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(detail=f"a file may have at most {limit} bytes")


def unsupported_file() -> RuleViolated:
    return RuleViolated(
        errors=[
            FieldError(
                "file",
                "unsupported_file_type",
                {
                    "fr": "Seuls les fichiers PDF, JPEG ou PNG sont acceptés.",
                    "de": "Nur PDF-, JPEG- oder PNG-Dateien werden angenommen.",
                },
            )
        ]
    )


def no_institution() -> Forbidden:
    return Forbidden(code="no_institution", detail="the caller belongs to no institution")
