"""An institution's bank accounts: where the office pays the invoices it accepts.

The IBAN must be Swiss or Liechtenstein's (mod-97 checked by schwifty); a QR-IBAN is one whose
bank code (characters 5 to 9) lies in 30000–31999. An account is never deleted once created:
removing it archives it, so that an invoice that named it keeps its history (invoicing will
refer to the account's id). One live account per IBAN within an institution.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from organisation.domain import identifiers
from organisation.domain.identifiers import BadValue
from organisation.domain.problems import InvalidInput, Problem, Wording, required

COUNTRIES = ("CH", "LI")
QR_BANK_CODES = range(30000, 32000)
NIF_MAX_LENGTH = 20

LABELS: dict[str, Wording] = {
    "iban": {"fr": "IBAN", "de": "IBAN"},
    "holder": {"fr": "Titulaire du compte", "de": "Kontoinhaber"},
    "label": {"fr": "Libellé", "de": "Bezeichnung"},
    "nif": {"fr": "NIF", "de": "NIF"},
}

IBAN_INVALID = BadValue(
    "iban_invalid",
    {"fr": "Cet IBAN n'est pas valide.", "de": "Diese IBAN ist ungültig."},
)
IBAN_COUNTRY = BadValue(
    "iban_country",
    {
        "fr": "Seuls les IBAN suisses (CH) et liechtensteinois (LI) sont acceptés.",
        "de": "Nur IBAN aus der Schweiz (CH) und Liechtenstein (LI) werden akzeptiert.",
    },
)
NIF_INVALID = BadValue(
    "nif_invalid",
    {
        "fr": f"Le NIF ne contient que des chiffres (au plus {NIF_MAX_LENGTH}).",
        "de": f"Die NIF besteht nur aus Ziffern (höchstens {NIF_MAX_LENGTH}).",
    },
)
IBAN_ALREADY_USED = Problem(
    "iban",
    "iban_already_used",
    {
        "fr": "Ce compte bancaire est déjà enregistré pour votre institution.",
        "de": "Dieses Bankkonto ist für Ihre Institution bereits erfasst.",
    },
)


def iban(raw: str) -> str:
    """A CH/LI IBAN, with or without spaces → its compact form (``CH4431999123000889012``)."""
    try:
        value = IBAN(raw.strip())
    except (SchwiftyException, ValueError):
        raise IBAN_INVALID from None
    if value.country_code not in COUNTRIES:
        raise IBAN_COUNTRY
    return str(value.compact)


def is_qr_iban(compact_iban: str) -> bool:
    """Characters 5–9 of a CH/LI IBAN are the bank code (IID); QR-IIDs are 30000–31999."""
    code = compact_iban[4:9]
    return code.isdigit() and int(code) in QR_BANK_CODES


def formatted(compact_iban: str) -> str:
    """Groups of four, as printed on a QR-bill: ``CH44 3199 9123 0008 8901 2``."""
    return " ".join(compact_iban[i : i + 4] for i in range(0, len(compact_iban), 4))


def nif(raw: str) -> str:
    value = "".join(raw.split())
    if not value.isdigit() or len(value) > NIF_MAX_LENGTH or not value.isascii():
        raise NIF_INVALID
    return value


@dataclass(frozen=True)
class BankAccountForm:
    iban: str
    holder: str
    label: str
    nif: str | None = None


@dataclass(frozen=True)
class BankDetails:
    """A form that passed every check: compact IBAN, normalised text."""

    iban: str
    holder: str
    label: str
    nif: str | None

    @property
    def is_qr_iban(self) -> bool:
        return is_qr_iban(self.iban)


@dataclass(frozen=True)
class BankAccount:
    id: UUID
    institution_id: UUID
    details: BankDetails
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = None
    # An invoice was sent to it: removing it archives it, so that the invoice's history keeps it.
    referenced: bool = False

    def edited(self, details: BankDetails, now: datetime) -> "BankAccount":
        return replace(self, details=details, updated_at=now)

    def archived(self, now: datetime) -> "BankAccount":
        return self if self.archived_at else replace(self, archived_at=now, updated_at=now)


def check(form: BankAccountForm) -> BankDetails:
    """The account the form describes; ``InvalidInput`` with every problem otherwise."""
    problems: list[Problem] = []

    def value(path: str, raw: str | None, rule: Callable[[str], str], *, optional: bool) -> str:
        if raw is None or not raw.strip():
            if not optional:
                problems.append(required(path, LABELS[path]))
            return ""
        try:
            return rule(raw)
        except BadValue as bad:
            problems.append(Problem(path, bad.code, bad.message))
            return ""

    details = BankDetails(
        iban=value("iban", form.iban, iban, optional=False),
        holder=value("holder", form.holder, identifiers.plain_text, optional=False),
        label=value("label", form.label, identifiers.plain_text, optional=False),
        nif=value("nif", form.nif, nif, optional=True) or None,
    )
    if problems:
        raise InvalidInput(problems)
    return details
