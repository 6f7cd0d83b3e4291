"""Loads the packaged tariff table (``invoicing/tariffs.json``) into the domain's TariffBook."""

import json
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from invoicing.domain.tariffs import TariffBook, TariffPeriod


def load_tariffs() -> TariffBook:
    text = resources.files("invoicing").joinpath("tariffs.json").read_text(encoding="utf-8")
    return parse_tariffs(json.loads(text))


def parse_tariffs(data: dict[str, Any]) -> TariffBook:
    return TariffBook(
        TariffPeriod(
            valid_from=date.fromisoformat(period["valid_from"]),
            valid_to=date.fromisoformat(period["valid_to"]) if period["valid_to"] else None,
            rates={name: Decimal(value) for name, value in period["rates"].items()},
        )
        for period in data["periods"]
    )
