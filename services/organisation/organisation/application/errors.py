"""How the use cases' refusals reach the caller: kernel error types, one problem+json each."""

from collections.abc import Iterable
from dataclasses import dataclass

from kernel.errors import Conflict, DomainError, FieldError, NotFound, RuleViolated
from organisation.domain.problems import Problem
from organisation.domain.registration import RegistrationStatus


@dataclass
class ServiceUnavailable(DomainError):
    status: int = 503
    code: str = "service_unavailable"
    title: str = "Service unavailable"


def invalid(problems: Iterable[Problem]) -> RuleViolated:
    return RuleViolated(
        errors=[FieldError(p.field, p.code, dict(p.message)) for p in problems],
    )


def registration_not_found() -> NotFound:
    return NotFound(code="registration_not_found", detail="no such registration")


def registration_decided(status: RegistrationStatus | None = None) -> Conflict:
    detail = f"the registration is already {status}" if status else "the registration changed"
    return Conflict(code="registration_decided", detail=detail + "; a decision is taken once")
