"""Other invoice (318.632): free lines, quantity × rate."""

from decimal import Decimal

import pytest

from invoicing.domain.forms import InvalidInput, printable

from .factories import checked, problems

FORM = "318.632"


def line(**overrides: object) -> dict[str, object]:
    return {
        "date": "2025-07-01",
        "description": "Séance",
        "tariff_code": "7301",
        "quantity": 3,
        "rate": "45.15",
        **overrides,
    }


def test_amount_is_quantity_times_rate_rounded_half_up() -> None:
    invoice = checked(
        FORM, {"lines": [line(), line(quantity="0.5", rate="0.05", tariff_code=None)]}
    )

    assert invoice.total == Decimal("135.48")  # 135.45 + 0.025 → 0.03
    assert invoice.period is None
    assert invoice.content == {
        "lines": [
            {
                "date": "2025-07-01",
                "description": "Séance",
                "tariff_code": "7301",
                "quantity": "3",
                "rate": "45.15",
            },
            {
                "date": "2025-07-01",
                "description": "Séance",
                "tariff_code": None,
                "quantity": "0.5",
                "rate": "0.05",
            },
        ]
    }
    assert printable(invoice, "fr").lines[0].details == "01.07.2025 · 7301"


def test_the_service_date_is_required_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as refused:
        checked(FORM, {"lines": [line(date=None)]})

    (problem,) = refused.value.problems
    assert problem.field == "content.lines[0].date"
    assert problem.message == {
        "fr": "Le champ Date des prestations dispensées est obligatoire.",
        "de": "Das Feld Datum der erbrachten Leistungen ist obligatorisch.",
    }


def test_lines_are_required() -> None:
    assert problems(FORM, {"lines": []}) == {"content.lines": "required"}
    assert problems(FORM, {"lines": "x"}) == {"content.lines": "invalid_list"}
    assert problems(FORM, {"lines": [1]}) == {"content.lines[0]": "invalid_object"}
