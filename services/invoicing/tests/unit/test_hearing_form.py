"""Hearing aids (300.001): fixed amounts per code, minors' actual cost and batteries."""

from datetime import date
from decimal import Decimal

import pytest

from invoicing.domain.forms import printable

from .factories import attachment, checked, problems

FORM = "300.001"
INVOICE = (attachment("supplier_invoice"),)
CHILD = date(2010, 3, 1)


def content(*lines: dict[str, object], delivery_date: str = "2025-06-02") -> dict[str, object]:
    return {
        "fitting": "first",
        "seller": "Audition Sàrl",
        "delivery_date": delivery_date,
        "lines": list(lines),
    }


@pytest.mark.parametrize(
    ("line", "amount"),
    [
        ({"code": "909.01"}, "840.00"),
        ({"code": "909.02"}, "1650.00"),
        ({"code": "909.03"}, "630.00"),
        ({"code": "909.03", "ears": 2}, "1237.50"),
        ({"code": "909.04"}, "200.00"),
        ({"code": "909.05"}, "130.00"),
        ({"code": "909.06"}, "40.00"),
        ({"code": "909.07"}, "80.00"),
    ],
)
def test_adult_amounts_are_fixed_by_code(line: dict[str, object], amount: str) -> None:
    assert checked(FORM, content(line), attachments=INVOICE).total == Decimal(amount)


def test_a_minor_is_paid_the_actual_cost_and_more_for_batteries() -> None:
    invoice = checked(
        FORM,
        content({"code": "909.02", "actual_cost": "3999.90"}, {"code": "909.07"}),
        birth_date=CHILD,
        attachments=INVOICE,
    )

    assert invoice.total == Decimal("4119.90")  # 3999.90 + 120.00
    assert invoice.content["lines"] == [
        {"code": "909.02", "actual_cost": "3999.90"},
        {"code": "909.07"},
    ]


@pytest.mark.parametrize(("code", "cap"), [("909.01", "2830.00"), ("909.02", "4170.00")])
def test_a_minors_actual_cost_over_the_cap_is_refused(code: str, cap: str) -> None:
    at_cap = checked(
        FORM, content({"code": code, "actual_cost": cap}), birth_date=CHILD, attachments=INVOICE
    )
    over = str(Decimal(cap) + Decimal("0.05"))

    assert at_cap.total == Decimal(cap)
    assert problems(
        FORM, content({"code": code, "actual_cost": over}), birth_date=CHILD, attachments=INVOICE
    ) == {"content.lines[0].actual_cost": "over_cap"}


def test_a_minors_device_needs_its_actual_cost() -> None:
    assert problems(FORM, content({"code": "909.01"}), birth_date=CHILD, attachments=INVOICE) == {
        "content.lines[0].actual_cost": "required"
    }


def test_age_is_taken_on_the_delivery_date() -> None:
    eighteenth_birthday = date(2007, 6, 2)
    adult = checked(FORM, content({"code": "909.06"}), birth_date=eighteenth_birthday)
    minor = checked(
        FORM,
        content({"code": "909.06"}, delivery_date="2025-06-01"),
        birth_date=eighteenth_birthday,
    )

    assert (adult.total, minor.total) == (Decimal("40.00"), Decimal("60.00"))


def test_an_adult_cannot_claim_the_actual_cost() -> None:
    assert problems(
        FORM, content({"code": "909.01", "actual_cost": "900"}), attachments=INVOICE
    ) == {"content.lines[0].actual_cost": "not_applicable"}


def test_ears_only_for_the_avs_flat_rate() -> None:
    assert problems(FORM, content({"code": "909.01", "ears": 2}), attachments=INVOICE) == {
        "content.lines[0].ears": "not_applicable"
    }


def test_supplier_invoice_required_unless_only_batteries() -> None:
    assert checked(FORM, content({"code": "909.06"}, {"code": "909.07"})).total == Decimal("120.00")
    assert problems(FORM, content({"code": "909.06"}, {"code": "909.04"})) == {
        "attachments": "attachment_missing"
    }


def test_printed_lines_name_the_code() -> None:
    invoice = checked(FORM, content({"code": "909.03", "ears": 2}), attachments=INVOICE)

    line = printable(invoice, "de").lines[0]
    assert (line.label, line.amount) == ("909.03 AHV-Pauschale, beide Ohren", "1237.50")
    assert printable(invoice, "fr").fields[0] == ("Appareillage", "premier appareillage")
