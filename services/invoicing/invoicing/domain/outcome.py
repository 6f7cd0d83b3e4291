"""What reading one form's content yields: its normalised content, printed entries, period,
warnings for the office and the attachments it requires."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from invoicing.domain.money import ZERO, chf
from invoicing.domain.problems import Problem, Wording
from invoicing.domain.reading import Reader
from invoicing.domain.tariffs import TariffBook


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def month(cls, first: date) -> "Period":
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return cls(first, following - timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Warning:
    """A rule only the office can settle (it needs the office's data); shown to the office."""

    code: str
    messages: Mapping[str, str]


@dataclass(frozen=True)
class Entry:
    """One printed line, its texts in every language; ``unit_price`` ``None`` prints blank."""

    label: Wording
    details: Wording
    quantity: str
    unit_price: Decimal | None
    amount: Decimal


@dataclass(frozen=True)
class Outcome:
    content: dict[str, object]
    entries: tuple[Entry, ...]
    fields: tuple[tuple[Wording, Wording], ...] = ()
    period: Period | None = None
    service_dates: tuple[date, ...] = ()
    warnings: tuple[Warning, ...] = ()
    attachments: frozenset[str] = field(default_factory=frozenset)

    @property
    def total(self) -> Decimal:
        return chf(sum((entry.amount for entry in self.entries), ZERO))


@dataclass(frozen=True)
class Situation:
    """What a form needs besides its content: the beneficiary's birth date and the tariffs."""

    birth_date: date | None
    tariffs: TariffBook

    def rate(self, name: str, day: date, reader: Reader, field: str) -> Decimal:
        """The tariff ``name`` on ``day``; a day no tariff covers is a problem of ``field``."""
        value = self.tariffs.rate(name, day)
        if value is None:
            reader.report(
                Problem(
                    field,
                    "no_tariff",
                    {
                        "fr": f"Aucun tarif n'est fixé pour le {day:%d.%m.%Y}.",
                        "de": f"Für den {day:%d.%m.%Y} ist kein Tarif festgelegt.",
                    },
                )
            )
            return ZERO
        return value


def dmy(day: date) -> str:
    """``date(2025, 7, 3)`` → ``"03.07.2025"``, as Swiss forms print dates."""
    return f"{day:%d.%m.%Y}"
