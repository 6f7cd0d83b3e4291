"""Travel and meals (318.632.1): car per km, fares, meal and night allowances, receipts."""

from decimal import Decimal

import pytest

from .factories import attachment, checked, problems

FORM = "318.632.1"
RECEIPT = (attachment("receipt"),)


def trip(**overrides: object) -> dict[str, object]:
    return {
        "date": "2025-06-10",
        "from": "Sion",
        "to": "Lausanne",
        "purpose": "Mesure de réadaptation",
        "transport": "car",
        "km": "94",
        "hours_away": "4",
        "nights_away": 0,
        "board_paid": False,
        **overrides,
    }


def test_a_car_trip_is_paid_045_per_km() -> None:
    assert checked(FORM, {"lines": [trip()]}).total == Decimal("42.30")


@pytest.mark.parametrize(
    ("hours", "meal"),
    [("4.75", "0"), ("5", "11.50"), ("8", "11.50"), ("8.25", "19.00"), ("12", "19.00")],
)
def test_meal_allowance_by_the_time_away(hours: str, meal: str) -> None:
    total = checked(FORM, {"lines": [trip(hours_away=hours)]}).total

    assert total == Decimal("42.30") + Decimal(meal)


def test_nights_away_and_board_paid() -> None:
    away = trip(transport="public", km=None, fare="35.60", hours_away="10", nights_away=2)
    paid = {**away, "board_paid": True}

    assert checked(FORM, {"lines": [away]}, attachments=RECEIPT).total == Decimal(
        "129.60"
    )  # 35.60 + 19 + 75
    assert checked(FORM, {"lines": [paid]}, attachments=RECEIPT).total == Decimal("35.60")


def test_public_transport_needs_a_receipt_and_a_fare() -> None:
    assert problems(FORM, {"lines": [trip(transport="public")]}) == {
        "content.lines[0].km": "not_applicable",
        "content.lines[0].fare": "required",
        "attachments": "attachment_missing",
    }


def test_a_month_below_ten_francs_warns_the_office() -> None:
    invoice = checked(FORM, {"lines": [trip(km="20"), trip(date="2025-07-01", km="10")]})

    # June: 20 × 0.45 = 9.00 (warned); July: 4.50 (warned)
    assert [warning.code for warning in invoice.warnings] == ["below_monthly_minimum"] * 2
    assert "06.2025" in invoice.warnings[0].messages["fr"]
    assert checked(FORM, {"lines": [trip(km="20"), trip(km="3")]}).warnings == ()  # 10.35
