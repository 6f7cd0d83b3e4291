"""Assistance contribution (318.536): one calendar month of the assistants' hours and nights.

The month may not lie in the future nor more than 12 months back. Assistants may not be the
spouse, partner or a direct relative. Hours, qualified hours and nights (levels 1–4) are paid
at the rates of the month's year; continued wages are paid as stated on the payslip.
"""

from datetime import date
from decimal import Decimal

from invoicing.domain.money import ZERO, chf, money_text, number_text
from invoicing.domain.outcome import Entry, Outcome, Period, Situation, dmy
from invoicing.domain.problems import Problem, Wording, same
from invoicing.domain.reading import Reader, first_of_month

MAX_ASSISTANTS = 20
MONTHS_BACK = 12
NIGHT_LEVELS = 4
MAX_HOURS = Decimal(744)  # 31 days × 24 h

LABELS = {
    "month": {"fr": "Mois", "de": "Monat"},
    "assistants": {"fr": "Assistants", "de": "Assistenzpersonen"},
    "name": {"fr": "Nom de l'assistant", "de": "Name der Assistenzperson"},
    "relative": {"fr": "Lien de parenté", "de": "Verwandtschaft"},
    "hours": {"fr": "Heures", "de": "Stunden"},
    "qualified_hours": {"fr": "Heures qualifiées", "de": "Qualifizierte Stunden"},
    "nights": {"fr": "Nuits", "de": "Nächte"},
    "continued_wage_days": {"fr": "Jours de salaire maintenu", "de": "Lohnfortzahlungstage"},
    "continued_wage_amount": {"fr": "Salaire maintenu", "de": "Lohnfortzahlung"},
    "total_hours": {"fr": "Total des heures", "de": "Total Stunden"},
}
HOUR_LINE: Wording = {"fr": "Heures d'assistance", "de": "Assistenzstunden"}
QUALIFIED_LINE: Wording = {
    "fr": "Heures d'assistance qualifiées",
    "de": "Qualifizierte Assistenzstunden",
}


def read(content: Reader, situation: Situation) -> Outcome:
    first = content.month("month", LABELS["month"])
    period = Period.month(first)
    _not_too_old(content, first)
    rate_field = content.path("month")

    def rate(name: str) -> Decimal:
        return situation.rate(f"assistance.{name}", first, content, rate_field)

    assistants: list[dict[str, object]] = []
    entries: list[Entry] = []
    total_hours = ZERO
    for assistant in content.items("assistants", LABELS["assistants"], max_items=MAX_ASSISTANTS):
        name = assistant.text("name", LABELS["name"], max_length=100)
        relative = assistant.boolean("relative", LABELS["relative"], default=False)
        hours = assistant.decimal("hours", LABELS["hours"], maximum=MAX_HOURS)
        qualified = assistant.decimal(
            "qualified_hours", LABELS["qualified_hours"], maximum=MAX_HOURS, default=ZERO
        )
        nights = assistant.integers(
            "nights", LABELS["nights"], count=NIGHT_LEVELS, maximum=period.days
        )
        wage_days = assistant.integer(
            "continued_wage_days", LABELS["continued_wage_days"], maximum=period.days, default=0
        )
        wage = assistant.decimal(
            "continued_wage_amount",
            LABELS["continued_wage_amount"],
            maximum=Decimal(100_000),
            default=ZERO,
        )
        assistant.close()
        if relative:
            assistant.report(
                Problem(
                    assistant.path("relative"),
                    "relative_assistant",
                    {
                        "fr": "L'assistant ne peut pas être le conjoint, le partenaire "
                        "ou un parent en ligne directe.",
                        "de": "Die Assistenzperson darf weder Ehegatte, eingetragene "
                        "Partnerin oder Partner noch in gerader Linie verwandt sein.",
                    },
                )
            )
        if sum(nights) > period.days:
            assistant.report(
                Problem(
                    assistant.path("nights"),
                    "too_many_nights",
                    {
                        "fr": f"Ce mois ne compte que {period.days} nuits.",
                        "de": f"Dieser Monat zählt nur {period.days} Nächte.",
                    },
                )
            )
        total_hours += hours + qualified
        assistants.append(
            {
                "name": name,
                "relative": relative,
                "hours": number_text(hours),
                "qualified_hours": number_text(qualified),
                "nights": list(nights),
                "continued_wage_days": wage_days,
                "continued_wage_amount": money_text(wage),
            }
        )
        who = same(name)
        for label, quantity, name_of_rate in (
            (HOUR_LINE, hours, "hour"),
            (QUALIFIED_LINE, qualified, "qualified_hour"),
        ):
            if quantity:
                price = rate(name_of_rate)
                entries.append(
                    Entry(label, who, number_text(quantity), price, chf(quantity * price))
                )
        for level, count in enumerate(nights, start=1):
            if count:
                price = rate(f"night_{level}")
                entries.append(
                    Entry(
                        {"fr": f"Nuits, niveau {level}", "de": f"Nächte, Stufe {level}"},
                        who,
                        str(count),
                        price,
                        chf(count * price),
                    )
                )
        if wage or wage_days:
            entries.append(
                Entry(
                    {"fr": "Salaire maintenu", "de": "Lohnfortzahlung"},
                    who,
                    str(wage_days),
                    None,
                    chf(wage),
                )
            )
    content.close()
    return Outcome(
        {"month": f"{first.year:04d}-{first.month:02d}", "assistants": assistants},
        tuple(entries),
        fields=(
            (LABELS["month"], same(f"{dmy(period.start)} - {dmy(period.end)}")),
            (LABELS["total_hours"], same(number_text(total_hours))),
        ),
        period=period,
        service_dates=(period.start,),
        attachments=frozenset({"payslip"}),
    )


def _not_too_old(content: Reader, first: date) -> None:
    this_month = first_of_month(content.today)
    months = this_month.year * 12 + this_month.month - 1 - MONTHS_BACK
    earliest = date(months // 12, months % 12 + 1, 1)
    if first < earliest:
        content.report(
            Problem(
                content.path("month"),
                "month_too_old",
                {
                    "fr": f"Le mois facturé remonte au plus à {MONTHS_BACK} mois "
                    f"({earliest.month:02d}.{earliest.year}).",
                    "de": f"Der abgerechnete Monat liegt höchstens {MONTHS_BACK} Monate zurück "
                    f"({earliest.month:02d}.{earliest.year}).",
                },
            )
        )
