"""The packaged tariff table: dated periods, year boundaries, no overlap."""

from datetime import date
from decimal import Decimal

import pytest

from invoicing.adapters.tariffs import load_tariffs, parse_tariffs

TARIFFS = load_tariffs()


@pytest.mark.parametrize(
    ("name", "day", "rate"),
    [
        ("helplessness.severe", date(2024, 12, 31), "65.35"),
        ("helplessness.severe", date(2025, 1, 1), "67.20"),
        ("ssi.4h", date(2023, 1, 1), "32.65"),
        ("ssi.8h", date(2025, 6, 1), "84.00"),
        ("assistance.hour", date(2024, 12, 31), "34.30"),
        ("assistance.hour", date(2025, 1, 1), "35.30"),
        ("assistance.night_4", date(2026, 12, 31), "169.10"),  # 2026 assumed unchanged
        ("hearing.909.03.both_ears", date(2025, 1, 1), "1237.50"),
        ("travel.car_per_km", date(2024, 3, 1), "0.45"),
        ("aids.cap.wig", date(2025, 12, 31), "1500.00"),
    ],
)
def test_rates_by_day(name: str, day: date, rate: str) -> None:
    assert TARIFFS.rate(name, day) == Decimal(rate)


def test_no_rate_outside_the_known_years() -> None:
    assert TARIFFS.rate("assistance.hour", date(2022, 12, 31)) is None
    assert TARIFFS.rate("assistance.hour", date(2027, 1, 1)) is None
    assert TARIFFS.rate("unknown", date(2025, 1, 1)) is None


def test_overlapping_periods_are_refused() -> None:
    period = {"valid_from": "2025-01-01", "valid_to": None, "rates": {}}
    with pytest.raises(ValueError, match="overlap"):
        parse_tariffs({"periods": [period, {**period, "valid_from": "2026-01-01"}]})
