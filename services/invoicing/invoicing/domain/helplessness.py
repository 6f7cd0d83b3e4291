"""Helplessness allowance (API) and intensive-care supplement (SSI) for minors (318.632.2).

One calendar month per invoice; only the nights the child spent at home are paid, each at the
daily rate of the degree of helplessness plus the daily rate of the SSI level of that year.
"""

from invoicing.domain.money import chf
from invoicing.domain.outcome import Entry, Outcome, Period, Situation, dmy
from invoicing.domain.problems import Problem, Wording, same
from invoicing.domain.reading import Reader

DEGREES = ("light", "moderate", "severe")
SSI_LEVELS = ("4h", "6h", "8h")

LABELS = {
    "month": {"fr": "Mois", "de": "Monat"},
    "helplessness": {"fr": "Degré d'impotence", "de": "Grad der Hilflosigkeit"},
    "ssi": {"fr": "Supplément pour soins intenses", "de": "Intensivpflegezuschlag"},
    "nights_home": {"fr": "Nuits à domicile", "de": "Nächte zu Hause"},
    "nights_away": {"fr": "Nuits hors domicile", "de": "Nächte auswärts"},
}
DEGREE_NAMES: dict[str, Wording] = {
    "light": {"fr": "faible", "de": "leicht"},
    "moderate": {"fr": "moyen", "de": "mittel"},
    "severe": {"fr": "grave", "de": "schwer"},
}
SSI_NAMES: dict[str, Wording] = {
    "4h": {"fr": "au moins 4 h par jour", "de": "mindestens 4 Std. pro Tag"},
    "6h": {"fr": "au moins 6 h par jour", "de": "mindestens 6 Std. pro Tag"},
    "8h": {"fr": "au moins 8 h par jour", "de": "mindestens 8 Std. pro Tag"},
}
NONE: Wording = {"fr": "aucun", "de": "keiner"}


def read(content: Reader, situation: Situation) -> Outcome:
    first = content.month("month", LABELS["month"])
    period = Period.month(first)
    degree = content.choice("helplessness", LABELS["helplessness"], DEGREES)
    ssi = content.optional_choice("ssi", LABELS["ssi"], SSI_LEVELS)
    home = content.integer("nights_home", LABELS["nights_home"], maximum=31)
    away = content.integer("nights_away", LABELS["nights_away"], maximum=31, default=0)
    content.close()
    if home + away > period.days:
        content.report(
            Problem(
                content.path("nights_home"),
                "too_many_nights",
                {
                    "fr": f"Ce mois ne compte que {period.days} nuits (à domicile et ailleurs).",
                    "de": f"Dieser Monat zählt nur {period.days} Nächte (zu Hause und auswärts).",
                },
            )
        )
    month_field = content.path("month")
    days = same(f"{dmy(period.start)} - {dmy(period.end)}")
    daily = situation.rate(f"helplessness.{degree}", first, content, month_field)
    entries = [
        Entry(
            {
                "fr": f"Allocation pour impotent, degré {DEGREE_NAMES[degree]['fr']}",
                "de": f"Hilflosenentschädigung, Grad {DEGREE_NAMES[degree]['de']}",
            },
            days,
            str(home),
            daily,
            chf(home * daily),
        )
    ]
    if ssi is not None:
        supplement = situation.rate(f"ssi.{ssi}", first, content, month_field)
        entries.append(
            Entry(
                {
                    "fr": f"Supplément pour soins intenses, {SSI_NAMES[ssi]['fr']}",
                    "de": f"Intensivpflegezuschlag, {SSI_NAMES[ssi]['de']}",
                },
                days,
                str(home),
                supplement,
                chf(home * supplement),
            )
        )
    return Outcome(
        {
            "month": f"{first.year:04d}-{first.month:02d}",
            "helplessness": degree,
            "ssi": ssi,
            "nights_home": home,
            "nights_away": away,
        },
        tuple(entries),
        fields=(
            (LABELS["month"], same(f"{first:%m.%Y}")),
            (LABELS["helplessness"], DEGREE_NAMES[degree]),
            (LABELS["ssi"], SSI_NAMES[ssi] if ssi else NONE),
            (LABELS["nights_home"], same(str(home))),
            (LABELS["nights_away"], same(str(away))),
        ),
        period=period,
        service_dates=(period.start,),
    )
