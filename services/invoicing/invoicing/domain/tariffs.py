"""Tariffs as dated data: each period lists the rates valid from one day to another.

The rows come from a data file (``invoicing/tariffs.json``), never from constants in code, so
that a new year's rates are a data change.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class TariffPeriod:
    """The rates valid from ``valid_from`` to ``valid_to`` (both included; ``None``: open)."""

    valid_from: date
    valid_to: date | None
    rates: Mapping[str, Decimal]

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class TariffBook:
    """Looks a rate up by name and day; periods must not overlap."""

    def __init__(self, periods: Iterable[TariffPeriod]) -> None:
        self._periods = tuple(sorted(periods, key=lambda period: period.valid_from))
        for earlier, later in zip(self._periods, self._periods[1:], strict=False):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(f"tariff periods overlap at {later.valid_from.isoformat()}")

    def rate(self, name: str, day: date) -> Decimal | None:
        """The rate ``name`` valid on ``day``, or ``None`` when no period fixes it."""
        for period in self._periods:
            if period.covers(day):
                return period.rates.get(name)
        return None
