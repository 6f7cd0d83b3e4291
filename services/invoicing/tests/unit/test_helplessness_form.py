"""API/SSI for minors (318.632.2): rates of the month's year, nights, printed lines."""

from datetime import date
from decimal import Decimal

import pytest

from invoicing.domain.forms import Period, printable

from .factories import checked, problems

FORM = "318.632.2"


def content(**overrides: object) -> dict[str, object]:
    return {
        "month": "2025-07",
        "helplessness": "severe",
        "ssi": None,
        "nights_home": 31,
        "nights_away": 0,
        **overrides,
    }


def test_severe_helplessness_in_2025_pays_31_nights_at_67_20() -> None:
    invoice = checked(FORM, content())

    assert invoice.total == Decimal("2083.20")
    assert invoice.period == Period(date(2025, 7, 1), date(2025, 7, 31))


@pytest.mark.parametrize(
    ("month", "degree", "ssi", "nights", "total"),
    [
        ("2024-12", "light", None, 10, "163.50"),
        ("2025-01", "light", None, 10, "168.00"),
        ("2024-12", "moderate", "6h", 2, "196.00"),  # 2 × (40.85 + 57.15)
        ("2025-01", "moderate", "6h", 2, "201.60"),  # 2 × (42.00 + 58.80)
        ("2023-06", "severe", "8h", 30, "4410.00"),  # 30 × (65.35 + 81.65)
        ("2025-02", "severe", "4h", 28, "2822.40"),  # 28 × (67.20 + 33.60)
    ],
)
def test_rates_follow_the_year_of_the_month(
    month: str, degree: str, ssi: str | None, nights: int, total: str
) -> None:
    invoice = checked(FORM, content(month=month, helplessness=degree, ssi=ssi, nights_home=nights))

    assert invoice.total == Decimal(total)


def test_nights_at_home_and_away_cannot_exceed_the_days_of_the_month() -> None:
    assert problems(FORM, content(month="2025-02", nights_home=20, nights_away=9)) == {
        "content.nights_home": "too_many_nights"
    }


def test_a_future_month_is_refused() -> None:
    assert problems(FORM, content(month="2025-09")) == {"content.month": "future_date"}


def test_the_current_month_is_accepted() -> None:
    assert checked(FORM, content(month="2025-08", nights_home=14)).total == Decimal("940.80")


def test_every_missing_field_is_reported_at_once() -> None:
    assert problems(FORM, {}) == {
        "content.month": "required",
        "content.helplessness": "required",
        "content.nights_home": "required",
    }


def test_computed_amounts_sent_by_the_client_are_refused() -> None:
    assert problems(FORM, content(amount="2083.20")) == {"content.amount": "unknown_field"}


def test_helplessness_and_ssi_are_printed_as_two_lines() -> None:
    invoice = checked(FORM, content(ssi="8h", nights_home=30, nights_away=1))

    copy = printable(invoice, "fr")

    assert copy.period == "01.07.2025 - 31.07.2025"
    assert [(line.label, line.quantity, line.unit_price, line.amount) for line in copy.lines] == [
        ("Allocation pour impotent, degré grave", "30", "67.20", "2016.00"),
        ("Supplément pour soins intenses, au moins 8 h par jour", "30", "84.00", "2520.00"),
    ]
    assert invoice.total == Decimal("4536.00")
    assert printable(invoice, "de").lines[1].label == (
        "Intensivpflegezuschlag, mindestens 8 Std. pro Tag"
    )
