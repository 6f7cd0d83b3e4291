"""The password rules: length, common passwords (with decorations), the user's own data."""

import pytest

from identity.adapters.common_passwords import common_passwords
from identity.domain.password_policy import PasswordProblem, password_problem

COMMON = common_passwords()


def problem(password: str, **person: str) -> PasswordProblem | None:
    return password_problem(password, common=COMMON, **person)


def test_shipped_list_is_large_and_lower_case() -> None:
    assert len(COMMON) >= 500
    assert all(entry == entry.lower() and entry.strip() == entry for entry in COMMON)


@pytest.mark.parametrize("password", ["", "a", "elevenchars"])
def test_shorter_than_twelve_is_refused(password: str) -> None:
    assert problem(password) is PasswordProblem.TOO_SHORT


def test_twelve_to_128_characters_of_anything_pass() -> None:
    assert problem("Zébulon-à-vélo") is None
    assert problem("x" * 5 + "🦆🦆 Ünïcødé ok") is None
    assert problem("v" + "ariation" * 15 + "end") is None  # 124 characters


def test_length_counts_characters_not_bytes() -> None:
    assert problem("🦆" * 11 + "a") is not PasswordProblem.TOO_SHORT
    assert problem("é" * 129) is PasswordProblem.TOO_LONG


def test_more_than_128_characters_is_refused() -> None:
    assert problem("a1b2c3d4e5f6g" * 10) is PasswordProblem.TOO_LONG


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "Passwort1234",
        "MotDePasse123!",
        "qwertzuiop123",
        "123456789012",
        "aaaaaaaaaaaaaaaa",
        "abcabcabcabc",
        "Welcome2025!!",
        "iloveyou1234",
        "correcthorsebatterystaple",
        "zyxwvutsrqponm",
    ],
)
def test_common_passwords_are_refused(password: str) -> None:
    assert problem(password) is PasswordProblem.COMMON


@pytest.mark.parametrize(
    ("password", "person"),
    [
        ("anne.rey@example.ch", {"email": "Anne.Rey@example.ch"}),
        ("AnneRey@example.ch", {"email": "anne.rey@example.ch"}),
        ("Anne.Rey.2024!", {"email": "anne.rey@example.ch"}),
        ("Bernadette1234", {"first_name": "Bernadette"}),
        ("Rey Bernadette", {"first_name": "Bernadette", "last_name": "Rey"}),
    ],
)
def test_own_email_or_name_is_refused(password: str, person: dict[str, str]) -> None:
    assert problem(password, **person) is PasswordProblem.PERSONAL


def test_a_name_inside_a_long_passphrase_is_fine() -> None:
    assert problem("Anne aime les raclettes de Sion", first_name="Anne") is None
