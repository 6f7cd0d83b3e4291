"""Templates: both languages (and Italian), links and codes present, HTML escaped, text not."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from jinja2 import UndefinedError
from markupsafe import escape

from notification.adapters.templates import JinjaRenderer, swiss_date, swiss_time
from notification.domain.links import Links
from notification.domain.messages import Language, Template

from .conftest import NOW, OFFICE, PUBLIC_URL

LANGUAGES: tuple[Language, ...] = ("fr", "de", "it")
EMAIL_TEMPLATES = [t for t in Template if t.channel.value == "email"]
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "notification" / "templates"
LINKS = Links(PUBLIC_URL)
GREETING = {"fr": "Bonjour", "de": "Guten Tag", "it": "Buongiorno"}
CLOSING = {"fr": "Meilleures salutations", "de": "Freundliche Grüsse", "it": "Cordiali saluti"}


INVOICE_ID = UUID("6f1c1b8e-2b8f-4a57-9d2e-0d7d1f3c1a10")
INVOICE = {
    "first_name": "Jean",
    "last_name": "Dupont",
    "reference": "F-2026-000042",
    "form": "318.536",
    "form_title": "Contribution d'assistance",
    "decided_at": NOW,
}


def context_for(template: Template, **overrides: Any) -> dict[str, Any]:
    """Exactly the variables each handler passes."""
    common = {
        "first_name": "Anne",
        "last_name": "Rey",
        "institution_name": "Atelier Rhône SA",
        "gln": "7601001234567",
    }
    values: dict[Template, dict[str, Any]] = {
        Template.LOGIN_CODE: {"code": "123456", "valid_minutes": 5, "otp_origin": None},
        Template.PASSWORD_RESET: {
            "first_name": "Anne",
            "reset_url": LINKS.password_reset("reset-token-abc"),
            "valid_minutes": 60,
            "expires_at": NOW + timedelta(minutes=60),
        },
        Template.INVITATION: {
            "first_name": "Marc",
            "company_name": "Atelier Rhône SA",
            "invitation_url": LINKS.invitation("invitation-token-xyz"),
            "expires_at": NOW + timedelta(days=7),
        },
        Template.PASSWORD_CHANGED: {
            "first_name": "Anne",
            "reason": "change",
            "changed_at": NOW,
            "login_url": LINKS.login(),
        },
        Template.REGISTRATION_SUBMITTED: common,
        Template.REGISTRATION_APPROVED: common | {"login_url": LINKS.login()},
        Template.REGISTRATION_REFUSED: common | {"reason": "Le GLN est inconnu."},
        Template.INVOICE_ACCEPTED: INVOICE,
        Template.INVOICE_CORRECTION_REQUESTED: INVOICE
        | {
            "message": "Veuillez joindre la fiche de salaire de juin.",
            "invoice_url": LINKS.invoice(INVOICE_ID),
        },
        Template.INVOICE_REFUSED: INVOICE
        | {"reason": "La décision a expiré.", "invoice_url": LINKS.invoice(INVOICE_ID)},
    }
    return values[template] | overrides


def test_every_template_exists_in_every_language() -> None:
    for language in LANGUAGES:
        for template in Template:
            kinds = ("sms",) if template is Template.LOGIN_CODE else ("txt", "html")
            for kind in kinds:
                path = TEMPLATES_DIR / language / f"{template.value}.{kind}.j2"
                assert path.is_file(), f"missing {path.relative_to(TEMPLATES_DIR)}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_emails_are_written_in_the_language_and_signed_by_the_office(
    renderer: JinjaRenderer, template: Template, language: Language
) -> None:
    email = renderer.email(template, language, context_for(template))
    office = OFFICE.name(language)
    assert email.subject.startswith(f"{office} – ")
    assert len(email.subject) > len(office) + 5
    for body in (email.text, email.html):
        assert GREETING[language] in body
        assert CLOSING[language] in body
        assert "1951 Sion" in body
        assert "027 324 96 11" in body
    assert f'<html lang="{language}">' in email.html
    assert f"<title>{escape(email.subject)}</title>" in email.html
    # Nothing is left for the reader to decode.
    for body in (email.subject, email.text, email.html):
        assert "{{" not in body
        assert "{%" not in body


def test_german_uses_swiss_spelling(renderer: JinjaRenderer) -> None:
    for template in EMAIL_TEMPLATES:
        email = renderer.email(template, "de", context_for(template))
        assert "ß" not in email.text + email.html + email.subject


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("template", "link"),
    [
        (Template.PASSWORD_RESET, f"{PUBLIC_URL}/mot-de-passe/nouveau?token=reset-token-abc"),
        (Template.INVITATION, f"{PUBLIC_URL}/invitation?token=invitation-token-xyz"),
        (Template.REGISTRATION_APPROVED, f"{PUBLIC_URL}/connexion"),
        (Template.PASSWORD_CHANGED, f"{PUBLIC_URL}/connexion"),
        (Template.INVOICE_CORRECTION_REQUESTED, f"{PUBLIC_URL}/factures/{INVOICE_ID}"),
        (Template.INVOICE_REFUSED, f"{PUBLIC_URL}/factures/{INVOICE_ID}"),
    ],
)
def test_links_are_in_the_text_and_behind_a_button(
    renderer: JinjaRenderer, template: Template, link: str, language: Language
) -> None:
    email = renderer.email(template, language, context_for(template))
    assert f"\n{link}\n" in email.text, "the text part shows the link on a line of its own"
    assert f'href="{link}"' in email.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_reset_email_gives_the_validity_in_swiss_time(
    renderer: JinjaRenderer, language: Language
) -> None:
    # 13:00 UTC in November is 14:00 in Sion; the link expires an hour later.
    email = renderer.email(Template.PASSWORD_RESET, language, context_for(Template.PASSWORD_RESET))
    assert "60 minut" in email.text.lower()
    assert "27.11.2026" in email.text
    assert "15:00" in email.text


def test_summer_time_is_applied() -> None:
    moment = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert (swiss_date(moment), swiss_time(moment)) == ("02.07.2026", "00:30")


@pytest.mark.parametrize(
    ("reason", "subject_fr", "subject_de"),
    [
        ("reset", "Votre mot de passe a été modifié", "Ihr Passwort wurde geändert"),
        ("change", "Votre mot de passe a été modifié", "Ihr Passwort wurde geändert"),
        ("invitation", "Votre mot de passe a été défini", "Ihr Passwort wurde festgelegt"),
    ],
)
def test_password_changed_says_how(
    renderer: JinjaRenderer, reason: str, subject_fr: str, subject_de: str
) -> None:
    context = context_for(Template.PASSWORD_CHANGED, reason=reason)
    french = renderer.email(Template.PASSWORD_CHANGED, "fr", context)
    german = renderer.email(Template.PASSWORD_CHANGED, "de", context)
    assert french.subject.endswith(subject_fr)
    assert german.subject.endswith(subject_de)
    assert "14:00" in french.text
    assert ("« Mon compte »" in french.text) == (reason == "change")
    assert ("sessions ouvertes ont été fermées" in french.text) == (reason != "invitation")
    assert "Mot de passe oublié ?" in french.text


def test_user_input_is_escaped_in_html_and_kept_in_text(renderer: JinjaRenderer) -> None:
    hostile = 'Müller & Fils <script>alert("x")</script>'
    context = context_for(
        Template.REGISTRATION_REFUSED,
        institution_name=hostile,
        first_name="<b>Anne</b>",
        reason='Ligne 1 <img src=x onerror="y">\nLigne 2',
    )
    email = renderer.email(Template.REGISTRATION_REFUSED, "fr", context)
    assert "<script>" not in email.html
    assert "<img" not in email.html
    assert "<b>Anne" not in email.html
    assert "Müller &amp; Fils &lt;script&gt;" in email.html
    assert "&lt;img src=x onerror=&#34;y&#34;&gt;\nLigne 2" in email.html
    # Plain text is not HTML: an ampersand stays an ampersand.
    assert hostile in email.text
    assert "Ligne 1 <img" in email.text


def test_refusal_quotes_the_office_reason_in_both_languages(renderer: JinjaRenderer) -> None:
    reason = "Le GLN 7601001234567 appartient à une autre société."
    context = context_for(Template.REGISTRATION_REFUSED, reason=reason)
    for language in ("fr", "de"):
        email = renderer.email(Template.REGISTRATION_REFUSED, language, context)
        assert reason in email.text
        assert reason in email.html


def test_invitation_names_the_company(renderer: JinjaRenderer) -> None:
    email = renderer.email(Template.INVITATION, "de", context_for(Template.INVITATION))
    assert email.subject == "Kantonale IV-Stelle Wallis – Einladung zum Online-Guichet der IV"
    assert "Atelier Rhône SA hat Ihnen Zugang" in email.text
    assert "04.12.2026 um 14:00 Uhr" in email.text


def test_submitted_tells_the_office_will_examine_it(renderer: JinjaRenderer) -> None:
    context = context_for(Template.REGISTRATION_SUBMITTED)
    french = renderer.email(Template.REGISTRATION_SUBMITTED, "fr", context)
    german = renderer.email(Template.REGISTRATION_SUBMITTED, "de", context)
    assert "examinée et confirmée par l'Office AI" in french.text
    assert "von der IV-Stelle geprüft" in german.text
    assert "GLN 7601001234567" in french.text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Votre code d'accès Guichet : 123456 (valable 5 minutes)"),
        ("de", "Ihr Guichet-Zugangscode: 123456 (5 Minuten gültig)"),
        ("it", "Il suo codice d'accesso Guichet: 123456 (valido 5 minuti)"),
    ],
)
def test_sms_is_short(renderer: JinjaRenderer, language: Language, expected: str) -> None:
    text = renderer.sms(Template.LOGIN_CODE, language, context_for(Template.LOGIN_CODE))
    assert text == expected
    assert len(text) <= 160


def test_sms_binds_the_code_to_the_counter_domain_when_served_over_https(
    renderer: JinjaRenderer,
) -> None:
    context = context_for(Template.LOGIN_CODE, otp_origin="guichet.aivs.ch", valid_minutes=1)
    text = renderer.sms(Template.LOGIN_CODE, "fr", context)
    assert text == (
        "Votre code d'accès Guichet : 123456 (valable 1 minute)\n\n@guichet.aivs.ch #123456"
    )


@pytest.mark.parametrize("template", list(Template))
def test_a_missing_variable_is_an_error_not_a_blank(
    renderer: JinjaRenderer, template: Template
) -> None:
    context = context_for(template)
    secret_key = {
        Template.LOGIN_CODE: "code",
        Template.PASSWORD_RESET: "reset_url",
        Template.INVITATION: "invitation_url",
        Template.PASSWORD_CHANGED: "login_url",
        Template.REGISTRATION_SUBMITTED: "institution_name",
        Template.REGISTRATION_APPROVED: "login_url",
        Template.REGISTRATION_REFUSED: "reason",
        Template.INVOICE_ACCEPTED: "reference",
        Template.INVOICE_CORRECTION_REQUESTED: "invoice_url",
        Template.INVOICE_REFUSED: "reason",
    }[template]
    del context[secret_key]
    render = renderer.sms if template is Template.LOGIN_CODE else renderer.email
    with pytest.raises(UndefinedError):
        render(template, "fr", context)


def test_the_subject_has_no_line_break(renderer: JinjaRenderer) -> None:
    for template in EMAIL_TEMPLATES:
        for language in LANGUAGES:
            subject = renderer.email(template, language, context_for(template)).subject
            assert "\n" not in subject
            assert subject == subject.strip()


def test_office_settings_reach_the_footer() -> None:
    from notification.domain.messages import Office

    office = Office(
        names={"fr": "Office AI du canton de Vaud", "de": "IV-Stelle des Kantons Waadt"},
        address_lines=("Av. du Général-Guisan 8", "1800 Vevey"),
        phone="021 925 24 24",
    )
    renderer = JinjaRenderer(office, Links("https://guichet.example.ch"))
    email = renderer.email(
        Template.REGISTRATION_SUBMITTED, "it", context_for(Template.REGISTRATION_SUBMITTED)
    )
    assert email.subject.startswith("Office AI du canton de Vaud – ")
    assert "1800 Vevey" in email.text
    assert "021 925 24 24" in email.html
    assert "https://guichet.example.ch/connexion" in email.text
