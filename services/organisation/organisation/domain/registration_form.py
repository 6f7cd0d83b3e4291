"""The registration form as the applicant filled it, and the rules it must meet.

Every field is checked and every problem reported at once, each under its JSON path, so the
form can show each message under its field. Blank counts as missing: a form sends "" for an
empty input.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kernel.i18n import Language
from organisation.domain import identifiers
from organisation.domain.identifiers import BadValue
from organisation.domain.problems import InvalidInput, Problem, Wording, required

INSTITUTION = "institution"
# Mirrors identity's password policy (identity stays the authority and also refuses common
# passwords): checking the length here lets one answer show every problem of the form.
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 128

LABELS: dict[str, Wording] = {
    "account_type": {
        "fr": "Je veux utiliser la plateforme en tant que",
        "de": "Ich möchte die Plattform nutzen als",
    },
    "company.name": {"fr": "Nom de la société", "de": "Name des Unternehmens"},
    "company.gln": {"fr": "GLN", "de": "GLN"},
    "company.street": {"fr": "Rue", "de": "Strasse"},
    "company.postcode": {"fr": "NPA", "de": "PLZ"},
    "company.locality": {"fr": "Localité", "de": "Ort"},
    "company.phone": {"fr": "Téléphone", "de": "Telefon"},
    "manager.first_name": {"fr": "Prénom", "de": "Vorname"},
    "manager.last_name": {"fr": "Nom", "de": "Nachname"},
    "manager.email": {"fr": "Email", "de": "E-Mail"},
    "manager.password": {"fr": "Mot de passe", "de": "Passwort"},
    "manager.mobile": {"fr": "Téléphone portable", "de": "Mobiltelefon"},
}


@dataclass(frozen=True)
class CompanyForm:
    name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str


@dataclass(frozen=True)
class ManagerForm:
    first_name: str
    last_name: str
    email: str
    password: str = field(repr=False)
    mobile: str
    language: Language


@dataclass(frozen=True)
class RegistrationForm:
    account_type: str
    company: CompanyForm
    manager: ManagerForm
    terms_accepted: bool


@dataclass(frozen=True)
class Applicant:
    """A form that passed every check: normalised values, ready for identity and the office."""

    company_name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str
    first_name: str
    last_name: str
    email: str
    password: str = field(repr=False)
    mobile: str
    language: Language


class _Checker:
    """Collects the problems of one form instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def value(self, path: str, raw: str, rule: Callable[[str], str]) -> str:
        if not raw.strip():
            self.problems.append(required(path, LABELS[path]))
            return ""
        try:
            return rule(raw)
        except BadValue as bad:
            self.problems.append(Problem(path, bad.code, bad.message))
            return ""

    def optional(self, path: str, raw: str | None, rule: Callable[[str], str]) -> str | None:
        if raw is None or not raw.strip():
            return None
        try:
            return rule(raw)
        except BadValue as bad:
            self.problems.append(Problem(path, bad.code, bad.message))
            return None

    def password(self, path: str, raw: str) -> str:
        # Never trimmed: spaces are characters like any other in a password. Counted in code
        # points after NFC, as identity counts them.
        length = len(unicodedata.normalize("NFC", raw))
        if not raw:
            self.problems.append(required(path, LABELS[path]))
        elif length < PASSWORD_MIN_LENGTH:
            self.problems.append(
                Problem(
                    path,
                    "password_too_short",
                    {
                        "fr": f"Le mot de passe doit comporter au moins {PASSWORD_MIN_LENGTH} "
                        "caractères.",
                        "de": f"Das Passwort muss mindestens {PASSWORD_MIN_LENGTH} Zeichen "
                        "lang sein.",
                    },
                )
            )
        elif length > PASSWORD_MAX_LENGTH:
            self.problems.append(
                Problem(
                    path,
                    "password_too_long",
                    {
                        "fr": f"Le mot de passe doit comporter au plus {PASSWORD_MAX_LENGTH} "
                        "caractères.",
                        "de": f"Das Passwort darf höchstens {PASSWORD_MAX_LENGTH} Zeichen "
                        "lang sein.",
                    },
                )
            )
        return raw


def check(form: RegistrationForm) -> Applicant:
    """The applicant the form describes; ``InvalidInput`` with every problem otherwise."""
    checker = _Checker()
    if form.account_type != INSTITUTION:
        checker.problems.append(
            Problem(
                "account_type",
                "account_type_not_offered",
                {
                    "fr": "Pour le moment, seule l'inscription en tant qu'« Organisme / "
                    "entreprise » est proposée.",
                    "de": "Zurzeit ist nur die Registrierung als «Organisation / Unternehmen» "
                    "möglich.",
                },
            )
        )
    company, manager = form.company, form.manager
    text = identifiers.plain_text
    applicant = Applicant(
        company_name=checker.value("company.name", company.name, text),
        gln=checker.value("company.gln", company.gln, identifiers.gln),
        uid=checker.optional("company.uid", company.uid, identifiers.uid),
        street=checker.value("company.street", company.street, text),
        postcode=checker.value("company.postcode", company.postcode, identifiers.swiss_postcode),
        locality=checker.value("company.locality", company.locality, text),
        phone=checker.value("company.phone", company.phone, identifiers.phone),
        first_name=checker.value("manager.first_name", manager.first_name, text),
        last_name=checker.value("manager.last_name", manager.last_name, text),
        email=checker.value("manager.email", manager.email, identifiers.email),
        password=checker.password("manager.password", manager.password),
        mobile=checker.value(
            "manager.mobile", manager.mobile, lambda raw: identifiers.phone(raw, mobile=True)
        ),
        language=manager.language,
    )
    if not form.terms_accepted:
        checker.problems.append(
            Problem(
                "terms_accepted",
                "terms_not_accepted",
                {
                    "fr": "Veuillez accepter les conditions d'utilisation.",
                    "de": "Bitte akzeptieren Sie die Nutzungsbedingungen.",
                },
            )
        )
    if checker.problems:
        raise InvalidInput(checker.problems)
    return applicant


# GLN uniqueness needs the registry of institutions, so the store checks it; the wording is
# the domain's. It says nothing about the institution that holds the GLN.
GLN_ALREADY_REGISTERED = Problem(
    "company.gln",
    "gln_already_registered",
    {
        "fr": "Ce GLN est déjà enregistré sur la plateforme. Pour toute question, veuillez "
        "contacter l'office AI.",
        "de": "Diese GLN ist bereits auf der Plattform registriert. Bei Fragen wenden Sie sich "
        "bitte an die IV-Stelle.",
    },
)
