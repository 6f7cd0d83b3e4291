"""Jinja2 templates (``notification/templates/<language>/<template>.{txt,html,sms}.j2``).

HTML templates are autoescaped; text and SMS templates are not (an ``&`` in a company name stays
an ``&``). Undefined variables are errors, so a template can never silently drop a code or link.
"""

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape

from notification.application.ports import RenderedEmail
from notification.domain.links import Links
from notification.domain.messages import Language, Office
from notification.domain.messages import Template as MessageTemplate

SWISS_TIME = ZoneInfo("Europe/Zurich")
SUBJECT_SEPARATOR = " – "


def _local(moment: datetime) -> datetime:
    return moment.astimezone(SWISS_TIME)


def swiss_date(moment: datetime) -> str:
    """``27.11.2026``, in Swiss time, as the counter shows dates."""
    return _local(moment).strftime("%d.%m.%Y")


def swiss_time(moment: datetime) -> str:
    return _local(moment).strftime("%H:%M")


def make_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("notification", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["swiss_date"] = swiss_date
    environment.filters["swiss_time"] = swiss_time
    return environment


class JinjaRenderer:
    def __init__(
        self, office: Office, links: Links, environment: Environment | None = None
    ) -> None:
        self._office = office
        self._links = links
        self._environment = environment or make_environment()

    def _context(self, language: Language, context: Mapping[str, object]) -> dict[str, object]:
        return {
            "language": language,
            "office_name": self._office.name(language),
            "office_address_lines": self._office.address_lines,
            "office_phone": self._office.phone,
            "counter_url": self._links.login(),
            **context,
        }

    def _template(self, language: Language, template: MessageTemplate, kind: str) -> Template:
        return self._environment.get_template(f"{language}/{template.value}.{kind}.j2")

    def email(
        self, template: MessageTemplate, language: Language, context: Mapping[str, object]
    ) -> RenderedEmail:
        variables = self._context(language, context)
        text_template = self._template(language, template, "txt")
        subject = " ".join(
            "".join(text_template.blocks["subject"](text_template.new_context(variables))).split()
        )
        full_subject = f"{self._office.name(language)}{SUBJECT_SEPARATOR}{subject}"
        variables["subject"] = full_subject
        return RenderedEmail(
            subject=full_subject,
            text=text_template.render(variables).strip() + "\n",
            html=self._template(language, template, "html").render(variables).strip() + "\n",
        )

    def sms(
        self, template: MessageTemplate, language: Language, context: Mapping[str, object]
    ) -> str:
        return (
            self._template(language, template, "sms")
            .render(self._context(language, context))
            .strip()
        )
