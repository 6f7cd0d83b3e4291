"""Assistance contribution (318.536): the year's rates, month limits, relatives, payslips."""

from decimal import Decimal

import pytest

from invoicing.domain.forms import printable

from .factories import attachment, checked, problems

FORM = "318.536"
PAYSLIP = (attachment("payslip"),)


def assistant(**overrides: object) -> dict[str, object]:
    return {
        "name": "Anna Meier",
        "relative": False,
        "hours": "10",
        "qualified_hours": "2.25",
        "nights": [1, 0, 0, 1],
        "continued_wage_days": 0,
        "continued_wage_amount": "0",
        **overrides,
    }


@pytest.mark.parametrize(
    ("month", "total"),
    [
        # 10 × 34.30 + 2.25 × 51.50 = 343.00 + 115.875→115.88; nights 57.20 + 164.35
        ("2024-12", "680.43"),
        # 10 × 35.30 + 2.25 × 52.95 = 353.00 + 119.1375→119.14; nights 58.85 + 169.10
        ("2025-01", "700.09"),
    ],
)
def test_rates_of_the_months_year(month: str, total: str) -> None:
    assert checked(
        FORM, {"month": month, "assistants": [assistant()]}, attachments=PAYSLIP
    ).total == Decimal(total)


def test_every_night_level_and_continued_wages() -> None:
    invoice = checked(
        FORM,
        {
            "month": "2025-07",
            "assistants": [
                assistant(hours=0, qualified_hours=0, nights=[1, 1, 1, 1]),
                assistant(
                    name="Marc Rey",
                    hours="0.75",
                    qualified_hours=0,
                    nights=None,
                    continued_wage_days=2,
                    continued_wage_amount="250.40",
                ),
            ],
        },
        attachments=PAYSLIP,
    )

    # 58.85 + 80.50 + 122.80 + 169.10 = 431.25; 0.75 × 35.30 = 26.475→26.48; wages 250.40
    assert invoice.total == Decimal("708.13")
    labels = [line.label for line in printable(invoice, "fr").lines]
    assert labels == [
        "Nuits, niveau 1",
        "Nuits, niveau 2",
        "Nuits, niveau 3",
        "Nuits, niveau 4",
        "Heures d'assistance",
        "Salaire maintenu",
    ]


def test_a_relative_cannot_be_an_assistant() -> None:
    refused = problems(
        FORM, {"month": "2025-07", "assistants": [assistant(relative=True)]}, attachments=PAYSLIP
    )

    assert refused == {"content.assistants[0].relative": "relative_assistant"}


@pytest.mark.parametrize(
    ("month", "code"),
    [("2024-07", "month_too_old"), ("2025-09", "future_date"), ("2025-7", "invalid_month")],
)
def test_month_limits(month: str, code: str) -> None:
    assert problems(FORM, {"month": month, "assistants": [assistant()]}, attachments=PAYSLIP) == {
        "content.month": code
    }


def test_twelve_months_back_is_still_accepted() -> None:
    assert (
        checked(FORM, {"month": "2024-08", "assistants": [assistant()]}, attachments=PAYSLIP).period
        is not None
    )


def test_a_payslip_and_an_assistant_are_required() -> None:
    assert problems(FORM, {"month": "2025-07", "assistants": []}) == {
        "content.assistants": "required",
        "attachments": "attachment_missing",
    }


def test_nights_are_four_whole_numbers() -> None:
    refused = problems(
        FORM,
        {
            "month": "2025-02",
            "assistants": [assistant(nights=[1, 2.5, -1, 0]), assistant(nights=[1, 2])],
        },
        attachments=PAYSLIP,
    )

    assert refused == {
        "content.assistants[0].nights[1]": "invalid_integer",
        "content.assistants[0].nights[2]": "too_small",
        "content.assistants[1].nights": "invalid_list",
    }


def test_quarter_hours_are_kept_in_the_content() -> None:
    invoice = checked(
        FORM, {"month": "2025-07", "assistants": [assistant(hours=12.25)]}, attachments=PAYSLIP
    )

    assert invoice.content["assistants"] == [
        {
            "name": "Anna Meier",
            "relative": False,
            "hours": "12.25",
            "qualified_hours": "2.25",
            "nights": [1, 0, 0, 1],
            "continued_wage_days": 0,
            "continued_wage_amount": "0.00",
        }
    ]
