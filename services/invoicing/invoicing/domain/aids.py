"""Aids (318.635–318.639): lines of article, supplier, delivery date, quantity and unit price.

amount = quantity × unit price. Some aids have a yearly cap (wig, breast prosthesis, second
pair of shoes); the office alone knows what was already paid in that year, so an invoice whose
own lines exceed a cap only warns the office.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from invoicing.domain.money import ZERO, chf, money_text, number_text
from invoicing.domain.outcome import Entry, Outcome, Situation, Warning, dmy
from invoicing.domain.problems import Wording, same
from invoicing.domain.reading import Reader

MAX_LINES = 100
CAPS = ("wig", "breast_prosthesis", "breast_prosthesis_both", "shoes_second_pair")

LABELS = {
    "lines": {"fr": "Moyens auxiliaires", "de": "Hilfsmittel"},
    "article": {"fr": "Article", "de": "Artikel"},
    "list_number": {"fr": "N° de la liste", "de": "Listennummer"},
    "supplier": {"fr": "Fournisseur", "de": "Lieferant"},
    "delivery_date": {"fr": "Date de livraison", "de": "Lieferdatum"},
    "quantity": {"fr": "Quantité", "de": "Menge"},
    "unit_price": {"fr": "Prix unitaire", "de": "Stückpreis"},
    "cap": {"fr": "Plafond", "de": "Höchstbetrag"},
}
CAP_NAMES: dict[str, Wording] = {
    "wig": {"fr": "perruque", "de": "Perücke"},
    "breast_prosthesis": {"fr": "prothèse mammaire", "de": "Brustprothese"},
    "breast_prosthesis_both": {
        "fr": "prothèses mammaires des deux côtés",
        "de": "Brustprothesen beidseitig",
    },
    "shoes_second_pair": {"fr": "deuxième paire de chaussures", "de": "zweites Paar Schuhe"},
}


def read(content: Reader, situation: Situation) -> Outcome:
    lines: list[dict[str, object]] = []
    entries: list[Entry] = []
    days: list[date] = []
    capped: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    for line in content.items("lines", LABELS["lines"], max_items=MAX_LINES):
        article = line.text("article", LABELS["article"], max_length=200)
        list_number = line.text("list_number", LABELS["list_number"], max_length=20, optional=True)
        supplier = line.text("supplier", LABELS["supplier"], max_length=200)
        day = line.day("delivery_date", LABELS["delivery_date"])
        quantity = line.decimal(
            "quantity", LABELS["quantity"], maximum=Decimal(10_000), positive=True
        )
        unit_price = line.decimal("unit_price", LABELS["unit_price"], maximum=Decimal(1_000_000))
        cap = line.optional_choice("cap", LABELS["cap"], CAPS)
        line.close()
        amount = chf(quantity * unit_price)
        if cap is not None:
            capped[cap, day.year] += amount
        days.append(day)
        lines.append(
            {
                "article": article,
                "list_number": list_number or None,
                "supplier": supplier,
                "delivery_date": day.isoformat(),
                "quantity": number_text(quantity),
                "unit_price": money_text(unit_price),
                "cap": cap,
            }
        )
        details = " · ".join(part for part in (list_number, supplier, dmy(day)) if part)
        entries.append(
            Entry(same(article), same(details), number_text(quantity), unit_price, amount)
        )
    content.close()
    return Outcome(
        {"lines": lines},
        tuple(entries),
        service_dates=tuple(days),
        warnings=tuple(_caps_exceeded(capped, situation)),
        attachments=frozenset({"supplier_invoice"}),
    )


def _caps_exceeded(capped: dict[tuple[str, int], Decimal], situation: Situation) -> list[Warning]:
    warnings = []
    for (cap, year), spent in sorted(capped.items()):
        limit = situation.tariffs.rate(f"aids.cap.{cap}", date(year, 12, 31))
        if limit is not None and spent > limit:
            name = CAP_NAMES[cap]
            warnings.append(
                Warning(
                    "cap_exceeded",
                    {
                        "fr": f"{money_text(spent)} CHF facturés pour {name['fr']} en {year} "
                        f"dépassent le plafond annuel de {money_text(limit)} CHF.",
                        "de": f"{money_text(spent)} CHF für {name['de']} im Jahr {year} "
                        f"übersteigen den jährlichen Höchstbetrag von {money_text(limit)} CHF.",
                    },
                )
            )
    return warnings
