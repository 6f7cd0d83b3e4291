"""The identifiers a beneficiary carries, checked with the reference libraries: AVS number
(``stdnum.ch.ssn``), IBAN (``schwifty``), QR reference (``stdnum.ch.esr``), creditor reference
(``stdnum.iso11649``) and the IV decision number (office + year + case)."""

import re
import unicodedata
from datetime import date

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import iso11649
from stdnum.ch import esr, ssn
from stdnum.exceptions import ValidationError

from beneficiary.domain.problems import BadValue

# IV offices (DOMAIN.md, "Identifiers and checks").
IV_OFFICES = frozenset(
    {*(str(code) for code in range(301, 328)), "350"},
)
QR_IID = range(30000, 32000)
_AVS = re.compile(r"756[0-9]{10}")
_DECISION = re.compile(r"[0-9]{14}")
_QR_REFERENCE = re.compile(r"[0-9]{27}")
_SWISS_POSTCODE = re.compile(r"[1-9][0-9]{3}")


def avs(raw: str) -> str:
    """An AVS number with or without dots → its 13 digits (``7561234567897``)."""
    value = ssn.compact(raw)
    if not _AVS.fullmatch(value):
        raise BadValue(
            "avs_format",
            {
                "fr": "Le numéro AVS doit comporter 13 chiffres et commencer par 756.",
                "de": "Die AHV-Nummer muss aus 13 Ziffern bestehen und mit 756 beginnen.",
            },
        )
    if not ssn.is_valid(value):
        raise BadValue(
            "avs_check_digit",
            {
                "fr": "Ce numéro AVS n'est pas valide (chiffre de contrôle erroné).",
                "de": "Diese AHV-Nummer ist ungültig (falsche Prüfziffer).",
            },
        )
    return value


def avs_display(compact: str) -> str:
    """``7561234567897`` → ``756.1234.5678.97``."""
    return str(ssn.format(compact))


def digits(raw: str) -> str:
    """The digits of a partial number typed in a filter (dots, spaces ignored)."""
    return "".join(char for char in raw if char.isdigit())


def decision_number(raw: str, *, today: date) -> str:
    """14 digits (dots and spaces ignored) = IV office (3) + year (4) + case (7)."""
    value = "".join(raw.replace(".", "").split())
    if not _DECISION.fullmatch(value):
        raise BadValue(
            "decision_format",
            {
                "fr": "Le numéro de décision doit comporter 14 chiffres.",
                "de": "Die Verfügungsnummer muss aus 14 Ziffern bestehen.",
            },
        )
    if value[:3] not in IV_OFFICES:
        raise BadValue(
            "decision_office",
            {
                "fr": "Le numéro de décision ne commence pas par le numéro d'un office AI.",
                "de": "Die Verfügungsnummer beginnt nicht mit der Nummer einer IV-Stelle.",
            },
        )
    year = int(value[3:7])
    if not 2000 <= year <= today.year:
        raise BadValue(
            "decision_year",
            {
                "fr": "L'année du numéro de décision n'est pas valide.",
                "de": "Das Jahr der Verfügungsnummer ist ungültig.",
            },
        )
    return value


def iban(raw: str) -> IBAN:
    """A Swiss or Liechtenstein IBAN (spaces ignored)."""
    try:
        value = IBAN(raw)
    except (SchwiftyException, ValueError):
        raise BadValue(
            "iban_invalid",
            {"fr": "Cet IBAN n'est pas valide.", "de": "Diese IBAN ist ungültig."},
        ) from None
    if value.country_code not in ("CH", "LI"):
        raise BadValue(
            "iban_country",
            {
                "fr": "Seuls les IBAN suisses et liechtensteinois sont acceptés.",
                "de": "Nur Schweizer und Liechtensteiner IBAN werden akzeptiert.",
            },
        )
    return value


def is_qr_iban(value: IBAN) -> bool:
    """A QR-IBAN: its bank code (QR-IID) lies in 30000–31999."""
    code = value.bank_code
    return code.isdigit() and int(code) in QR_IID


def payment_reference(raw: str | None, *, qr_iban: bool) -> str | None:
    """A QR-IBAN requires a 27-digit QR reference; a normal IBAN takes none or a creditor
    reference (``RF…``) and never a QR reference."""
    value = "".join(raw.split()) if raw else ""
    if qr_iban:
        if not value:
            raise BadValue(
                "qr_reference_required",
                {
                    "fr": "Un QR-IBAN exige une référence QR de 27 chiffres.",
                    "de": "Eine QR-IBAN verlangt eine QR-Referenz mit 27 Ziffern.",
                },
            )
        if not _QR_REFERENCE.fullmatch(value) or not esr.is_valid(value):
            raise BadValue(
                "qr_reference_invalid",
                {
                    "fr": "Cette référence QR n'est pas valide (27 chiffres, chiffre de contrôle).",
                    "de": "Diese QR-Referenz ist ungültig (27 Ziffern, Prüfziffer).",
                },
            )
        return value
    if not value:
        return None
    if value.isdigit():
        raise BadValue(
            "qr_reference_needs_qr_iban",
            {
                "fr": "Une référence QR n'est possible qu'avec un QR-IBAN.",
                "de": "Eine QR-Referenz ist nur mit einer QR-IBAN möglich.",
            },
        )
    try:
        return str(iso11649.validate(value))
    except ValidationError:
        raise BadValue(
            "creditor_reference_invalid",
            {
                "fr": "Cette référence de créancier (RF) n'est pas valide.",
                "de": "Diese Gläubigerreferenz (RF) ist ungültig.",
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


def plain_text(raw: str) -> str:
    """Text as people read it: NFC, single spaces, no control or format characters."""
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


def folded(text: str) -> str:
    """Case- and accent-free form used for name search: ``Müller-Gérald`` → ``muller-gerald``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
