"""Checks on what people type (e-mail, mobile, names, passwords), reported field by field."""

import unicodedata
from collections.abc import Collection

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from identity.application.errors import field_error
from identity.domain.password_policy import password_problem
from kernel.errors import FieldError

# Switzerland, Liechtenstein and the neighbours whose residents work for Swiss institutions.
MOBILE_REGIONS = frozenset({"CH", "LI", "FR", "DE", "IT", "AT"})
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def checked_email(value: str, path: str, errors: list[FieldError]) -> str:
    """The address as stored (domain lower-cased, IDNA-normalised), or a field error."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        errors.append(field_error(path, "email_invalid"))
        return value


def checked_mobile(value: str, path: str, errors: list[FieldError]) -> str:
    """The number in E.164 (``+41791234567``); national Swiss notation is accepted."""
    try:
        number = phonenumbers.parse(value, "CH")
    except phonenumbers.NumberParseException:
        errors.append(field_error(path, "mobile_invalid"))
        return value
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) not in MOBILE_REGIONS
    ):
        errors.append(field_error(path, "mobile_invalid"))
        return value
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        errors.append(field_error(path, "mobile_not_mobile"))
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def formatted_mobile(e164: str) -> str:
    """``+41791234567`` → ``+41 79 123 45 67``."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def checked_name(value: str, path: str, errors: list[FieldError]) -> str:
    name = unicodedata.normalize("NFC", " ".join(value.split()))
    if not name:
        errors.append(field_error(path, "name_blank"))
    elif any(unicodedata.category(ch).startswith("C") for ch in name):
        errors.append(field_error(path, "name_invalid"))
    return name


def check_new_password(
    password: str,
    *,
    common: Collection[str],
    email: str,
    first_name: str,
    last_name: str,
    errors: list[FieldError],
    path: str = "password",
    confirmation: str | None = None,
    confirmation_path: str = "password_confirmation",
) -> None:
    problem = password_problem(
        password, common=common, email=email, first_name=first_name, last_name=last_name
    )
    if problem is not None:
        errors.append(field_error(path, problem.value))
    elif confirmation is not None and confirmation != password:
        errors.append(field_error(confirmation_path, "password_mismatch"))
