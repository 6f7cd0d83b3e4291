"""Hearing aids (300.001): tariff codes 909.01–909.07 with fixed amounts.

A minor (under 18 on the delivery date) is paid the actual cost of a device up to a cap, and a
higher battery allowance. Without a known birth date (a quote before the beneficiary is chosen)
the adult amounts apply.
"""

from datetime import date
from decimal import Decimal

from invoicing.domain.money import money_text
from invoicing.domain.outcome import Entry, Outcome, Situation, dmy
from invoicing.domain.problems import Problem, Wording, same
from invoicing.domain.reading import Reader

MAX_LINES = 10
MAJORITY_AGE = 18
FITTINGS = ("first", "follow_up")
DEVICES = ("909.01", "909.02")
BATTERIES = ("909.06", "909.07")

LABELS = {
    "fitting": {"fr": "Appareillage", "de": "Versorgung"},
    "seller": {"fr": "Fournisseur", "de": "Abgabestelle"},
    "delivery_date": {"fr": "Date de remise", "de": "Abgabedatum"},
    "lines": {"fr": "Positions tarifaires", "de": "Tarifpositionen"},
    "code": {"fr": "Position tarifaire", "de": "Tarifposition"},
    "ears": {"fr": "Oreilles", "de": "Ohren"},
    "actual_cost": {"fr": "Coût effectif", "de": "Effektive Kosten"},
}
FITTING_NAMES: dict[str, Wording] = {
    "first": {"fr": "premier appareillage", "de": "Erstversorgung"},
    "follow_up": {"fr": "appareillage subséquent", "de": "Folgeversorgung"},
}
CODE_NAMES: dict[str, Wording] = {
    "909.01": {"fr": "Appareillage monaural", "de": "Monaurale Versorgung"},
    "909.02": {"fr": "Appareillage binaural", "de": "Binaurale Versorgung"},
    "909.03": {"fr": "Forfait AVS", "de": "AHV-Pauschale"},
    "909.04": {"fr": "Réparation de l'électronique", "de": "Reparatur der Elektronik"},
    "909.05": {"fr": "Autre réparation", "de": "Andere Reparatur"},
    "909.06": {"fr": "Piles pour un appareil (par an)", "de": "Batterien für ein Gerät (pro Jahr)"},
    "909.07": {
        "fr": "Piles pour deux appareils (par an)",
        "de": "Batterien für zwei Geräte (pro Jahr)",
    },
}
CODES = tuple(CODE_NAMES)
BOTH_EARS: Wording = {"fr": "Forfait AVS, deux oreilles", "de": "AHV-Pauschale, beide Ohren"}


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def read(content: Reader, situation: Situation) -> Outcome:
    fitting = content.choice("fitting", LABELS["fitting"], FITTINGS)
    seller = content.text("seller", LABELS["seller"], max_length=200)
    day = content.day("delivery_date", LABELS["delivery_date"])
    minor = situation.birth_date is not None and age_on(situation.birth_date, day) < MAJORITY_AGE
    tariff_field = content.path("delivery_date")
    lines: list[dict[str, object]] = []
    entries: list[Entry] = []
    for line in content.items("lines", LABELS["lines"], max_items=MAX_LINES):
        code = line.choice("code", LABELS["code"], CODES)
        ears = _ears(line, code)
        normalised: dict[str, object] = {"code": code} | ({"ears": ears} if ears else {})
        if minor and code in DEVICES:
            amount = _actual_cost(line, code, day, situation)
            normalised["actual_cost"] = money_text(amount)
        else:
            line.skip("actual_cost", LABELS["actual_cost"])
            amount = situation.rate(_tariff(code, ears, minor), day, line, tariff_field)
        line.close()
        lines.append(normalised)
        label = CODE_NAMES[code] if ears != 2 else BOTH_EARS
        entries.append(
            Entry(
                {language: f"{code} {label[language]}" for language in ("fr", "de")},
                same(f"{dmy(day)} · {seller}"),
                "1",
                None,
                amount,
            )
        )
    content.close()
    needs_invoice = any(line["code"] not in BATTERIES for line in lines)
    return Outcome(
        {"fitting": fitting, "seller": seller, "delivery_date": day.isoformat(), "lines": lines},
        tuple(entries),
        fields=(
            (LABELS["fitting"], FITTING_NAMES[fitting]),
            (LABELS["seller"], same(seller)),
            (LABELS["delivery_date"], same(dmy(day))),
        ),
        service_dates=(day,),
        attachments=frozenset({"supplier_invoice"}) if needs_invoice else frozenset(),
    )


def _ears(line: Reader, code: str) -> int | None:
    """1 or 2 ears for the AVS flat rate (909.03, one ear when absent); no other code has it."""
    if code != "909.03":
        line.skip("ears", LABELS["ears"])
        return None
    ears = line.integer("ears", LABELS["ears"], maximum=2, default=1)
    if ears == 0:
        line.report(
            Problem(
                line.path("ears"),
                "invalid_choice",
                {"fr": "Indiquez 1 ou 2 oreilles.", "de": "Geben Sie 1 oder 2 Ohren an."},
            )
        )
    return ears


def _tariff(code: str, ears: int | None, minor: bool) -> str:
    if ears == 2:
        return "hearing.909.03.both_ears"
    if minor and code in BATTERIES:
        return f"hearing.minor.{code}"
    return f"hearing.{code}"


def _actual_cost(line: Reader, code: str, day: date, situation: Situation) -> Decimal:
    """A minor's device: the actual cost, refused above the cap of that code."""
    cost = line.decimal(
        "actual_cost", LABELS["actual_cost"], maximum=Decimal(100_000), positive=True
    )
    cap = situation.rate(f"hearing.minor.{code}.cap", day, line, line.path("actual_cost"))
    if cost > cap:
        line.report(
            Problem(
                line.path("actual_cost"),
                "over_cap",
                {
                    "fr": "Le coût effectif d'un mineur est pris en charge jusqu'à "
                    f"{money_text(cap)} CHF.",
                    "de": "Die effektiven Kosten Minderjähriger werden bis "
                    f"{money_text(cap)} CHF übernommen.",
                },
            )
        )
    return cost
