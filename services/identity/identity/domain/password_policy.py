"""The password rules (NIST SP 800-63B style): length, no composition rules, not a common
password, not the user's own e-mail or name. Returns problems; wording lives in the application."""

import re
import unicodedata
from collections.abc import Collection
from enum import StrEnum

MIN_LENGTH = 12
MAX_LENGTH = 128

# Runs a person slides a finger along; a password inside one of them (or reversed) is guessed
# first by every cracking tool.
_SEQUENCES = (
    "01234567890123456789",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)
_TRAILING_DIGITS_OR_SYMBOLS = re.compile(r"[\W\d_]+$")
_SEPARATORS = re.compile(r"[\s._\-+'@]+")


class PasswordProblem(StrEnum):
    TOO_SHORT = "password_too_short"
    TOO_LONG = "password_too_long"
    COMMON = "password_common"
    PERSONAL = "password_personal"


def normalise_password(password: str) -> str:
    """NFC, so that the same password typed on a Mac and on Windows hashes alike."""
    return unicodedata.normalize("NFC", password)


def password_problem(
    password: str,
    *,
    common: Collection[str],
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> PasswordProblem | None:
    """The first rule the password breaks, or None; one message per field is what users read.

    ``common`` holds lower-case common passwords.
    """
    password = normalise_password(password)
    length = len(password)  # code points: "any characters", an emoji counts as one
    if length < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if length > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    lowered = password.lower()
    if _is_common(lowered, common):
        return PasswordProblem.COMMON
    if _is_personal(lowered, email=email, first_name=first_name, last_name=last_name):
        return PasswordProblem.PERSONAL
    return None


def _is_common(lowered: str, common: Collection[str]) -> bool:
    if lowered in common or _is_repetition(lowered) or _is_sequence(lowered):
        return True
    # "motdepasse123", "Password2024!": a common word with digits or symbols stuck on the end.
    base = _TRAILING_DIGITS_OR_SYMBOLS.sub("", lowered)
    return len(base) >= 4 and base != lowered and (base in common or _is_repetition(base))


def _is_repetition(text: str) -> bool:
    """One short unit repeated: "aaaaaaaaaaaa", "abcabcabcabc", "12121212121212"."""
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size)
        for size in range(1, min(4, len(text) // 2) + 1)
    )


def _is_sequence(text: str) -> bool:
    return any(text in run or text in run[::-1] for run in _SEQUENCES)


def _is_personal(lowered: str, *, email: str, first_name: str, last_name: str) -> bool:
    email = email.strip().lower()
    local_part = email.split("@", 1)[0]
    first = first_name.strip().lower()
    last = last_name.strip().lower()
    candidates = {email, local_part, first, last, first + last, last + first}
    candidates = {_SEPARATORS.sub("", c) for c in candidates if c}
    compact = _SEPARATORS.sub("", lowered)
    stripped = _TRAILING_DIGITS_OR_SYMBOLS.sub("", compact)
    return any(c and (compact == c or stripped == c) for c in candidates)
