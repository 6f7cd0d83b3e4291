"""From registration to the counter in a real browser, through the gateway, once in French and
once in German: register an institution (a wrong GLN check digit caught by the page, a landline
given as mobile refused by organisation, both shown under their fields) → the office approves it
with its command-line client →
the approval e-mail arrives in the developer inbox → log in with e-mail and password → the SMS
code from the inbox → the counter, its menus, a reload that keeps the session, logout.

Nothing is faked: the pages call organisation and identity through the gateway, notification
writes the e-mails and SMS. Each step has a name; a failure says which step and what the
services answered, so a missing backend part shows as such.

Rate limits: the gateway allows 30 requests a minute per client address on the credential
routes of `/api/identity/auth/` (and, separately, on the registration and token routes);
refresh and logout have only the global per-address limit.
Chromium always connects from 127.0.0.1 (Envoy listens there and ignores X-Forwarded-For), so
the browser's budget is shared with every other client of the stack on this machine. The
tests keep it small and check it: the French journey sends login, verify, one refresh (the
reload) and logout; the German one login, verify and logout, well under the limit. Python's
own calls (the readiness probe below) come from a random 127.x.y.z address of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import (
    PASSWORD,
    Manager,
    Traffic,
    approve,
    message_ids,
    sms_code,
    step,
    unique_gln,
    unique_manager,
    wait_for_message,
    wait_until_identity_activated,
    wrong_check_digit,
)

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
class Wording:
    """What the counter says in one language (the office's guide for French)."""

    locale: str
    lang: str
    sign_in_title: str
    register_link: str
    registration_title: str
    account_type: str
    company: str
    company_name: str
    street: str
    postcode: str
    locality: str
    phone: str
    manager: str
    first_name: str
    last_name: str
    email: str
    password: str
    password_confirmation: str
    mobile: str
    terms: str
    register_button: str
    summary_one_error: str
    gln_check_digit: str
    sent_title: str
    sign_in_email: str
    sign_in_password: str
    sign_in_button: str
    code_intro: str
    code: str
    resend: str
    resend_in: str
    counter: str
    sections: tuple[str, str]
    new_invoice: str
    hearing_aids: str
    user_menu: tuple[str, ...]
    sign_out: str
    signed_out: str
    locked: str


FRENCH = Wording(
    locale="fr-CH",
    lang="fr",
    sign_in_title="Connexion",
    register_link="S'inscrire",
    registration_title="Inscription",
    account_type="Organisme / entreprise",
    company="Société",
    company_name="Nom de la société",
    street="Rue et numéro",
    postcode="NPA",
    locality="Localité",
    phone="Téléphone",
    manager="Gérant",
    first_name="Prénom",
    last_name="Nom",
    email="Email",
    password="Mot de passe",
    password_confirmation="Confirmation du mot de passe",
    mobile="Téléphone portable",
    terms="J'accepte les conditions d'utilisation de la plateforme.",
    register_button="S'inscrire",
    summary_one_error="Le formulaire contient une erreur",
    gln_check_digit="Ce GLN n'est pas valable : vérifiez les chiffres saisis.",
    sent_title="Demande d'inscription envoyée",
    sign_in_email="Email",
    sign_in_password="Mot de passe",
    sign_in_button="Se connecter",
    code_intro="Pour vous connecter, entrez le code d'accès sécurisé reçu par SMS.",
    code="Code d'accès",
    resend="J'ai besoin d'un nouveau code d'accès",
    resend_in="Disponible dans",
    counter="Guichet",
    sections=("Demandes à corriger", "Historique des factures"),
    new_invoice="Nouvelle facture",
    hearing_aids="Appareillage auditif",
    user_menu=("Guichet", "Mon compte", "Ma société", "Bénéficiaires", "Déconnexion"),
    sign_out="Déconnexion",
    signed_out="Vous êtes déconnecté.",
    locked="Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes",
)

GERMAN = Wording(
    locale="de-CH",
    lang="de",
    sign_in_title="Anmeldung",
    register_link="Registrieren",
    registration_title="Registrierung",
    account_type="Organisation / Unternehmen",
    company="Unternehmen",
    company_name="Name des Unternehmens",
    street="Strasse und Nummer",
    postcode="PLZ",
    locality="Ort",
    phone="Telefon",
    manager="Administrator/in",
    first_name="Vorname",
    last_name="Nachname",
    email="E-Mail",
    password="Passwort",
    password_confirmation="Passwort bestätigen",
    mobile="Mobiltelefon",
    terms="Ich akzeptiere die Nutzungsbedingungen der Plattform.",
    register_button="Registrieren",
    summary_one_error="Das Formular enthält einen Fehler",
    gln_check_digit="Diese GLN ist ungültig: Bitte prüfen Sie die eingegebenen Ziffern.",
    sent_title="Registrierungsantrag gesendet",
    sign_in_email="E-Mail",
    sign_in_password="Passwort",
    sign_in_button="Anmelden",
    code_intro="Um sich anzumelden, geben Sie den per SMS erhaltenen Sicherheitscode ein.",
    code="Zugangscode",
    resend="Ich benötige einen neuen Zugangscode",
    resend_in="Verfügbar in",
    counter="Schalter",
    sections=("Zu korrigierende Anträge", "Rechnungsverlauf"),
    new_invoice="Neue Rechnung",
    hearing_aids="Hörgeräteversorgung",
    user_menu=("Schalter", "Mein Konto", "Mein Unternehmen", "Leistungsbeziehende", "Abmelden"),
    sign_out="Abmelden",
    signed_out="Sie sind abgemeldet.",
    locked="Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut",
)


# --- the journey -------------------------------------------------------------------------------


def register(page: Page, words: Wording, manager: Manager, gln: str) -> str:
    """Fills the registration form and sends it; answers the institution id. On the way: a
    wrong GLN check digit caught by the page, then a landline as mobile refused by the server
    (`manager.mobile`), each shown under its field and in the summary."""
    expect(page.get_by_role("heading", level=1)).to_have_text(words.registration_title)
    page.get_by_label(words.account_type).check()

    company = page.get_by_role("region", name=words.company)
    company.get_by_label(words.company_name, exact=True).fill(f"Atelier {manager.last_name} SA")
    company.get_by_label("GLN", exact=True).fill(wrong_check_digit(gln))
    company.get_by_label(words.street).fill("Rue du Rhône 12")
    company.get_by_label(words.postcode).fill("1950")
    company.get_by_label(words.locality).fill("Sion")
    company.get_by_label(words.phone, exact=True).fill("+41 27 322 00 00")

    person = page.get_by_role("region", name=words.manager)
    person.get_by_label(words.first_name).fill(manager.first_name)
    person.get_by_label(words.last_name, exact=True).fill(manager.last_name)
    person.get_by_label(words.email).fill(manager.email)
    person.get_by_label(words.password, exact=True).fill(PASSWORD)
    person.get_by_label(words.password_confirmation).fill(PASSWORD)
    # A landline: plausible for the page, refused by organisation (codes go by SMS).
    person.get_by_label(words.mobile).fill("+41 27 322 00 01")
    page.get_by_label(words.terms).check()

    # The page catches a wrong check digit itself: summary focused, link to the field.
    page.get_by_role("button", name=words.register_button).click()
    summary_title = page.get_by_role("heading", name=words.summary_one_error)
    expect(summary_title).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()
    page.get_by_role("link", name=words.gln_check_digit).click()
    gln_field = company.get_by_label("GLN", exact=True)
    expect(gln_field).to_be_focused()
    expect(gln_field).to_have_attribute("aria-invalid", "true")
    gln_field.fill(gln)

    with page.expect_response(
        lambda response: (
            response.url.endswith("/api/organisation/registrations")
            and response.request.method == "POST"
        )
    ) as refused:
        page.get_by_role("button", name=words.register_button).click()
    assert refused.value.status == 422, (
        f"a landline as mobile answered {refused.value.status}: {refused.value.text()}"
    )
    problems = {error["field"]: error["message"] for error in refused.value.json()["errors"]}
    assert list(problems) == ["manager.mobile"], problems
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary a")).to_have_attribute(
        "href", "#registration-manager-mobile"
    )
    mobile = person.get_by_label(words.mobile)
    expect(mobile).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#registration-manager-mobile-error")).to_contain_text(
        problems["manager.mobile"]
    )
    mobile.fill(manager.mobile_typed)

    with page.expect_response(
        lambda response: (
            response.url.endswith("/api/organisation/registrations")
            and response.request.method == "POST"
        )
    ) as answer:
        page.get_by_role("button", name=words.register_button).click()
    response = answer.value
    assert response.status == 201, f"registration answered {response.status}: {response.text()}"
    expect(page.get_by_role("heading", level=1)).to_have_text(words.sent_title)
    institution_id: str = response.json()["institution_id"]
    return institution_id


def sign_in(page: Page, words: Wording, manager: Manager) -> None:
    """E-mail and password, up to the code page."""
    expect(page.get_by_role("heading", level=1)).to_have_text(words.sign_in_title)
    page.get_by_label(words.sign_in_email).fill(manager.email)
    page.get_by_label(words.sign_in_password).fill(PASSWORD)
    page.get_by_role("button", name=words.sign_in_button, exact=True).click()
    expect(page.get_by_text(words.locked)).to_have_count(0)
    expect(page.get_by_label(words.code)).to_be_visible()


def expect_code_page(page: Page, words: Wording, manager: Manager) -> None:
    expect(page.get_by_text(words.code_intro)).to_be_visible()
    # The masked mobile number ("+41 79 *** ** 67") ends with the number's last digits.
    expect(page.locator("p", has_text="*")).to_contain_text(manager.mobile_e164[-2:])
    code = page.get_by_label(words.code)
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    expect(code).to_be_focused()
    resend = page.get_by_role("button", name=words.resend)
    expect(resend).to_be_disabled()
    expect(page.get_by_text(re.compile(rf"^{re.escape(words.resend_in)} \d+ s$"))).to_be_visible()


def expect_signed_in_frame(page: Page, words: Wording, manager: Manager) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(words.counter)
    expect(page.locator("html")).to_have_attribute("lang", words.lang)
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        list(words.sections)
    )
    user_button = page.get_by_role("button", name=f"{manager.last_name} {manager.first_name}")
    expect(user_button).to_be_visible()

    new_invoice = page.get_by_role("button", name=words.new_invoice)
    new_invoice.focus()
    page.keyboard.press("ArrowDown")
    items = page.get_by_role("menu").get_by_role("menuitem")
    expect(items).to_have_count(len(FORMS))
    expect(items.locator(".invoice-type__form")).to_have_text(FORMS)
    expect(items.first).to_be_focused()
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    expect(items.nth(6)).to_contain_text(words.hearing_aids)
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_be_hidden()
    expect(new_invoice).to_be_focused()

    user_button.click()
    expect(page.get_by_role("menu").get_by_role("menuitem")).to_have_text(list(words.user_menu))
    page.keyboard.press("Escape")


@pytest.mark.parametrize(
    ("words", "check_reload"), [(FRENCH, True), (GERMAN, False)], ids=["fr", "de"]
)
def test_an_institution_registers_is_approved_and_reaches_the_counter(
    new_page: NewPage,
    counter_url: str,
    gateway_url: str,
    edge: Callable[[], httpx.Client],
    cleanup_inbox: list[str],
    words: Wording,
    check_reload: bool,
) -> None:
    manager = unique_manager(words.lang)
    cleanup_inbox.extend([manager.email, manager.mobile_e164])
    page = new_page(words.locale)
    traffic = Traffic(page)

    with step("sign-in page, then the registration form", traffic):
        page.goto(f"{counter_url}/")
        expect(page).to_have_url(f"{counter_url}/connexion")
        page.get_by_role("link", name=words.register_link).click()
        expect(page).to_have_url(f"{counter_url}/inscription")

    with step("registration (POST /api/organisation/registrations)", traffic):
        institution_id = register(page, words, manager, unique_gln())

    with step("acknowledgement e-mail in the inbox (notification)", traffic):
        acknowledgement = wait_for_message(manager.email, "email", after=set())

    with step("approval with `python -m organisation.office registrations approve`", traffic):
        approve(institution_id, gateway_url)

    with step("approval e-mail with a link to /connexion (notification)", traffic):
        approval = wait_for_message(manager.email, "email", after={acknowledgement["id"]})
        links = [link for link in approval["links"] if urlsplit(link).path == "/connexion"]
        assert links, f"no /connexion link in {approval['subject']!r}: {approval['links']}"

    with step("identity activates the account (login probe from Python's own address)", traffic):
        wait_until_identity_activated(edge, manager)

    with step("the e-mail's link opens the sign-in page; e-mail and password", traffic):
        page.goto(f"{counter_url}{urlsplit(links[0]).path}")
        sms_before = message_ids(manager.mobile_e164, "sms")
        sign_in(page, words, manager)
        expect_code_page(page, words, manager)

    with step("the SMS code from the inbox", traffic):
        code = sms_code(wait_for_message(manager.mobile_e164, "sms", after=sms_before))

    if check_reload:
        with step("'J'ai besoin d'un nouveau code d'accès' opens after 60 s", traffic):
            expect(page.get_by_role("button", name=words.resend)).to_be_enabled(timeout=70_000)
            expect(page.get_by_text(words.resend_in)).to_have_count(0)

    with step("the code leads to the counter (verify, then /me)", traffic):
        page.get_by_label(words.code).fill(code)
        page.get_by_role("button", name=words.sign_in_button, exact=True).click()
        expect(page).to_have_url(f"{counter_url}/")
        expect_signed_in_frame(page, words, manager)

    if check_reload:
        with step("a reload keeps the session (refresh cookie, access token in memory)", traffic):
            page.reload()
            expect(page.get_by_role("heading", level=1)).to_have_text(words.counter)
            expect(
                page.get_by_role("button", name=f"{manager.last_name} {manager.first_name}")
            ).to_be_visible()
            # The access token lives in memory only: nothing in storage resembles a JWT.
            stored = page.evaluate("() => JSON.stringify({...localStorage, ...sessionStorage})")
            assert "eyJ" not in stored, stored

    with step("logout", traffic):
        page.get_by_role("button", name=f"{manager.last_name} {manager.first_name}").click()
        page.get_by_role("menuitem", name=words.sign_out).click()
        expect(page).to_have_url(f"{counter_url}/connexion")
        expect(page.get_by_role("status")).to_have_text(words.signed_out)
        page.goto(f"{counter_url}/")
        expect(page).to_have_url(f"{counter_url}/connexion")

    # The browser's calls to the authentication routes, from 127.0.0.1 (a shared budget).
    expected = ["login", "login/verify", *(["refresh"] if check_reload else []), "logout"]
    assert traffic.rate_limited() == [f"POST /api/identity/auth/{path}" for path in expected]
