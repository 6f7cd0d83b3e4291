"""Amounts in CHF: Decimals rounded half up to the centime, written ``"1234.50"``."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def chf(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """``Decimal("12.5")`` → ``"12.50"``."""
    return f"{chf(value):f}"


def number_text(value: Decimal) -> str:
    """A quantity without trailing zeros or exponent: ``Decimal("2.50")`` → ``"2.5"``."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "0") else text
