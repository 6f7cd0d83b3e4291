"""The ten invoice forms: checking a draft, its amounts, its printed copy and its counter text.

``check()`` reads the header every form shares and the form's own ``content`` (one module per
form family), reports every problem at once (``InvalidInput``) and otherwise returns the checked
invoice with its normalised content, total, warnings for the office and printable entries.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from invoicing.domain import aids, assistance, hearing, helplessness, other, travel
from invoicing.domain.money import money_text
from invoicing.domain.outcome import Entry, Outcome, Period, Situation, Warning, dmy
from invoicing.domain.problems import InvalidInput, Problem, Wording, required
from invoicing.domain.reading import Reader, not_in_future, too_long
from invoicing.domain.tariffs import TariffBook, TariffPeriod

__all__ = [
    "ATTACHMENT_KINDS",
    "FORMS",
    "MONTHLY_FORMS",
    "AttachmentRef",
    "Checked",
    "Context",
    "Draft",
    "InvalidInput",
    "Period",
    "PrintLine",
    "Printable",
    "Problem",
    "TariffBook",
    "TariffPeriod",
    "Warning",
    "check",
    "form_title",
    "printable",
    "summary",
]

FORMS: tuple[str, ...] = (
    "318.635",
    "318.636",
    "318.637",
    "318.638",
    "318.639",
    "318.632.2",
    "300.001",
    "318.536",
    "318.632.1",
    "318.632",
)
MONTHLY_FORMS: frozenset[str] = frozenset({"318.632.2", "318.536"})
ATTACHMENT_KINDS = ("supplier_invoice", "cost_approval", "payslip", "receipt", "other")
PAYEE_KINDS = ("company", "beneficiary")
MAX_ATTACHMENTS = 20

TITLES: dict[str, Mapping[str, str]] = {
    "318.635": {
        "fr": "Moyens auxiliaires – poste de travail et tâches habituelles",
        "de": "Hilfsmittel – Arbeitsplatz und Aufgabenbereich",
        "it": "Mezzi ausiliari – posto di lavoro e mansioni consuete",
    },
    "318.636": {
        "fr": "Moyens auxiliaires – transformations de bâtiments et véhicules à moteur",
        "de": "Hilfsmittel – bauliche Änderungen und Motorfahrzeuge",
        "it": "Mezzi ausiliari – modifiche architettoniche e veicoli a motore",
    },
    "318.637": {
        "fr": "Moyens auxiliaires – crâne et visage",
        "de": "Hilfsmittel – Schädel und Gesicht",
        "it": "Mezzi ausiliari – cranio e viso",
    },
    "318.638": {
        "fr": "Moyens auxiliaires – aveugles et malvoyants graves",
        "de": "Hilfsmittel – Blinde und hochgradig Sehschwache",
        "it": "Mezzi ausiliari – ciechi e ipovedenti gravi",
    },
    "318.639": {
        "fr": "Moyens auxiliaires – autonomie personnelle",
        "de": "Hilfsmittel – persönliche Selbständigkeit",
        "it": "Mezzi ausiliari – autonomia personale",
    },
    "318.632.2": {
        "fr": "Allocation pour impotent et supplément pour soins intenses (mineurs)",
        "de": "Hilflosenentschädigung und Intensivpflegezuschlag (Minderjährige)",
        "it": "Assegno per grandi invalidi e supplemento per cure intensive (minorenni)",
    },
    "300.001": {
        "fr": "Appareillage auditif",
        "de": "Hörgeräteversorgung",
        "it": "Apparecchi acustici",
    },
    "318.536": {
        "fr": "Contribution d'assistance",
        "de": "Assistenzbeitrag",
        "it": "Contributo per l'assistenza",
    },
    "318.632.1": {
        "fr": "Frais de voyage et de nourriture",
        "de": "Reise- und Verpflegungskosten",
        "it": "Spese di viaggio e di vitto",
    },
    "318.632": {
        "fr": "Autre facture",
        "de": "Andere Rechnung",
        "it": "Altra fattura",
    },
}
INVOICE_WORD = {"fr": "Facture", "de": "Rechnung", "it": "Fattura"}

LABELS: dict[str, Wording] = {
    "form": {"fr": "Formulaire", "de": "Formular"},
    "beneficiary_id": {"fr": "Bénéficiaire", "de": "Begünstigte Person"},
    "payee.kind": {"fr": "Paiement à", "de": "Zahlung an"},
    "payee.bank_account_id": {"fr": "Compte bancaire", "de": "Bankkonto"},
    "decision.number": {"fr": "N° de décision", "de": "Verfügungsnr."},
    "decision.description": {"fr": "Description de la décision", "de": "Verfügungsbeschreibung"},
    "invoice_date": {"fr": "Date de la facture", "de": "Rechnungsdatum"},
    "invoice_number": {"fr": "N° de facture", "de": "Rechnungsnr."},
    "remark": {"fr": "Remarque", "de": "Bemerkung"},
}
ATTACHMENT_NAMES: dict[str, Wording] = {
    "supplier_invoice": {"fr": "Facture du fournisseur", "de": "Lieferantenrechnung"},
    "cost_approval": {"fr": "Garantie de prise en charge", "de": "Kostengutsprache"},
    "payslip": {"fr": "Fiche de salaire", "de": "Lohnabrechnung"},
    "receipt": {"fr": "Quittance ou billet", "de": "Quittung oder Billett"},
    "other": {"fr": "Autre document", "de": "Anderes Dokument"},
}

# IV offices (DOMAIN.md, "Identifiers and checks").
IV_OFFICES = frozenset({*(str(code) for code in range(301, 328)), "350"})
FIRST_DECISION_YEAR = 2000
_DECISION = re.compile(r"[0-9]{14}")

FormReader = Callable[[Reader, Situation], Outcome]
READERS: dict[str, FormReader] = {
    "318.635": aids.read,
    "318.636": aids.read,
    "318.637": aids.read,
    "318.638": aids.read,
    "318.639": aids.read,
    "318.632.2": helplessness.read,
    "300.001": hearing.read,
    "318.536": assistance.read,
    "318.632.1": travel.read,
    "318.632": other.read,
}


@dataclass(frozen=True)
class AttachmentRef:
    file_id: UUID
    kind: str


@dataclass(frozen=True)
class Draft:
    """An invoice as the institution sends it; ``content`` is the raw JSON object of the form."""

    form: str
    beneficiary_id: UUID | None
    payee_kind: str | None
    bank_account_id: UUID | None
    decision_number: str | None
    decision_description: str
    invoice_date: date | None
    invoice_number: str | None
    remark: str
    attachments: tuple[AttachmentRef, ...]
    content: Mapping[str, object]


@dataclass(frozen=True)
class Context:
    today: date
    beneficiary_birth_date: date | None


@dataclass(frozen=True)
class Checked:
    """A draft that meets every rule, with what the server computed from it."""

    form: str
    decision_number: str
    period: Period | None
    content: dict[str, object]
    total: Decimal
    warnings: tuple[Warning, ...]
    service_dates: tuple[date, ...]
    fields: tuple[tuple[Wording, Wording], ...] = ()
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class PrintLine:
    label: str
    details: str
    quantity: str
    unit_price: str
    amount: str


@dataclass(frozen=True)
class Printable:
    form_title: str
    period: str
    fields: tuple[tuple[str, str], ...]
    lines: tuple[PrintLine, ...]


def check(draft: Draft, context: Context, tariffs: TariffBook) -> Checked:
    """The checked invoice, or ``InvalidInput`` with every problem of the draft."""
    if draft.form not in READERS:
        raise InvalidInput(
            [_problem("form", "unknown_form", "Formulaire inconnu.", "Unbekanntes Formular.")]
        )
    problems: list[Problem] = []
    decision = _header(draft, context, problems)
    content = Reader.of(draft.content, "content", problems, context.today)
    outcome = READERS[draft.form](content, Situation(context.beneficiary_birth_date, tariffs))
    _attachments(draft.attachments, outcome.attachments, problems)
    if problems:
        raise InvalidInput(problems)
    return Checked(
        form=draft.form,
        decision_number=decision,
        period=outcome.period,
        content=outcome.content,
        total=outcome.total,
        warnings=outcome.warnings,
        service_dates=outcome.service_dates,
        fields=outcome.fields,
        entries=outcome.entries,
    )


def printable(checked: Checked, language: str) -> Printable:
    """The form's own part of the printed copy, in ``language`` (Italian falls back to French)."""
    return Printable(
        form_title=form_title(checked.form, language),
        period=_period_text(checked.period),
        fields=tuple(
            (_say(label, language), _say(value, language)) for label, value in checked.fields
        ),
        lines=tuple(
            PrintLine(
                label=_say(entry.label, language),
                details=_say(entry.details, language),
                quantity=entry.quantity,
                unit_price="" if entry.unit_price is None else money_text(entry.unit_price),
                amount=money_text(entry.amount),
            )
            for entry in checked.entries
        ),
    )


def form_title(form: str, language: str) -> str:
    return _say(TITLES[form], language)


def summary(form: str, period: Period | None, invoice_date: date, language: str) -> str:
    """The counter's "Formulaire" text: the month of a monthly form, else the invoice date."""
    word = _say(INVOICE_WORD, language)
    if form in MONTHLY_FORMS and period is not None:
        return f"{word} {_period_text(period)}"
    return f"{word} {dmy(invoice_date)}"


def _say(wording: Wording, language: str) -> str:
    return wording.get(language) or wording["fr"]


def _period_text(period: Period | None) -> str:
    return f"{dmy(period.start)} - {dmy(period.end)}" if period else ""


def _problem(field: str, code: str, fr: str, de: str) -> Problem:
    return Problem(field, code, {"fr": fr, "de": de})


def _header(draft: Draft, context: Context, problems: list[Problem]) -> str:
    """Checks the fields every form shares; returns the decision number's 14 digits."""
    if draft.beneficiary_id is None:
        problems.append(required("beneficiary_id", LABELS["beneficiary_id"]))
    if not draft.payee_kind:
        problems.append(required("payee.kind", LABELS["payee.kind"]))
    elif draft.payee_kind not in PAYEE_KINDS:
        problems.append(
            _problem(
                "payee.kind",
                "invalid_choice",
                "Le champ Paiement à doit valoir company ou beneficiary.",
                "Das Feld Zahlung an muss company oder beneficiary sein.",
            )
        )
    elif draft.payee_kind == "company" and draft.bank_account_id is None:
        problems.append(required("payee.bank_account_id", LABELS["payee.bank_account_id"]))
    elif draft.payee_kind == "beneficiary" and draft.bank_account_id is not None:
        problems.append(
            _problem(
                "payee.bank_account_id",
                "not_applicable",
                "Un compte de la société ne s'indique que pour un paiement à la société.",
                "Ein Firmenkonto wird nur bei Zahlung an die Firma angegeben.",
            )
        )
    decision = _decision_number(draft.decision_number, context.today, problems)
    _max_length(draft.decision_description, "decision.description", 200, problems)
    if draft.invoice_date is None:
        problems.append(required("invoice_date", LABELS["invoice_date"]))
    elif draft.invoice_date > context.today:
        problems.append(not_in_future("invoice_date", LABELS["invoice_date"]))
    if not (draft.invoice_number or "").strip():
        problems.append(required("invoice_number", LABELS["invoice_number"]))
    else:
        _max_length(draft.invoice_number or "", "invoice_number", 50, problems)
    _max_length(draft.remark, "remark", 2000, problems)
    return decision


def _max_length(value: str, field: str, limit: int, problems: list[Problem]) -> None:
    if len(value) > limit:
        problems.append(too_long(field, LABELS[field], limit))


def _decision_number(raw: str | None, today: date, problems: list[Problem]) -> str:
    """14 digits (dots and spaces ignored) = IV office (3) + year (4) + case (7)."""
    value = "".join((raw or "").replace(".", "").split())
    field = "decision.number"
    if not value:
        problems.append(required(field, LABELS[field]))
    elif not _DECISION.fullmatch(value):
        problems.append(
            _problem(
                field,
                "decision_format",
                "Le numéro de décision doit comporter 14 chiffres.",
                "Die Verfügungsnummer muss aus 14 Ziffern bestehen.",
            )
        )
    elif value[:3] not in IV_OFFICES:
        problems.append(
            _problem(
                field,
                "decision_office",
                "Le numéro de décision ne commence pas par le numéro d'un office AI.",
                "Die Verfügungsnummer beginnt nicht mit der Nummer einer IV-Stelle.",
            )
        )
    elif not FIRST_DECISION_YEAR <= int(value[3:7]) <= today.year:
        problems.append(
            _problem(
                field,
                "decision_year",
                "L'année du numéro de décision n'est pas valide.",
                "Das Jahr der Verfügungsnummer ist ungültig.",
            )
        )
    return value


def _attachments(
    attachments: tuple[AttachmentRef, ...], needed: frozenset[str], problems: list[Problem]
) -> None:
    if len(attachments) > MAX_ATTACHMENTS:
        problems.append(
            _problem(
                "attachments",
                "too_many",
                f"Une facture compte au plus {MAX_ATTACHMENTS} pièces jointes.",
                f"Eine Rechnung umfasst höchstens {MAX_ATTACHMENTS} Anhänge.",
            )
        )
    for index, attachment in enumerate(attachments):
        if attachment.kind not in ATTACHMENT_KINDS:
            problems.append(
                _problem(
                    f"attachments[{index}].kind",
                    "invalid_choice",
                    f"Le type de pièce jointe doit être l'un de : {', '.join(ATTACHMENT_KINDS)}.",
                    f"Die Art des Anhangs muss eine dieser sein: {', '.join(ATTACHMENT_KINDS)}.",
                )
            )
    present = {attachment.kind for attachment in attachments}
    for kind in sorted(needed - present):
        name = ATTACHMENT_NAMES[kind]
        problems.append(
            _problem(
                "attachments",
                "attachment_missing",
                f"La pièce jointe « {name['fr']} » est obligatoire.",
                f"Der Anhang «{name['de']}» ist obligatorisch.",
            )
        )
