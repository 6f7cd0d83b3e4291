"""The counter's frame in a real browser before signing in: French and German, html lang,
the language switch, protected addresses. The signed-in frame (new-invoice menu, user menu) is
exercised after a real login in test_registration_login.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

NewPage = Callable[[str], Page]

pytestmark = [pytest.mark.browser, pytest.mark.stack]


@dataclass(frozen=True)
class Frame:
    """What the frame shows in one language, before signing in."""

    lang: str
    office: str
    sign_in: str
    new_invoice: str
    register: str


FRENCH = Frame(
    lang="fr",
    office="Office AI du Valais",
    sign_in="Connexion",
    new_invoice="Nouvelle facture",
    register="S'inscrire",
)

GERMAN = Frame(
    lang="de",
    office="IV-Stelle Wallis",
    sign_in="Anmeldung",
    new_invoice="Neue Rechnung",
    register="Registrieren",
)


def expect_frame(page: Page, frame: Frame) -> None:
    expect(page.locator("html")).to_have_attribute("lang", frame.lang)
    expect(page).to_have_title(f"{frame.sign_in} – {frame.office}")
    expect(page.get_by_role("banner")).to_contain_text(frame.office)
    expect(page.get_by_role("heading", level=1)).to_have_text(frame.sign_in)
    expect(page.get_by_role("link", name=frame.register)).to_be_visible()
    # The invoice menu and the user menu belong to signed-in users.
    expect(page.get_by_role("button", name=frame.new_invoice)).to_have_count(0)
    expect(page.get_by_role("contentinfo")).to_contain_text("027 324 96 11")


@pytest.mark.parametrize(
    ("locale", "frame"), [("fr-CH", FRENCH), ("de-CH", GERMAN)], ids=["fr", "de"]
)
def test_frame_follows_the_browser_language(
    new_page: NewPage, counter_url: str, locale: str, frame: Frame
) -> None:
    page = new_page(locale)
    api_requests: list[str] = []
    page.on(
        "request",
        lambda request: api_requests.append(request.url) if "/api/" in request.url else None,
    )
    page.goto(f"{counter_url}/")
    # Not signed in: the counter sends to the sign-in page.
    expect(page).to_have_url(f"{counter_url}/connexion")
    expect_frame(page, frame)
    # A browser that never signed in costs the rate-limited authentication routes nothing.
    assert api_requests == []


def test_language_switch_changes_the_frame_and_is_remembered(
    new_page: NewPage, counter_url: str
) -> None:
    page = new_page("fr-CH")
    page.goto(f"{counter_url}/connexion")
    expect_frame(page, FRENCH)

    page.get_by_role("group", name="Langue").get_by_role("button", name="Deutsch").click()
    expect_frame(page, GERMAN)
    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect_frame(page, GERMAN)

    page.get_by_role("group", name="Sprache").get_by_role("button", name="Français").click()
    expect_frame(page, FRENCH)


def test_protected_addresses_lead_to_sign_in_and_survive_a_reload(
    new_page: NewPage, counter_url: str
) -> None:
    page = new_page("fr-CH")
    page.goto(f"{counter_url}/factures/nouvelle/appareillage-auditif")
    expect(page).to_have_url(
        f"{counter_url}/connexion?retour=%2Ffactures%2Fnouvelle%2Fappareillage-auditif"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")

    # A deep link survives a reload: the server answers every page address with the app.
    page.goto(f"{counter_url}/mot-de-passe/oublie")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")
