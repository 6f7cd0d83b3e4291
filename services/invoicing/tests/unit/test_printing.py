"""Form titles, counter summaries and the printable copy in French, German and Italian."""

from datetime import date

import pytest

from invoicing.domain.forms import FORMS, MONTHLY_FORMS, Period, form_title, printable, summary

from .factories import checked


def test_every_form_has_a_title_in_each_language() -> None:
    assert len(FORMS) == 10
    assert set(FORMS) >= MONTHLY_FORMS
    for form in FORMS:
        titles = {form_title(form, language) for language in ("fr", "de", "it")}
        assert len(titles) == 3
    assert form_title("318.536", "fr") == "Contribution d'assistance"
    assert form_title("318.536", "de") == "Assistenzbeitrag"


@pytest.mark.parametrize(
    ("form", "language", "text"),
    [
        ("318.536", "fr", "Facture 01.05.2024 - 31.05.2024"),
        ("318.632.2", "de", "Rechnung 01.05.2024 - 31.05.2024"),
        ("318.632", "fr", "Facture 05.08.2024"),
        ("300.001", "de", "Rechnung 05.08.2024"),
        ("300.001", "it", "Fattura 05.08.2024"),
    ],
)
def test_summary_shows_the_month_of_monthly_forms(form: str, language: str, text: str) -> None:
    may = Period(date(2024, 5, 1), date(2024, 5, 31))
    period = may if form in MONTHLY_FORMS else None

    assert summary(form, period, date(2024, 8, 5), language) == text


def test_february_of_a_leap_year() -> None:
    invoice = checked("318.632.2", {"month": "2024-02", "helplessness": "light", "nights_home": 29})

    assert invoice.period == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert printable(invoice, "de").period == "01.02.2024 - 29.02.2024"


def test_printable_lines_and_fields_in_the_language_asked() -> None:
    invoice = checked(
        "318.632.1",
        {
            "companion": True,
            "lines": [
                {
                    "date": "2025-07-02",
                    "from": "Sion",
                    "to": "Berne",
                    "purpose": "Expertise",
                    "transport": "car",
                    "km": "160",
                    "hours_away": "9",
                }
            ],
        },
    )

    german = printable(invoice, "de")
    assert german.form_title == "Reise- und Verpflegungskosten"
    assert german.period == ""
    assert german.fields == (("Begleitperson", "ja"),)
    assert [
        (line.label, line.details, line.quantity, line.unit_price, line.amount)
        for line in german.lines
    ] == [
        ("Privatauto", "02.07.2025 Sion → Berne", "160", "0.45", "72.00"),
        ("Verpflegung (über 8 Std.)", "02.07.2025 Sion → Berne", "1", "19.00", "19.00"),
    ]
    assert (
        printable(invoice, "it").lines[0].label == "Voiture privée"
    )  # Italian falls back to French
