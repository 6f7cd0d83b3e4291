"""PDF copies of invoices: one per (invoice, version), its status, and what the page says.

Pure rules and wording, no I/O. ``layout`` turns the printable snapshot that invoicing sent
(``InvoiceCopy``, already in the submitter's language) and the copy's status into a
``CopyDocument``: every caption and value as text, ready for a PDF renderer to draw.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from contracts.invoicing import InvoiceCopy

Language = Literal["fr", "de", "it"]
SWISS_TIME = ZoneInfo("Europe/Zurich")


class CopyStatus(StrEnum):
    SUBMITTED = "submitted"
    CORRECTION_REQUESTED = "correction_requested"
    ACCEPTED = "accepted"
    REFUSED = "refused"


STATUS_LABELS: dict[Language, dict[CopyStatus, str]] = {
    "fr": {
        CopyStatus.SUBMITTED: "En traitement",
        CopyStatus.CORRECTION_REQUESTED: "À corriger",
        CopyStatus.ACCEPTED: "Acceptée",
        CopyStatus.REFUSED: "Refusée",
    },
    "de": {
        CopyStatus.SUBMITTED: "In Bearbeitung",
        CopyStatus.CORRECTION_REQUESTED: "Zu korrigieren",
        CopyStatus.ACCEPTED: "Angenommen",
        CopyStatus.REFUSED: "Abgelehnt",
    },
    "it": {
        CopyStatus.SUBMITTED: "In elaborazione",
        CopyStatus.CORRECTION_REQUESTED: "Da correggere",
        CopyStatus.ACCEPTED: "Accettata",
        CopyStatus.REFUSED: "Rifiutata",
    },
}

# Captions of the copy, by language.
LABELS: dict[Language, dict[str, str]] = {
    "fr": {
        "title": "Copie de la facture",
        "reference": "Référence",
        "version": "Version",
        "form": "Formulaire",
        "institution": "Institution",
        "gln": "GLN",
        "beneficiary": "Bénéficiaire",
        "name": "Nom",
        "avs": "N° AVS",
        "address": "Adresse",
        "decision": "Décision",
        "decision_number": "N° de décision",
        "decision_description": "Description",
        "payment": "Paiement",
        "iban": "IBAN",
        "holder": "Titulaire du compte",
        "invoice": "Facture",
        "invoice_date": "Date de la facture",
        "invoice_number": "N° de facture",
        "period": "Période",
        "details": "Détails",
        "line_label": "Prestation",
        "line_details": "Détails",
        "quantity": "Quantité",
        "unit_price": "Prix unitaire",
        "amount": "Montant",
        "total": "Total CHF",
        "remark": "Remarque",
        "attachments": "Pièces jointes",
        "none": "Aucune",
        "status": "Statut",
        "message": "Message de l'office",
        "reason": "Motif du refus",
        "sent_at": "Envoyée le",
        "status_changed_at": "Statut modifié le",
        "page": "Page {page} sur {pages}",
        "file": "facture",
    },
    "de": {
        "title": "Kopie der Rechnung",
        "reference": "Referenz",
        "version": "Version",
        "form": "Formular",
        "institution": "Institution",
        "gln": "GLN",
        "beneficiary": "Leistungsbeziehende Person",
        "name": "Name",
        "avs": "AHV-Nr.",
        "address": "Adresse",
        "decision": "Verfügung",
        "decision_number": "Verfügungsnummer",
        "decision_description": "Beschreibung",
        "payment": "Zahlung",
        "iban": "IBAN",
        "holder": "Kontoinhaber/in",
        "invoice": "Rechnung",
        "invoice_date": "Rechnungsdatum",
        "invoice_number": "Rechnungsnummer",
        "period": "Zeitraum",
        "details": "Angaben",
        "line_label": "Leistung",
        "line_details": "Details",
        "quantity": "Menge",
        "unit_price": "Einzelpreis",
        "amount": "Betrag",
        "total": "Total CHF",
        "remark": "Bemerkung",
        "attachments": "Beilagen",
        "none": "Keine",
        "status": "Status",
        "message": "Mitteilung der IV-Stelle",
        "reason": "Ablehnungsgrund",
        "sent_at": "Eingereicht am",
        "status_changed_at": "Status geändert am",
        "page": "Seite {page} von {pages}",
        "file": "rechnung",
    },
    "it": {
        "title": "Copia della fattura",
        "reference": "Riferimento",
        "version": "Versione",
        "form": "Modulo",
        "institution": "Istituto",
        "gln": "GLN",
        "beneficiary": "Beneficiario",
        "name": "Nome",
        "avs": "N. AVS",
        "address": "Indirizzo",
        "decision": "Decisione",
        "decision_number": "N. della decisione",
        "decision_description": "Descrizione",
        "payment": "Pagamento",
        "iban": "IBAN",
        "holder": "Titolare del conto",
        "invoice": "Fattura",
        "invoice_date": "Data della fattura",
        "invoice_number": "N. della fattura",
        "period": "Periodo",
        "details": "Dettagli",
        "line_label": "Prestazione",
        "line_details": "Dettagli",
        "quantity": "Quantità",
        "unit_price": "Prezzo unitario",
        "amount": "Importo",
        "total": "Totale CHF",
        "remark": "Osservazione",
        "attachments": "Allegati",
        "none": "Nessuno",
        "status": "Stato",
        "message": "Messaggio dell'ufficio",
        "reason": "Motivo del rifiuto",
        "sent_at": "Inviata il",
        "status_changed_at": "Stato modificato il",
        "page": "Pagina {page} di {pages}",
        "file": "fattura",
    },
}


@dataclass(frozen=True)
class Office:
    """The office whose name and address head every copy (other cantons run the same counter)."""

    names: dict[Language, str]
    address_lines: tuple[str, ...]

    def name(self, language: Language) -> str:
        # French is the office's first language; a missing translation falls back to it.
        return self.names.get(language) or self.names["fr"]


@dataclass(frozen=True)
class CopyChange:
    """What one invoice event says about the copy of one version."""

    invoice_id: UUID
    version: int
    company_id: UUID
    reference: str
    status: CopyStatus
    at: datetime
    message: str = ""
    printable: InvoiceCopy | None = None  # only InvoiceSubmitted carries it


@dataclass(frozen=True)
class InvoiceCopyRecord:
    """The copy of one version: its status and, once rendered, the snapshot and stored PDF."""

    id: UUID
    invoice_id: UUID
    version: int
    company_id: UUID
    reference: str
    status: CopyStatus = CopyStatus.SUBMITTED
    message: str = ""
    status_changed_at: datetime | None = None
    printable: InvoiceCopy | None = None
    storage_key: str | None = None
    size: int | None = None

    @property
    def rendered(self) -> bool:
        return self.storage_key is not None

    def apply(self, change: CopyChange) -> "InvoiceCopyRecord":
        """The record after ``change``; the same record when the change brings nothing new
        (a replay, a decision older than the one recorded, a second submission of a version)."""
        if change.printable is not None:
            if self.printable is not None:
                return self
            decided = self.status is not CopyStatus.SUBMITTED
            # A decision that overtook the submission keeps its status; the snapshot is added.
            return replace(
                self,
                reference=change.reference,
                printable=change.printable,
                status=self.status if decided else CopyStatus.SUBMITTED,
                status_changed_at=self.status_changed_at if decided else change.at,
            )
        if change.status is CopyStatus.SUBMITTED:
            return self
        if (
            self.status is not CopyStatus.SUBMITTED
            and self.status_changed_at is not None
            and change.at <= self.status_changed_at
        ):
            return self
        return replace(
            self,
            reference=change.reference,
            status=change.status,
            message=change.message,
            status_changed_at=change.at,
        )

    def storage_key_for(self, event_id: UUID) -> str:
        """Each render has its own key, made of ids only: the re-delivery of an event rewrites
        the same key, and the previous render stays readable until the new one is committed."""
        return f"invoice-copies/{self.company_id}/{self.invoice_id}/v{self.version}-{event_id}.pdf"


def copy_filename(language: Language, reference: str, version: int) -> str:
    """``facture-F-2025-000042-v1.pdf`` (``rechnung-…`` in German, ``fattura-…`` in Italian)."""
    return f"{LABELS[language]['file']}-{reference}-v{version}.pdf"


def swiss_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def swiss_time(value: datetime) -> str:
    """``27.11.2026 13:05``, in Zurich time."""
    return value.astimezone(SWISS_TIME).strftime("%d.%m.%Y %H:%M")


def chf(amount: str) -> str:
    """``"12345.50"`` → ``"12'345.50"`` (Swiss grouping); empty stays empty."""
    if not amount:
        return ""
    return f"{Decimal(amount):,.2f}".replace(",", "'")


@dataclass(frozen=True)
class Section:
    heading: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CopyDocument:
    """Everything one PDF page set shows, as text, in one language."""

    language: Language
    title: str
    office_name: str
    office_address: tuple[str, ...]
    summary: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    line_headings: tuple[str, str, str, str, str]
    lines: tuple[tuple[str, str, str, str, str], ...]
    total_label: str
    total: str
    message_label: str = ""
    message: str = ""
    page_label: str = "{page} / {pages}"
    author: str = ""
    closing: tuple[Section, ...] = field(default_factory=tuple)


def layout(record: InvoiceCopyRecord, office: Office) -> CopyDocument:
    """The page of a rendered record (``record.printable`` must be set)."""
    copy = record.printable
    if copy is None:
        raise ValueError("a copy without its printable snapshot cannot be laid out")
    language: Language = copy.language
    t = LABELS[language]
    times = [(t["sent_at"], swiss_time(copy.submitted_at))]
    if record.status is not CopyStatus.SUBMITTED and record.status_changed_at is not None:
        times.append((t["status_changed_at"], swiss_time(record.status_changed_at)))
    message_label = ""
    if record.message:
        message_label = t["reason"] if record.status is CopyStatus.REFUSED else t["message"]
    invoice_rows = [
        (t["invoice_date"], swiss_date(copy.invoice_date)),
        (t["invoice_number"], copy.invoice_number),
    ]
    if copy.period:
        invoice_rows.append((t["period"], copy.period))
    decision_rows = [(t["decision_number"], copy.decision_number)]
    if copy.decision_description:
        decision_rows.append((t["decision_description"], copy.decision_description))
    sections = [
        Section(
            t["institution"], ((t["name"], copy.institution_name), (t["gln"], copy.institution_gln))
        ),
        Section(
            t["beneficiary"],
            (
                (t["name"], copy.beneficiary_name),
                (t["avs"], copy.beneficiary_avs),
                (t["address"], "\n".join(copy.beneficiary_address)),
            ),
        ),
        Section(t["decision"], tuple(decision_rows)),
        Section(t["payment"], ((t["iban"], copy.iban), (t["holder"], copy.account_holder))),
        Section(t["invoice"], tuple(invoice_rows)),
    ]
    if copy.fields:
        sections.append(Section(t["details"], tuple((f.label, f.value) for f in copy.fields)))
    closing = []
    if copy.remark:
        closing.append(Section(t["remark"], (("", copy.remark),)))
    closing.append(
        Section(
            t["attachments"], tuple(("", name) for name in copy.attachments) or (("", t["none"]),)
        )
    )
    return CopyDocument(
        language=language,
        title=f"{t['title']} {copy.reference}",
        office_name=office.name(language),
        office_address=office.address_lines,
        summary=(
            (t["form"], f"{copy.form} – {copy.form_title}"),
            (t["reference"], copy.reference),
            (t["version"], str(record.version)),
            (t["status"], STATUS_LABELS[language][record.status]),
            *times,
        ),
        sections=tuple(sections),
        line_headings=(
            t["line_label"],
            t["line_details"],
            t["quantity"],
            t["unit_price"],
            t["amount"],
        ),
        lines=tuple(
            (line.label, line.details, line.quantity, chf(line.unit_price), chf(line.amount))
            for line in copy.lines
        ),
        total_label=t["total"],
        total=chf(copy.total),
        message_label=message_label,
        message=record.message,
        page_label=t["page"],
        author=office.name(language),
        closing=tuple(closing),
    )
