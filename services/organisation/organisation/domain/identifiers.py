"""The identifiers and contact details a registration carries, checked with the reference
libraries (GS1 check digit, UID mod-11, phone numbering plans, e-mail syntax)."""

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import ean
from stdnum.ch import uid as swiss_uid
from stdnum.exceptions import InvalidChecksum, ValidationError

from organisation.domain.problems import Wording

# Switzerland, Liechtenstein and their neighbours: where institutions and their staff live.
PHONE_REGIONS = frozenset({"CH", "LI", "AT", "DE", "FR", "IT"})
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
_GLN = re.compile(r"[0-9]{13}")
_SWISS_POSTCODE = re.compile(r"[1-9][0-9]{3}")


class BadValue(ValueError):
    """A value that breaks one rule; the caller knows which field it came from."""

    def __init__(self, code: str, message: Wording) -> None:
        self.code = code
        self.message = message
        super().__init__(code)


def gln(raw: str) -> str:
    """13 digits with a GS1 check digit (spaces and hyphens ignored) → the 13 digits."""
    value = ean.compact(raw)
    if not _GLN.fullmatch(value):
        raise BadValue(
            "gln_format",
            {
                "fr": "Le GLN doit comporter 13 chiffres.",
                "de": "Die GLN muss aus 13 Ziffern bestehen.",
            },
        )
    if not ean.is_valid(value):
        raise BadValue(
            "gln_check_digit",
            {
                "fr": "Ce GLN n'est pas valide (chiffre de contrôle erroné).",
                "de": "Diese GLN ist ungültig (falsche Prüfziffer).",
            },
        )
    return value


def uid(raw: str) -> str:
    """A Swiss business identification number → ``CHE-123.456.789``.

    Only the offline mod-11 check: ``stdnum.ch.uid`` also offers a lookup in the federal
    register over the network, which the domain never does.
    """
    try:
        return str(swiss_uid.format(swiss_uid.validate(raw)))
    except InvalidChecksum:
        raise BadValue(
            "uid_check_digit",
            {
                "fr": "Ce numéro IDE n'est pas valide (chiffre de contrôle erroné).",
                "de": "Diese UID ist ungültig (falsche Prüfziffer).",
            },
        ) from None
    except ValidationError:
        raise BadValue(
            "uid_format",
            {
                "fr": "Le numéro IDE doit avoir la forme CHE-123.456.789.",
                "de": "Die UID muss die Form CHE-123.456.789 haben.",
            },
        ) from None


def swiss_postcode(raw: str) -> str:
    """Four digits, the first not zero (Switzerland and Liechtenstein)."""
    value = raw.strip()
    if not _SWISS_POSTCODE.fullmatch(value):
        raise BadValue(
            "postcode_format",
            {
                "fr": "Le NPA doit comporter 4 chiffres.",
                "de": "Die PLZ muss aus 4 Ziffern bestehen.",
            },
        )
    return value


def phone(raw: str, *, mobile: bool = False) -> str:
    """A phone number of Switzerland or a neighbouring country → E.164 (``+41273249611``).

    Numbers without a country code are read as Swiss. A mobile must be able to receive the
    SMS login codes, so fixed lines are refused there.
    """
    invalid = BadValue(
        "phone_invalid",
        {
            "fr": "Ce numéro de téléphone n'est pas valide.",
            "de": "Diese Telefonnummer ist ungültig.",
        },
    )
    try:
        number = phonenumbers.parse(raw, "CH")
    except phonenumbers.NumberParseException:
        raise invalid from None
    if not phonenumbers.is_valid_number(number):
        raise invalid
    if phonenumbers.region_code_for_number(number) not in PHONE_REGIONS:
        raise BadValue(
            "phone_country",
            {
                "fr": "Seuls les numéros de Suisse, du Liechtenstein et des pays voisins "
                "sont acceptés.",
                "de": "Nur Nummern aus der Schweiz, Liechtenstein und den Nachbarländern "
                "werden akzeptiert.",
            },
        )
    if mobile and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise BadValue(
            "phone_not_mobile",
            {
                "fr": "Veuillez indiquer un numéro de téléphone portable (il reçoit les codes "
                "de connexion par SMS).",
                "de": "Bitte geben Sie eine Mobilnummer an (sie erhält die Anmeldecodes per SMS).",
            },
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(raw: str) -> str:
    """An e-mail address (syntax only, no DNS lookup) → its normalised form."""
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise BadValue(
            "email_invalid",
            {
                "fr": "Cette adresse email n'est pas valide.",
                "de": "Diese E-Mail-Adresse ist ungültig.",
            },
        ) from None


def plain_text(raw: str) -> str:
    """Text as people read it: NFC, single spaces, no control or format characters (they end up
    in e-mails, PDFs and lists, and bidirectional overrides make a name read differently)."""
    value = unicodedata.normalize("NFC", " ".join(raw.split()))
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise BadValue(
            "text_invalid_characters",
            {
                "fr": "Ce texte contient des caractères non autorisés.",
                "de": "Dieser Text enthält unzulässige Zeichen.",
            },
        )
    return value
