"""A beneficiary as the institution's form describes it, and the rules it must meet.

Every field is checked and every problem reported at once, each under its JSON path
(``decisions[1].number``, ``bank.iban``). Blank counts as missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from uuid import UUID

from beneficiary.domain import identifiers
from beneficiary.domain.problems import BadValue, InvalidInput, Problem, Wording, required

MAJORITY_AGE = 18
# The most decision numbers one beneficiary keeps (the form's list).
MAX_DECISIONS = 50
OLDEST_BIRTH_YEAR = 1900

LABELS: dict[str, Wording] = {
    "last_name": {"fr": "Nom", "de": "Nachname"},
    "first_name": {"fr": "Prénom", "de": "Vorname"},
    "birth_date": {"fr": "Date de naissance", "de": "Geburtsdatum"},
    "street": {"fr": "Rue", "de": "Strasse"},
    "postcode": {"fr": "NPA", "de": "PLZ"},
    "locality": {"fr": "Localité", "de": "Ort"},
    "avs": {"fr": "N° AVS", "de": "AHV-Nr."},
    "name": {"fr": "Nom", "de": "Name"},
    "relationship": {"fr": "Lien", "de": "Beziehung"},
    "representative": {"fr": "Représentant légal", "de": "Gesetzliche Vertretung"},
    "number": {"fr": "N° de décision", "de": "Verfügungsnr."},
    "description": {"fr": "Description", "de": "Beschreibung"},
    "iban": {"fr": "IBAN", "de": "IBAN"},
}

AVS_TAKEN = Problem(
    "avs",
    "avs_already_registered",
    {
        "fr": "Un bénéficiaire avec ce numéro AVS existe déjà.",
        "de": "Eine begünstigte Person mit dieser AHV-Nummer existiert bereits.",
    },
)


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    locality: str


@dataclass(frozen=True)
class Representative:
    name: str
    address: Address
    relationship: str


@dataclass(frozen=True)
class Decision:
    number: str
    description: str


@dataclass(frozen=True)
class BankDetails:
    iban: str
    holder: str | None
    reference: str | None
    qr_iban: bool


@dataclass(frozen=True)
class Details:
    """Everything the institution states about a beneficiary, checked and normalised."""

    last_name: str
    first_name: str
    birth_date: date
    address: Address
    avs: str
    representative: Representative | None = None
    decisions: tuple[Decision, ...] = ()
    bank: BankDetails | None = None
    power_of_attorney_document_id: UUID | None = None

    @property
    def search_name(self) -> str:
        return identifiers.folded(f"{self.last_name} {self.first_name}")


# The raw form: strings as typed; ``check`` turns it into ``Details`` or refuses it.
@dataclass(frozen=True)
class AddressForm:
    street: str
    postcode: str
    locality: str


@dataclass(frozen=True)
class RepresentativeForm:
    name: str
    address: AddressForm
    relationship: str


@dataclass(frozen=True)
class DecisionForm:
    number: str
    description: str


@dataclass(frozen=True)
class BankForm:
    iban: str
    holder: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class BeneficiaryForm:
    last_name: str
    first_name: str
    birth_date: date
    address: AddressForm
    avs: str
    representative: RepresentativeForm | None = None
    decisions: tuple[DecisionForm, ...] = ()
    bank: BankForm | None = None
    power_of_attorney_document_id: UUID | None = None


@dataclass
class Beneficiary:
    """A beneficiary of one institution. Referenced by an invoice, it is archived, not erased."""

    id: UUID
    company_id: UUID
    details: Details
    created_at: datetime
    updated_at: datetime
    referenced: bool = False
    archived_at: datetime | None = None
    version: int = 1

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def change(self, details: Details, *, at: datetime) -> None:
        self.details = details
        self.updated_at = at
        self.version += 1

    def has_decision(self, number: str) -> bool:
        """Whether the number is already kept, whatever dots or spaces either was written with."""
        wanted = identifiers.digits(number)
        return any(identifiers.digits(d.number) == wanted for d in self.details.decisions)

    @property
    def decisions_full(self) -> bool:
        return len(self.details.decisions) >= MAX_DECISIONS

    def keep_decision(self, decision: Decision, *, at: datetime) -> None:
        """Add a decision number an invoice was sent with (the caller checked it is new)."""
        decisions = (*self.details.decisions, decision)
        self.change(replace(self.details, decisions=decisions), at=at)

    def remove(self, *, at: datetime) -> bool:
        """True when the beneficiary must be kept (archived), False when it may be erased."""
        if self.referenced:
            self.archived_at = at
            self.version += 1
            return True
        return False


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, bad: BadValue) -> None:
        self.problems.append(Problem(path, bad.code, bad.message))

    def text(self, path: str, raw: str, rule: Callable[[str], str] = identifiers.plain_text) -> str:
        label = LABELS[path.rsplit(".", 1)[-1]]
        if not raw.strip():
            self.problems.append(required(path, label))
            return ""
        try:
            return rule(raw)
        except BadValue as bad:
            self.add(path, bad)
            return ""

    def optional(self, path: str, raw: str | None) -> str | None:
        if raw is None or not raw.strip():
            return None
        try:
            return identifiers.plain_text(raw)
        except BadValue as bad:
            self.add(path, bad)
            return None


def check(form: BeneficiaryForm, *, today: date) -> Details:
    """The form's values normalised, or ``InvalidInput`` with every problem found."""
    c = _Checker()
    last_name = c.text("last_name", form.last_name)
    first_name = c.text("first_name", form.first_name)
    address = _address(c, "address", form.address)
    avs = c.text("avs", form.avs, identifiers.avs)
    if form.birth_date > today:
        c.problems.append(
            Problem(
                "birth_date",
                "birth_date_future",
                {
                    "fr": "La date de naissance ne peut pas être dans le futur.",
                    "de": "Das Geburtsdatum darf nicht in der Zukunft liegen.",
                },
            )
        )
    elif form.birth_date.year < OLDEST_BIRTH_YEAR:
        c.problems.append(
            Problem(
                "birth_date",
                "birth_date_too_old",
                {"fr": "Date de naissance invalide.", "de": "Ungültiges Geburtsdatum."},
            )
        )

    representative = None
    if form.representative is not None:
        r = form.representative
        representative = Representative(
            name=c.text("representative.name", r.name),
            address=_address(c, "representative.address", r.address),
            relationship=c.text("representative.relationship", r.relationship),
        )
    elif form.birth_date <= today and age_on(form.birth_date, today) < MAJORITY_AGE:
        c.problems.append(
            Problem(
                "representative",
                "representative_required",
                {
                    "fr": "Un représentant légal est obligatoire pour un bénéficiaire mineur.",
                    "de": "Für eine minderjährige Person ist eine gesetzliche Vertretung "
                    "obligatorisch.",
                },
            )
        )

    decisions: list[Decision] = []
    seen: set[str] = set()
    for index, d in enumerate(form.decisions):
        path = f"decisions[{index}]"
        number = c.text(
            f"{path}.number",
            d.number,
            lambda raw: identifiers.decision_number(raw, today=today),
        )
        if number and number in seen:
            c.problems.append(
                Problem(
                    f"{path}.number",
                    "decision_duplicate",
                    {
                        "fr": "Ce numéro de décision figure déjà dans la liste.",
                        "de": "Diese Verfügungsnummer steht bereits in der Liste.",
                    },
                )
            )
        seen.add(number)
        decisions.append(Decision(number, c.text(f"{path}.description", d.description)))

    bank = None
    if form.bank is not None:
        bank = _bank(c, form.bank)

    if c.problems:
        raise InvalidInput(c.problems)
    return Details(
        last_name=last_name,
        first_name=first_name,
        birth_date=form.birth_date,
        address=address,
        avs=avs,
        representative=representative,
        decisions=tuple(decisions),
        bank=bank,
        power_of_attorney_document_id=form.power_of_attorney_document_id,
    )


def _address(c: _Checker, path: str, form: AddressForm) -> Address:
    return Address(
        c.text(f"{path}.street", form.street),
        c.text(f"{path}.postcode", form.postcode, identifiers.swiss_postcode),
        c.text(f"{path}.locality", form.locality),
    )


def _bank(c: _Checker, form: BankForm) -> BankDetails | None:
    holder = c.optional("bank.holder", form.holder)
    if not form.iban.strip():
        c.problems.append(required("bank.iban", LABELS["iban"]))
        return None
    try:
        iban = identifiers.iban(form.iban)
    except BadValue as bad:
        c.add("bank.iban", bad)
        return None
    qr = identifiers.is_qr_iban(iban)
    try:
        reference = identifiers.payment_reference(form.reference, qr_iban=qr)
    except BadValue as bad:
        c.add("bank.reference", bad)
        return None
    return BankDetails(iban=iban.compact, holder=holder, reference=reference, qr_iban=qr)
