"""Travel and meals (318.632.1): trips with their transport, meal and night allowances.

A private car is paid per km, public and other transport at the fare; meals by the time away
(5–8 h, more than 8 h) and nights away, none when the office already pays board. Local trips are
paid only from CHF 10 in a month: a lower month total warns the office.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from invoicing.domain.money import ZERO, chf, money_text, number_text
from invoicing.domain.outcome import Entry, Outcome, Situation, Warning, dmy
from invoicing.domain.problems import Wording, same
from invoicing.domain.reading import Reader, first_of_month

MAX_LINES = 100
TRANSPORTS = ("public", "car", "other")
SHORT_MEAL_HOURS = Decimal(5)
LONG_MEAL_HOURS = Decimal(8)

LABELS = {
    "companion": {"fr": "Accompagnant", "de": "Begleitperson"},
    "lines": {"fr": "Déplacements", "de": "Fahrten"},
    "date": {"fr": "Date du déplacement", "de": "Datum der Fahrt"},
    "from": {"fr": "Départ", "de": "Abfahrtsort"},
    "to": {"fr": "Destination", "de": "Zielort"},
    "purpose": {"fr": "But du déplacement", "de": "Zweck der Fahrt"},
    "transport": {"fr": "Moyen de transport", "de": "Verkehrsmittel"},
    "km": {"fr": "Kilomètres", "de": "Kilometer"},
    "fare": {"fr": "Prix du billet", "de": "Fahrpreis"},
    "hours_away": {"fr": "Heures d'absence", "de": "Abwesenheit in Stunden"},
    "nights_away": {"fr": "Nuits hors domicile", "de": "Auswärtige Übernachtungen"},
    "board_paid": {"fr": "Pension payée par l'AI", "de": "Verpflegung von der IV bezahlt"},
}
TRANSPORT_NAMES: dict[str, Wording] = {
    "public": {"fr": "Transports publics", "de": "Öffentlicher Verkehr"},
    "car": {"fr": "Voiture privée", "de": "Privatauto"},
    "other": {"fr": "Autre moyen de transport", "de": "Anderes Verkehrsmittel"},
}
YES_NO: dict[bool, Wording] = {True: {"fr": "oui", "de": "ja"}, False: {"fr": "non", "de": "nein"}}


def read(content: Reader, situation: Situation) -> Outcome:
    companion = content.boolean("companion", LABELS["companion"], default=False)
    lines: list[dict[str, object]] = []
    entries: list[Entry] = []
    days: list[date] = []
    per_month: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for line in content.items("lines", LABELS["lines"], max_items=MAX_LINES):
        day = line.day("date", LABELS["date"])
        start = line.text("from", LABELS["from"], max_length=200)
        end = line.text("to", LABELS["to"], max_length=200)
        purpose = line.text("purpose", LABELS["purpose"], max_length=200)
        transport = line.choice("transport", LABELS["transport"], TRANSPORTS)
        hours = line.decimal("hours_away", LABELS["hours_away"], maximum=Decimal(24))
        nights = line.integer("nights_away", LABELS["nights_away"], maximum=31, default=0)
        board_paid = line.boolean("board_paid", LABELS["board_paid"], default=False)
        tariff_field = line.path("date")
        trip = same(f"{dmy(day)} {start} → {end}")
        normalised: dict[str, object] = {
            "date": day.isoformat(),
            "from": start,
            "to": end,
            "purpose": purpose,
            "transport": transport,
        }
        if transport == "car":
            line.skip("fare", LABELS["fare"])
            km = line.decimal("km", LABELS["km"], maximum=Decimal(10_000), positive=True)
            per_km = situation.rate("travel.car_per_km", day, line, tariff_field)
            normalised["km"] = number_text(km)
            line_entries = [
                Entry(TRANSPORT_NAMES[transport], trip, number_text(km), per_km, chf(km * per_km))
            ]
        else:
            line.skip("km", LABELS["km"])
            fare = line.decimal("fare", LABELS["fare"], maximum=Decimal(10_000))
            normalised["fare"] = money_text(fare)
            line_entries = [Entry(TRANSPORT_NAMES[transport], trip, "1", None, chf(fare))]
        line.close()
        if not board_paid:
            line_entries += _allowances(hours, nights, day, trip, situation, line, tariff_field)
        normalised |= {
            "hours_away": number_text(hours),
            "nights_away": nights,
            "board_paid": board_paid,
        }
        lines.append(normalised)
        entries += line_entries
        days.append(day)
        per_month[first_of_month(day)] += sum((entry.amount for entry in line_entries), ZERO)
    content.close()
    public_or_other = any(line["transport"] != "car" for line in lines)
    return Outcome(
        {"companion": companion, "lines": lines},
        tuple(entries),
        fields=((LABELS["companion"], YES_NO[companion]),),
        service_dates=tuple(days),
        warnings=tuple(_below_minimum(per_month, situation)),
        attachments=frozenset({"receipt"}) if public_or_other else frozenset(),
    )


def _allowances(
    hours: Decimal,
    nights: int,
    day: date,
    trip: Wording,
    situation: Situation,
    line: Reader,
    tariff_field: str,
) -> list[Entry]:
    """Meal allowance by the time away and the allowance per night away."""
    entries = []
    if hours > LONG_MEAL_HOURS:
        meal = situation.rate("travel.meal_over_8h", day, line, tariff_field)
        entries.append(
            Entry(
                {"fr": "Repas (plus de 8 h)", "de": "Verpflegung (über 8 Std.)"},
                trip,
                "1",
                meal,
                meal,
            )
        )
    elif hours >= SHORT_MEAL_HOURS:
        meal = situation.rate("travel.meal_5_to_8h", day, line, tariff_field)
        entries.append(
            Entry(
                {"fr": "Repas (5 à 8 h)", "de": "Verpflegung (5 bis 8 Std.)"}, trip, "1", meal, meal
            )
        )
    if nights:
        night = situation.rate("travel.night", day, line, tariff_field)
        entries.append(
            Entry(
                {"fr": "Nuitées", "de": "Übernachtungen"},
                trip,
                str(nights),
                night,
                chf(nights * night),
            )
        )
    return entries


def _below_minimum(per_month: dict[date, Decimal], situation: Situation) -> list[Warning]:
    warnings = []
    for month, total in sorted(per_month.items()):
        minimum = situation.tariffs.rate("travel.monthly_minimum", month)
        if minimum is not None and total < minimum:
            warnings.append(
                Warning(
                    "below_monthly_minimum",
                    {
                        "fr": f"Les frais de {month:%m.%Y} ({money_text(total)} CHF) n'atteignent "
                        f"pas le minimum de {money_text(minimum)} CHF par mois.",
                        "de": f"Die Kosten im {month:%m.%Y} ({money_text(total)} CHF) erreichen "
                        f"das Minimum von {money_text(minimum)} CHF pro Monat nicht.",
                    },
                )
            )
    return warnings
