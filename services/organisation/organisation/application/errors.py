"""How the use cases' refusals reach the caller: kernel error types, one problem+json each."""

from dataclasses import dataclass

from kernel.errors import Conflict, DomainError, NotFound
from kernel.errors import invalid as invalid
from organisation.domain.registration import RegistrationStatus


@dataclass
class ServiceUnavailable(DomainError):
    status: int = 503
    code: str = "service_unavailable"
    title: str = "Service unavailable"


def registration_not_found() -> NotFound:
    return NotFound(code="registration_not_found", detail="no such registration")


def registration_decided(status: RegistrationStatus | None = None) -> Conflict:
    detail = f"the registration is already {status}" if status else "the registration changed"
    return Conflict(code="registration_decided", detail=detail + "; a decision is taken once")
