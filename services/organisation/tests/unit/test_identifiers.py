"""GLN, UID, postcode, phone and e-mail checks, with the reference libraries."""

import pytest

from organisation.domain import identifiers
from organisation.domain.identifiers import BadValue


def refused(rule, raw: str, **kwargs) -> str:
    with pytest.raises(BadValue) as caught:
        rule(raw, **kwargs)
    assert caught.value.message["fr"]
    assert caught.value.message["de"]
    return caught.value.code


@pytest.mark.parametrize("raw", ["7601001234567", " 7601 0012 3456 7 ", "760-100-123-456-7"])
def test_gln_with_a_valid_check_digit_is_kept_as_13_digits(raw: str) -> None:
    assert identifiers.gln(raw) == "7601001234567"


def test_gln_with_a_wrong_check_digit_is_refused() -> None:
    # The design note's example, 7601001234560, has check digit 7, not 0.
    assert refused(identifiers.gln, "7601001234560") == "gln_check_digit"


@pytest.mark.parametrize(
    "raw",
    ["760100123456", "76010012345670", "7601OO1234567", "96385074", "٧٦٠١٠٠١٢٣٤٥٦٧"],
)
def test_gln_that_is_not_13_digits_is_refused(raw: str) -> None:
    # EAN-8 and EAN-14 are valid EANs but not GLNs; Arabic-Indic digits are not ASCII digits.
    assert refused(identifiers.gln, raw) == "gln_format"


@pytest.mark.parametrize(
    "raw", ["CHE-116.281.710", "che116281710", "CHE 116 281 710", "116.281.710"]
)
def test_uid_is_formatted(raw: str) -> None:
    assert identifiers.uid(raw) == "CHE-116.281.710"


def test_uid_with_a_wrong_check_digit_is_refused() -> None:
    assert refused(identifiers.uid, "CHE-116.281.711") == "uid_check_digit"


@pytest.mark.parametrize("raw", ["CHE-116.281", "DEU-116.281.710", "CHE-ABC"])
def test_uid_of_another_shape_is_refused(raw: str) -> None:
    assert refused(identifiers.uid, raw) == "uid_format"


@pytest.mark.parametrize("raw", ["1950", " 9490 ", "1000"])
def test_swiss_postcode(raw: str) -> None:
    assert identifiers.swiss_postcode(raw) == raw.strip()


@pytest.mark.parametrize("raw", ["0950", "195", "19500", "F-74000", "19 50", "195a"])
def test_postcode_that_is_not_four_swiss_digits_is_refused(raw: str) -> None:
    assert refused(identifiers.swiss_postcode, raw) == "postcode_format"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("027 324 96 11", "+41273249611"),  # national Swiss notation
        ("+41 27 324 96 11", "+41273249611"),
        ("0041 79 123 45 67", "+41791234567"),
        ("+423 235 00 00", "+4232350000"),  # Liechtenstein
        ("+33 4 50 12 34 56", "+33450123456"),  # France
        ("+49 30 1234567", "+49301234567"),  # Germany
        ("+39 02 1234 5678", "+390212345678"),  # Italy
        ("+43 1 5123456", "+4315123456"),  # Austria
    ],
)
def test_phone_of_switzerland_and_neighbours_is_stored_in_e164(raw: str, e164: str) -> None:
    assert identifiers.phone(raw) == e164


def test_phone_of_a_far_country_is_refused() -> None:
    assert refused(identifiers.phone, "+1 202 555 0100") == "phone_country"


@pytest.mark.parametrize("raw", ["12", "027 324 96", "not a number", "+41 00 000 00 00"])
def test_invalid_phone_is_refused(raw: str) -> None:
    assert refused(identifiers.phone, raw) == "phone_invalid"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [("079 123 45 67", "+41791234567"), ("+33 6 12 34 56 78", "+33612345678")],
)
def test_mobile_numbers(raw: str, e164: str) -> None:
    assert identifiers.phone(raw, mobile=True) == e164


def test_a_fixed_line_cannot_be_the_mobile_that_receives_login_codes() -> None:
    assert refused(identifiers.phone, "027 324 96 11", mobile=True) == "phone_not_mobile"


def test_email_is_normalised() -> None:
    assert identifiers.email(" Anne.Rey@Example.CH ") == "Anne.Rey@example.ch"


@pytest.mark.parametrize(
    "raw", ["anne", "anne@", "@example.ch", "anne rey@example.ch", "anne@example..ch"]
)
def test_malformed_email_is_refused(raw: str) -> None:
    assert refused(identifiers.email, raw) == "email_invalid"


def test_text_is_trimmed_to_single_spaces_in_nfc() -> None:
    assert identifiers.plain_text("  Atelier   Rhône\tSA ") == "Atelier Rhône SA"
    assert identifiers.plain_text("Rho\u0302ne") == "Rhône"


@pytest.mark.parametrize("raw", ["Atelier\x00SA", "Atelier\u202eAS", "Rey\u200b"])
def test_text_with_control_or_format_characters_is_refused(raw: str) -> None:
    assert refused(identifiers.plain_text, raw) == "text_invalid_characters"
