"""Other invoice (318.632): free lines of date, description, tariff code, quantity and rate."""

from datetime import date
from decimal import Decimal

from invoicing.domain.money import chf, money_text, number_text
from invoicing.domain.outcome import Entry, Outcome, Situation, dmy
from invoicing.domain.problems import same
from invoicing.domain.reading import Reader

MAX_LINES = 100

LABELS = {
    "lines": {"fr": "Prestations", "de": "Leistungen"},
    "date": {"fr": "Date des prestations dispensées", "de": "Datum der erbrachten Leistungen"},
    "description": {"fr": "Description", "de": "Beschreibung"},
    "tariff_code": {"fr": "Code tarifaire", "de": "Tarifziffer"},
    "quantity": {"fr": "Quantité", "de": "Menge"},
    "rate": {"fr": "Tarif", "de": "Ansatz"},
}


def read(content: Reader, situation: Situation) -> Outcome:
    lines: list[dict[str, object]] = []
    entries: list[Entry] = []
    days: list[date] = []
    for line in content.items("lines", LABELS["lines"], max_items=MAX_LINES):
        day = line.day("date", LABELS["date"])
        description = line.text("description", LABELS["description"], max_length=500)
        code = line.text("tariff_code", LABELS["tariff_code"], max_length=20, optional=True)
        quantity = line.decimal(
            "quantity", LABELS["quantity"], maximum=Decimal(10_000), positive=True
        )
        rate = line.decimal("rate", LABELS["rate"], maximum=Decimal(1_000_000))
        line.close()
        days.append(day)
        lines.append(
            {
                "date": day.isoformat(),
                "description": description,
                "tariff_code": code or None,
                "quantity": number_text(quantity),
                "rate": money_text(rate),
            }
        )
        details = f"{dmy(day)} · {code}" if code else dmy(day)
        entries.append(
            Entry(
                same(description), same(details), number_text(quantity), rate, chf(quantity * rate)
            )
        )
    content.close()
    return Outcome({"lines": lines}, tuple(entries), service_dates=tuple(days))
