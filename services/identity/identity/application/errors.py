"""Identity's answers for refused requests: kernel error types with a message for people."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from identity.application.messages import FIELD_MESSAGES, PROBLEM_MESSAGES
from kernel.errors import DomainError, FieldError, RuleViolated
from kernel.i18n import Language


@dataclass
class Problem(DomainError):
    """A refusal with a localised ``message``, extra members and an optional Retry-After.

    Rendered by ``identity.api.problems``; the base kernel handler would drop the extras.
    """

    messages: Mapping[Language, str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    retry_after: int | None = None
    errors: Sequence[FieldError] = field(default_factory=list)


def field_error(path: str, code: str) -> FieldError:
    return FieldError(path, code, FIELD_MESSAGES[code])


def invalid_fields(*errors: FieldError) -> RuleViolated:
    return RuleViolated(detail="invalid input", errors=list(errors))


def _problem(status: int, code: str, title: str, **kwargs: Any) -> Problem:
    return Problem(status=status, code=code, title=title, messages=PROBLEM_MESSAGES[code], **kwargs)


def invalid_credentials() -> Problem:
    return _problem(401, "invalid_credentials", "Invalid credentials")


def locked(retry_after: int) -> Problem:
    return _problem(429, "locked", "Too many login attempts", retry_after=retry_after)


def account_unavailable(status: str) -> Problem:
    """Only said after a correct password: the person is then known to own the account."""
    return _problem(403, f"account_{status}", "Account not available")


def challenge_void() -> Problem:
    return _problem(410, "challenge_void", "Login attempt no longer valid")


def invalid_code(attempts_left: int) -> Problem:
    return _problem(
        422,
        "invalid_code",
        "Invalid code",
        extra={"attempts_left": attempts_left},
        errors=[field_error("code", "invalid_code")],
    )


def send_refused(code: str, retry_after: int | None) -> Problem:
    return _problem(
        429,
        code,
        "Code not sent",
        retry_after=retry_after,
        extra={"retry_after": retry_after},
    )


def session_expired() -> Problem:
    return _problem(401, "session_expired", "Session expired")


def token_void() -> Problem:
    return _problem(410, "token_void", "Link no longer valid")


def account_conflict() -> Problem:
    return _problem(409, "account_conflict", "Account id already used")


class EmailTaken(Exception):
    """Raised by the account store when the unique e-mail index refuses an insert."""
