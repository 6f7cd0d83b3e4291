"""Ma société and Bénéficiaires in a real browser, through the gateway, in French.

An institution is registered and approved from Python (its registration page has its own test),
then in Chromium: the manager signs in with the SMS code → the company's name heads the user
menu → Ma société: adds a collaborator → the invitation e-mail arrives → the manager adds a
beneficiary with a decision, bank details and a procuration upload (documents), and a second
one → both filters return the right rows → the collaborator chooses a password from the
e-mailed link, signs in with the SMS code and sees the same beneficiaries, but cannot open Ma
société.

Rate limits: Chromium is 127.0.0.1, whose budget on `/api/identity/auth/` is shared with every
client on this machine. The browser sends: the manager's login and verify; the collaborator's
invitation lookup and acceptance, login and verify, and one refresh (opening an address
directly). Python's calls go through `edge`, from an address of their own.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import (
    PASSWORD,
    Manager,
    Traffic,
    approve,
    register_institution,
    sign_in_with_code,
    step,
    unique_avs,
    unique_manager,
    wait_for_message,
    wait_until_identity_activated,
)

NewPage = Callable[[str], Page]

pytestmark = [pytest.mark.browser, pytest.mark.stack]

# A PDF as documents recognises it (by its first bytes).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DECISION = "32320240001234"  # office 323 (Valais), 2024, case 0001234


def open_from_user_menu(page: Page, person: Manager, entry: str) -> None:
    user_menu(page, person).click()
    page.get_by_role("menuitem", name=entry).click()


def user_menu(page: Page, person: Manager) -> Locator:
    return page.locator(".user-menu__button", has_text=f"{person.last_name} {person.first_name}")


def add_beneficiary(
    page: Page, last_name: str, first_name: str, avs: str, *, full: bool = False
) -> None:
    """Fills the form (four sections when `full`) and saves; the list comes back."""
    page.get_by_role("link", name="Ajouter un bénéficiaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un bénéficiaire")
    personal = page.get_by_role("region", name="Informations personnelles")
    personal.get_by_label("Nom", exact=True).fill(last_name)
    personal.get_by_label("Prénom", exact=True).fill(first_name)
    personal.get_by_label("Date de naissance").fill("1980-05-17")
    personal.get_by_label("Rue et numéro", exact=True).fill("Rue des Vergers 3")
    personal.get_by_label("NPA", exact=True).fill("1950")
    personal.get_by_label("Localité", exact=True).fill("Sion")
    personal.get_by_label("N° d'assuré (AVS)").fill(avs)
    if full:
        decisions = page.get_by_role("region", name="Décisions")
        decisions.get_by_role("button", name="Ajouter une décision").click()
        expect(decisions.get_by_label("N° de décision 1")).to_be_focused()
        decisions.get_by_label("N° de décision 1").fill(DECISION)
        decisions.get_by_label("Description de la décision 1").fill("Moyens auxiliaires")
        bank = page.get_by_role("region", name="Informations bancaires")
        bank.get_by_label("IBAN").fill("CH93 0076 2011 6238 5295 7")
        bank.get_by_label("Titulaire du compte").fill(f"{first_name} {last_name}")
        attorney = page.get_by_role("region", name="Procuration")
        with page.expect_response(
            lambda r: "/api/documents/files" in r.url and r.request.method == "POST"
        ) as upload:
            attorney.get_by_label("Procuration signée").set_input_files(
                files=[{"name": "procuration.pdf", "mimeType": "application/pdf", "buffer": PDF}]
            )
        assert upload.value.status == 201, f"upload: {upload.value.status} {upload.value.text()}"
        expect(attorney.get_by_text("Fichier envoyé : procuration.pdf")).to_be_visible()
    with page.expect_response(
        lambda r: r.url.endswith("/api/beneficiary/beneficiaries") and r.request.method == "POST"
    ) as saved:
        page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert saved.value.status == 201, f"beneficiary: {saved.value.status} {saved.value.text()}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Bénéficiaires")
    expect(
        page.get_by_text(f"Le bénéficiaire {last_name} {first_name} a été enregistré.")
    ).to_be_visible()


def body_rows(page: Page) -> list[str]:
    """The names in the list, once it settles."""
    return page.get_by_role("table").locator("tbody th").all_inner_texts()


def test_a_manager_runs_the_company_and_both_see_the_beneficiaries(
    new_page: NewPage,
    counter_url: str,
    gateway_url: str,
    edge: Callable[[], httpx.Client],
    cleanup_inbox: list[str],
) -> None:
    manager = unique_manager("fr")
    colleague = unique_manager("fr")
    colleague = Manager(
        first_name="Luc",
        last_name=colleague.last_name,
        email=colleague.email,
        mobile_typed=colleague.mobile_typed,
        mobile_e164=colleague.mobile_e164,
    )
    cleanup_inbox.extend(
        [manager.email, manager.mobile_e164, colleague.email, colleague.mobile_e164]
    )
    company = f"Atelier {manager.last_name} SA"
    suffix = uuid.uuid4().hex[:6].capitalize()
    first = ("Doe" + suffix, "Barbara", unique_avs())
    second = ("Favre" + suffix, "Élise", unique_avs())

    page = new_page("fr-CH")
    traffic = Traffic(page)

    with step("registration and approval from Python, account activated", traffic):
        approve(register_institution(edge, manager, company), gateway_url)
        wait_until_identity_activated(edge, manager)

    with step("the manager signs in; the company's name heads the user menu", traffic):
        page.goto(f"{counter_url}/connexion")
        sign_in_with_code(page, manager)
        expect(
            page.get_by_role("button", name=f"{manager.last_name} {manager.first_name} {company}")
        ).to_be_visible()

    with step("Ma société: the manager is listed; a collaborator is added", traffic):
        open_from_user_menu(page, manager, "Ma société")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ma société")
        expect(page.get_by_role("tab", name="Collaborateurs")).to_have_attribute(
            "aria-selected", "true"
        )
        expect(page.get_by_role("row", name=re.compile(manager.last_name))).to_contain_text(
            "Gérant"
        )
        page.get_by_role("button", name="Ajouter un collaborateur").click()
        form = page.get_by_role("region", name="Nouveau collaborateur")
        form.get_by_label("Prénom", exact=True).fill(colleague.first_name)
        form.get_by_label("Nom", exact=True).fill(colleague.last_name)
        form.get_by_role("radio", name="Collaborateur").check()
        form.get_by_label("Email").fill(colleague.email)
        form.get_by_label("Téléphone portable").fill(colleague.mobile_typed)
        form.get_by_role("button", name="Enregistrer").click()
        expect(
            page.get_by_role("status").filter(has_text="une invitation a été envoyée")
        ).to_be_visible()
        expect(page.get_by_role("row", name=re.compile(colleague.last_name))).to_contain_text(
            "Collaborateur"
        )

    with step("the invitation e-mail with its /invitation link", traffic):
        invitation = wait_for_message(colleague.email, "email", after=set())
        links = [link for link in invitation["links"] if urlsplit(link).path == "/invitation"]
        assert links, f"no /invitation link in {invitation['subject']!r}: {invitation['links']}"

    with step("the manager adds a beneficiary: decision, bank details, procuration", traffic):
        open_from_user_menu(page, manager, "Bénéficiaires")
        expect(page.get_by_text("Aucun bénéficiaire.")).to_be_visible()
        add_beneficiary(page, *first, full=True)
        row = page.get_by_role("row", name=re.compile(first[0]))
        expect(row).to_contain_text(first[2])
        expect(row).to_contain_text("1950 Sion")
        expect(row).to_contain_text("Procuration enregistrée")

    with step("a second beneficiary, without procuration", traffic):
        add_beneficiary(page, *second)
        expect(page.get_by_role("table").locator("tbody tr")).to_have_count(2)
        expect(page.get_by_role("row", name=re.compile(second[0]))).to_contain_text(
            "Pas de procuration"
        )

    with step("the pencil opens the saved beneficiary with its decision", traffic):
        page.get_by_role("link", name=f"Modifier {first[0]} {first[1]}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Modifier {first[0]} {first[1]}")
        expect(page.get_by_label("N° de décision 1")).to_have_value(DECISION)
        expect(
            page.get_by_text("Une procuration est enregistrée pour ce bénéficiaire.")
        ).to_be_visible()
        page.get_by_role("link", name="Retour à la liste des bénéficiaires").click()

    with step("filters: by name (accents ignored) and by part of the AVS number", traffic):
        filters = page.get_by_role("search")
        filters.get_by_label("Nom").fill("elise")
        expect(page.get_by_role("table").locator("tbody tr")).to_have_count(1)
        assert body_rows(page) == [f"{second[0]} {second[1]}"]
        filters.get_by_label("Nom").fill("")
        filters.get_by_label("N° assuré").fill(first[2][4:13])
        expect(page.get_by_role("table").locator("tbody th")).to_have_text(
            [f"{first[0]} {first[1]}"]
        )
        filters.get_by_label("N° assuré").fill("756.0000.0000")
        expect(page.get_by_text("Aucun bénéficiaire ne correspond à ces filtres.")).to_be_visible()

    collaborator_page = new_page("fr-CH")
    collaborator_traffic = Traffic(collaborator_page)

    with step("the collaborator chooses a password from the e-mailed link", collaborator_traffic):
        collaborator_page.goto(f"{counter_url}{urlsplit(links[0]).path}?{urlsplit(links[0]).query}")
        expect(collaborator_page.get_by_role("heading", level=1)).to_have_text(
            "Choisir un mot de passe"
        )
        collaborator_page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        collaborator_page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
        collaborator_page.get_by_role("button", name="Enregistrer le mot de passe").click()
        expect(collaborator_page).to_have_url(f"{counter_url}/connexion")

    with step("the collaborator signs in with the SMS code", collaborator_traffic):
        sign_in_with_code(collaborator_page, colleague)

    with step(
        "the collaborator sees the same beneficiaries, without Ma société", collaborator_traffic
    ):
        user_menu(collaborator_page, colleague).click()
        expect(collaborator_page.get_by_role("menu").get_by_role("menuitem")).to_have_text(
            ["Guichet", "Mon compte", "Bénéficiaires", "Déconnexion"]
        )
        collaborator_page.get_by_role("menuitem", name="Bénéficiaires").click()
        expect(collaborator_page.get_by_role("table").locator("tbody th")).to_have_text(
            [f"{first[0]} {first[1]}", f"{second[0]} {second[1]}"]
        )
        collaborator_page.goto(f"{counter_url}/ma-societe")
        expect(collaborator_page.get_by_role("heading", level=1)).to_have_text("Page introuvable")

    auth = "POST /api/identity/auth/"
    assert traffic.rate_limited() == [f"{auth}login", f"{auth}login/verify"]
    assert collaborator_traffic.rate_limited() == [
        f"{auth}invitations/lookup",
        f"{auth}invitations/accept",
        f"{auth}login",
        f"{auth}login/verify",
        f"{auth}refresh",
    ]
