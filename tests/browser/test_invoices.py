"""Invoices in a real browser, through the gateway, in French and in German.

An institution is registered and approved from Python, with a company bank account and a
beneficiary (with a saved decision) made through the owners' APIs. In Chromium the manager
signs in with the SMS code and, for the assistance contribution (318.536), travel and meals
(318.632.1) and hearing aids (300.001): fills the form, sees the server's live total, cancels
the confirmation (the form is intact), sends, gets the success message and downloads the PDF
copy. Then, for each, the office requests a correction through its API; the counter lists it
under "Demandes à corriger"; the manager opens it, reads the office's message, fixes the
form and sends "Modifier ma demande"; the office accepts; the history shows it accepted.

Rate limits: the browser signs in once (login and verify) and then only navigates inside the
app; Python's calls go through `edge`, from an address of their own.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import (
    Traffic,
    approve,
    register_institution,
    sign_in_with_code,
    step,
    unique_avs,
    unique_manager,
    wait_until_identity_activated,
)

NewPage = Callable[[str], Page]

pytestmark = [pytest.mark.browser, pytest.mark.stack]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OFFICE_INVOICES = "/internal/invoicing/invoices"

# What the counter says, per language (web/src/i18n).
TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "counter": "Guichet",
        "new_invoice": "Nouvelle facture",
        "search": "Rechercher un bénéficiaire",
        "choose": "Choisir",
        "saved_decisions": "Décisions enregistrées du bénéficiaire",
        "invoice_number": "Votre n° de facture",
        "attachment_kind": "Type de document",
        "attachment_file": "Fichier à joindre",
        "submit": "Envoyer ma demande",
        "cancel": "Annuler l'envoi",
        "send": "Envoyer la demande",
        "sent": "Votre demande a été envoyée",
        "pdf": "Télécharger la copie PDF",
        "home": "Retourner sur la page d'accueil",
        "to_correct": "Demandes à corriger",
        "history": "Historique des factures",
        "office_message": "Message de l'office AI",
        "resubmit": "Modifier ma demande",
        "corrected": "Votre demande a été modifiée et transmise à nouveau à l'office AI.",
        "accepted": "Acceptée",
        "month": "Mois",
        "assistant": "Assistant 1",
        "assistant_name": "Nom de l'assistant",
        "hours": "Heures",
        "line": "Ligne 1",
        "travel_date": "Date du déplacement",
        "from": "De",
        "to": "À",
        "purpose": "But (mesure)",
        "transport": "Moyen de transport",
        "km": "Kilomètres",
        "hours_away": "Heures d'absence",
        "fitting": "Appareillage",
        "seller": "Fournisseur de l'appareil",
        "delivery_date": "Date des prestations dispensées",
        "code_line": "Code tarifaire",
    },
    "de": {
        "counter": "Schalter",
        "new_invoice": "Neue Rechnung",
        "search": "Leistungsbeziehende Person suchen",
        "choose": "wählen",
        "saved_decisions": "Gespeicherte Verfügungen der Person",
        "invoice_number": "Ihre Rechnungsnummer",
        "attachment_kind": "Art des Dokuments",
        "attachment_file": "Beizulegende Datei",
        "submit": "Meinen Antrag senden",
        "cancel": "Senden abbrechen",
        "send": "Antrag übermitteln",
        "sent": "Ihr Antrag wurde gesendet",
        "pdf": "PDF-Kopie herunterladen",
        "home": "Zurück zur Startseite",
        "to_correct": "Zu korrigierende Anträge",
        "history": "Rechnungsverlauf",
        "office_message": "Nachricht der IV-Stelle",
        "resubmit": "Meinen Antrag ändern",
        "corrected": "Ihr Antrag wurde geändert und der IV-Stelle erneut übermittelt.",
        "accepted": "Angenommen",
        "month": "Monat",
        "assistant": "Assistenzperson 1",
        "assistant_name": "Name der Assistenzperson",
        "hours": "Stunden",
        "line": "Position 1",
        "travel_date": "Datum der Reise",
        "from": "Von",
        "to": "Nach",
        "purpose": "Zweck (Massnahme)",
        "transport": "Verkehrsmittel",
        "km": "Kilometer",
        "hours_away": "Stunden abwesend",
        "fitting": "Versorgung",
        "seller": "Lieferant des Geräts",
        "delivery_date": "Datum der erbrachten Leistungen",
        "code_line": "Tarifziffer",
    },
}


@dataclass(frozen=True)
class Setup:
    institution_id: str
    beneficiary: str  # "Last First"
    avs: str
    decision: str


def prepare_company(edge: Callable[[], httpx.Client], token: str, institution_id: str) -> Setup:
    """A company bank account and an adult beneficiary with a saved decision, made through
    organisation's and beneficiary's APIs."""
    client = edge()
    client.headers["Authorization"] = f"Bearer {token}"
    account = client.post(
        "/api/organisation/bank-accounts",
        json={
            "iban": "CH93 0076 2011 6238 5295 7",
            "holder": "Atelier SA",
            "label": "Compte principal",
            "nif": None,
        },
    )
    assert account.status_code == 201, f"bank account: {account.status_code} {account.text}"
    decision = f"3232026{random.randint(0, 9_999_999):07d}"
    last_name = "Doe" + uuid.uuid4().hex[:6].capitalize()
    avs = unique_avs()
    beneficiary = client.post(
        "/api/beneficiary/beneficiaries",
        json={
            "last_name": last_name,
            "first_name": "Jane",
            "birth_date": "1980-05-17",
            "address": {"street": "Rue des Vergers 3", "postcode": "1950", "locality": "Sion"},
            "avs": avs,
            "decisions": [{"number": decision, "description": "Décision"}],
            "bank": None,
        },
    )
    assert beneficiary.status_code == 201, f"beneficiary: {beneficiary.text}"
    return Setup(institution_id, f"{last_name} Jane", avs, decision)


@dataclass(frozen=True)
class Case:
    """One form: how to fill it, the total the server quotes, and a correction."""

    form: str
    fill: Callable[[Page, dict[str, str]], None]
    total: str  # a regex of the total as shown
    kept: Callable[[Page, dict[str, str]], Locator]  # a field that must survive "Annuler"
    kept_value: str
    fix: Callable[[Page, dict[str, str]], None]
    fixed_total: str
    attachment: str | None


def fill_assistance(page: Page, t: dict[str, str]) -> None:
    page.get_by_label(t["month"], exact=True).fill("2026-10")
    assistant = page.get_by_role("group", name=t["assistant"])
    assistant.get_by_label(t["assistant_name"]).fill("Marie Bonvin")
    assistant.get_by_label(t["hours"], exact=True).fill("10")


def fill_travel(page: Page, t: dict[str, str]) -> None:
    line = page.get_by_role("group", name=t["line"])
    line.get_by_label(t["travel_date"]).fill("2026-10-06")
    line.get_by_label(t["from"], exact=True).fill("Sion")
    line.get_by_label(t["to"], exact=True).fill("Lausanne")
    line.get_by_label(t["purpose"]).fill("Orientation professionnelle")
    line.get_by_label(t["transport"]).select_option("car")
    line.get_by_label(t["km"], exact=True).fill("100")
    line.get_by_label(t["hours_away"]).fill("6")


def fill_hearing(page: Page, t: dict[str, str]) -> None:
    page.get_by_label(t["fitting"], exact=True).select_option("first")
    page.get_by_label(t["seller"]).fill("Audition Sion SA")
    page.get_by_label(t["delivery_date"]).fill("2026-10-20")
    line = page.get_by_role("group", name=t["line"])
    line.get_by_label(t["code_line"]).select_option("909.02")


CASES = [
    # 10 h × 35.30 (2026 = 2025 rates); corrected to 12 h.
    Case(
        "318.536",
        fill_assistance,
        r"CHF 353\.00",
        lambda page, t: page.get_by_label(t["assistant_name"]),
        "Marie Bonvin",
        lambda page, t: page.get_by_label(t["hours"], exact=True).fill("12"),
        r"CHF 423\.60",
        "payslip",
    ),
    # Car 100 km × 0.45 + meals 11.50 (6 h away); corrected to 120 km.
    Case(
        "318.632.1",
        fill_travel,
        r"CHF 56\.50",
        lambda page, t: page.get_by_label(t["km"], exact=True),
        "100",
        lambda page, t: page.get_by_label(t["km"], exact=True).fill("120"),
        r"CHF 65\.50",
        None,
    ),
    # 909.02 both ears, adult: a fixed 1,650.00; corrected to the AVS flat rate 909.03 (one ear).
    Case(
        "300.001",
        fill_hearing,
        r"CHF 1.650\.00",
        lambda page, t: page.get_by_label(t["seller"]),
        "Audition Sion SA",
        lambda page, t: page.get_by_label(t["code_line"]).select_option("909.03"),
        r"CHF 630\.00",
        "supplier_invoice",
    ),
]


def fill_header(page: Page, t: dict[str, str], setup: Setup) -> None:
    page.get_by_label(t["search"]).fill(setup.beneficiary.split()[0])
    page.get_by_role("button", name=re.compile(re.escape(setup.beneficiary))).click()
    page.get_by_label(re.compile("Compte principal")).check()
    page.get_by_label(t["saved_decisions"]).select_option(setup.decision)
    page.get_by_label(t["invoice_number"]).fill(f"A-{random.randint(1, 99_999)}")


def attach(page: Page, t: dict[str, str], kind: str) -> None:
    page.get_by_label(t["attachment_kind"]).select_option(kind)
    with page.expect_response(
        lambda r: "/api/documents/files" in r.url and r.request.method == "POST"
    ) as upload:
        page.get_by_label(t["attachment_file"]).set_input_files(
            files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    assert upload.value.status == 201, f"upload: {upload.value.status} {upload.value.text()}"
    expect(page.locator(".attachment", has_text=f"{kind}.pdf")).to_be_visible()


def send_new_invoice(page: Page, t: dict[str, str], setup: Setup, case: Case) -> dict[str, Any]:
    """Fills the form, checks the live total, cancels once, sends; answers the invoice."""
    page.get_by_role("button", name=t["new_invoice"]).click()
    page.get_by_role("menuitem", name=re.compile(re.escape(case.form) + "$")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    fill_header(page, t, setup)
    case.fill(page, t)
    if case.attachment is not None:
        attach(page, t, case.attachment)
    expect(page.get_by_role("status", name="Total")).to_have_text(re.compile(case.total))

    page.get_by_role("button", name=t["submit"]).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=re.compile(re.escape(t["cancel"]))).click()
    expect(dialog).to_be_hidden()
    expect(case.kept(page, t)).to_have_value(case.kept_value)
    expect(page.get_by_role("status", name="Total")).to_have_text(re.compile(case.total))

    page.get_by_role("button", name=t["submit"]).click()
    with page.expect_response(
        lambda r: r.url.endswith("/api/invoicing/invoices") and r.request.method == "POST"
    ) as sent:
        page.get_by_role("alertdialog").get_by_role("button", name=t["send"]).click()
    assert sent.value.status == 201, f"send: {sent.value.status} {sent.value.text()}"
    invoice: dict[str, Any] = sent.value.json()
    expect(page.get_by_role("heading", name=t["sent"])).to_be_visible()
    expect(page.get_by_text(invoice["reference"])).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name=t["pdf"]).click()
    path = download.value.path()
    assert path.read_bytes().startswith(b"%PDF"), "the download is not a PDF"
    return invoice


def office_decides(
    edge: Callable[[], httpx.Client], token: str, invoice_id: str, action: str, **body: Any
) -> None:
    client = edge()
    client.headers["Authorization"] = f"Bearer {token}"
    current = client.get(f"{OFFICE_INVOICES}/{invoice_id}")
    assert current.status_code == 200, current.text
    answer = client.post(
        f"{OFFICE_INVOICES}/{invoice_id}/{action}",
        json={"revision": current.json()["revision"], **body},
    )
    assert answer.status_code == 200, f"{action}: {answer.status_code} {answer.text}"


def row_of(page: Page, section: str, invoice_id: str) -> Locator:
    region = page.get_by_role("region", name=section)
    return region.locator("tr").filter(has=page.locator(f"a[href='/factures/{invoice_id}']"))


@pytest.mark.parametrize(("lang", "locale"), [("fr", "fr-CH"), ("de", "de-CH")])
def test_invoices_are_sent_corrected_and_accepted(
    lang: str,
    locale: str,
    new_page: NewPage,
    counter_url: str,
    gateway_url: str,
    edge: Callable[[], httpx.Client],
    user_token: Callable[..., str],
    office_token: Callable[..., str],
    cleanup_inbox: list[str],
) -> None:
    t = TEXT[lang]
    manager = unique_manager(lang)
    cleanup_inbox.extend([manager.email, manager.mobile_e164])
    page = new_page(locale)
    traffic = Traffic(page)
    reviewer = office_token("invoices:review")

    with step("registration, approval, a bank account and a beneficiary from Python", traffic):
        institution_id = register_institution(
            edge, manager, f"Atelier {manager.last_name} SA", lang
        )
        approve(institution_id, gateway_url)
        wait_until_identity_activated(edge, manager)
        setup_token = user_token(subject=f"setup-{uuid.uuid4()}", company_id=institution_id)
        setup = prepare_company(edge, setup_token, institution_id)

    with step("the manager signs in", traffic):
        page.goto(f"{counter_url}/connexion")
        sign_in_with_code(page, manager, lang)

    for case in CASES:
        with step(f"{case.form}: fill, live total, cancel, send, PDF copy", traffic):
            invoice = send_new_invoice(page, t, setup, case)

        with step(f"{case.form}: the office asks for a correction; the counter lists it", traffic):
            message = f"Merci de corriger la facture {invoice['reference']}."
            office_decides(edge, reviewer, invoice["id"], "request-correction", message=message)
            page.get_by_role("link", name=t["home"]).click()
            expect(page.get_by_role("heading", level=1)).to_have_text(t["counter"])
            expect(row_of(page, t["to_correct"], invoice["id"])).to_have_count(1)

        with step(f"{case.form}: open it, read the message, fix, Modifier ma demande", traffic):
            row_of(page, t["to_correct"], invoice["id"]).get_by_role("link").click()
            expect(page.get_by_role("heading", name=t["office_message"])).to_be_visible()
            expect(page.get_by_text(message).first).to_be_visible()
            case.fix(page, t)
            put_path = f"/api/invoicing/invoices/{invoice['id']}"
            with page.expect_response(
                lambda r, path=put_path: path in r.url and r.request.method == "PUT"
            ) as corrected:
                page.get_by_role("button", name=t["resubmit"]).click()
            assert corrected.value.status == 200, corrected.value.text()
            assert corrected.value.json()["version"] == 2
            expect(page.get_by_text(t["corrected"])).to_be_visible()
            expect(page.get_by_role("status", name="Total")).to_have_text(
                re.compile(case.fixed_total)
            )

        with step(f"{case.form}: the office accepts; the history shows it", traffic):
            office_decides(edge, reviewer, invoice["id"], "accept")
            page.get_by_role("link", name=t["home"]).click()
            expect(page.get_by_role("heading", level=1)).to_have_text(t["counter"])
            row = row_of(page, t["history"], invoice["id"])
            expect(row).to_contain_text(t["accepted"])
            expect(row_of(page, t["to_correct"], invoice["id"])).to_have_count(0)

    assert len(traffic.rate_limited()) <= 2, traffic.rate_limited()
