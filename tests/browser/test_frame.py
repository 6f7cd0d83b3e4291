"""The counter's frame in a real browser: French and German, the new-invoice menu, html lang."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

NewPage = Callable[[str], Page]

pytestmark = [pytest.mark.browser, pytest.mark.stack]

FORMS = [
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
]


@dataclass(frozen=True)
class Frame:
    """What the frame shows in one language."""

    lang: str
    office: str
    title: str
    sections: tuple[str, str]
    new_invoice: str
    hearing_aids: str
    other_invoice: str
    placeholder_user: str
    user_menu: tuple[str, ...]


FRENCH = Frame(
    lang="fr",
    office="Office AI du Valais",
    title="Guichet",
    sections=("Demandes à corriger", "Historique des factures"),
    new_invoice="Nouvelle facture",
    hearing_aids="Appareillage auditif",
    other_invoice="Autre facture",
    placeholder_user="Session provisoire",
    user_menu=("Guichet", "Mon compte", "Ma société", "Bénéficiaires", "Déconnexion"),
)

GERMAN = Frame(
    lang="de",
    office="IV-Stelle Wallis",
    title="Schalter",
    sections=("Zu korrigierende Anträge", "Rechnungsverlauf"),
    new_invoice="Neue Rechnung",
    hearing_aids="Hörgeräteversorgung",
    other_invoice="Andere Rechnung",
    placeholder_user="Provisorische Sitzung",
    user_menu=("Schalter", "Mein Konto", "Mein Unternehmen", "Leistungsbeziehende", "Abmelden"),
)


def expect_frame(page: Page, frame: Frame) -> None:
    expect(page.locator("html")).to_have_attribute("lang", frame.lang)
    expect(page).to_have_title(f"{frame.title} – {frame.office}")
    expect(page.get_by_role("banner")).to_contain_text(frame.office)
    expect(page.get_by_role("heading", level=1)).to_have_text(frame.title)
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        list(frame.sections)
    )

    page.get_by_role("button", name=frame.new_invoice).click()
    menu = page.get_by_role("menu")
    items = menu.get_by_role("menuitem")
    expect(items).to_have_count(len(FORMS))
    expect(items.locator(".invoice-type__form")).to_have_text(FORMS)
    expect(items.nth(6)).to_contain_text(frame.hearing_aids)
    expect(items.nth(9)).to_contain_text(frame.other_invoice)
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()

    page.get_by_role("button", name=frame.placeholder_user).click()
    expect(page.get_by_role("menu").get_by_role("menuitem")).to_have_text(list(frame.user_menu))
    page.keyboard.press("Escape")


@pytest.mark.parametrize(
    ("locale", "frame"), [("fr-CH", FRENCH), ("de-CH", GERMAN)], ids=["fr", "de"]
)
def test_frame_follows_the_browser_language(
    new_page: NewPage, counter_url: str, locale: str, frame: Frame
) -> None:
    page = new_page(locale)
    page.goto(f"{counter_url}/")
    expect_frame(page, frame)


def test_language_switch_changes_the_frame_and_is_remembered(
    new_page: NewPage, counter_url: str
) -> None:
    page = new_page("fr-CH")
    page.goto(f"{counter_url}/")
    expect_frame(page, FRENCH)

    page.get_by_role("group", name="Langue").get_by_role("button", name="Deutsch").click()
    expect_frame(page, GERMAN)
    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect_frame(page, GERMAN)

    page.get_by_role("group", name="Sprache").get_by_role("button", name="Français").click()
    expect_frame(page, FRENCH)


def test_new_invoice_menu_works_with_the_keyboard(new_page: NewPage, counter_url: str) -> None:
    page = new_page("fr-CH")
    page.goto(f"{counter_url}/")

    page.get_by_role("button", name="Nouvelle facture").focus()
    page.keyboard.press("ArrowDown")
    items = page.get_by_role("menu").get_by_role("menuitem")
    expect(items.first).to_be_focused()
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(items.nth(6)).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{counter_url}/factures/nouvelle/appareillage-auditif")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Appareillage auditif")
    expect(heading).to_be_focused()
    expect(page.get_by_text("Formulaire 300.001")).to_be_visible()

    # A deep link survives a reload: the server answers every page address with the app.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appareillage auditif")
