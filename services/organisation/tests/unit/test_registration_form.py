"""The registration form's rules: every problem at once, each under its JSON path."""

from collections.abc import Callable

import pytest

from organisation.domain.problems import InvalidInput
from organisation.domain.registration_form import RegistrationForm, check


def problems(form: RegistrationForm) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        check(form)
    for problem in caught.value.problems:
        assert problem.message["fr"]
        assert problem.message["de"]
    return {p.field: p.code for p in caught.value.problems}


def test_a_complete_form_gives_normalised_values(form: Callable[..., RegistrationForm]) -> None:
    applicant = check(
        form(
            company={
                "name": " Atelier  Rhône SA ",
                "gln": "7601 0012 3456 7",
                "uid": "che116281710",
            },
            manager={"email": "Anne.Rey@Example.CH", "mobile": "+41 79 123 45 67"},
        )
    )
    assert applicant.company_name == "Atelier Rhône SA"
    assert applicant.gln == "7601001234567"
    assert applicant.uid == "CHE-116.281.710"
    assert applicant.phone == "+41273249611"
    assert applicant.email == "Anne.Rey@example.ch"
    assert applicant.mobile == "+41791234567"
    assert applicant.password == "un mot de passe assez long"
    assert "mot de passe" not in repr(applicant)


@pytest.mark.parametrize("uid", [None, "", "   "])
def test_uid_is_optional(form: Callable[..., RegistrationForm], uid: str | None) -> None:
    assert check(form(company={"uid": uid})).uid is None


def test_every_problem_is_reported_at_once(form: Callable[..., RegistrationForm]) -> None:
    found = problems(
        form(
            account_type="private_person",
            company={
                "name": "",
                "gln": "7601001234560",
                "uid": "CHE-116.281.711",
                "street": " ",
                "postcode": "195",
                "locality": "",
                "phone": "+1 202 555 0100",
            },
            manager={
                "first_name": "",
                "last_name": "",
                "email": "anne@",
                "password": "court",
                "mobile": "027 324 96 11",
            },
            terms_accepted=False,
        )
    )
    assert found == {
        "account_type": "account_type_not_offered",
        "company.name": "required",
        "company.gln": "gln_check_digit",
        "company.uid": "uid_check_digit",
        "company.street": "required",
        "company.postcode": "postcode_format",
        "company.locality": "required",
        "company.phone": "phone_country",
        "manager.first_name": "required",
        "manager.last_name": "required",
        "manager.email": "email_invalid",
        "manager.password": "password_too_short",
        "manager.mobile": "phone_not_mobile",
        "terms_accepted": "terms_not_accepted",
    }


def test_a_missing_field_uses_the_seed_guides_wording(
    form: Callable[..., RegistrationForm],
) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(form(company={"locality": "  "}))
    (problem,) = caught.value.problems
    assert problem.message["fr"] == "Le champ Localité est obligatoire."
    assert problem.message["de"] == "Das Feld Ort ist obligatorisch."


def test_only_the_institution_flow_is_offered(form: Callable[..., RegistrationForm]) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(form(account_type="private_person"))
    (problem,) = caught.value.problems
    assert problem.field == "account_type"
    assert "Organisme / entreprise" in problem.message["fr"]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("", "required"),
        ("e" * 11, "password_too_short"),
        ("e" * 129, "password_too_long"),
        # 11 letters and a combining accent: 12 code points typed, 11 after NFC.
        ("e" * 10 + "e\u0301", "password_too_short"),
    ],
)
def test_password_length_mirrors_identitys_policy(
    form: Callable[..., RegistrationForm], password: str, code: str
) -> None:
    assert problems(form(manager={"password": password})) == {"manager.password": code}


@pytest.mark.parametrize("password", ["e" * 12, "e" * 128, "  spaces count  "])
def test_passwords_within_bounds_are_left_to_identity(
    form: Callable[..., RegistrationForm], password: str
) -> None:
    assert check(form(manager={"password": password})).password == password
