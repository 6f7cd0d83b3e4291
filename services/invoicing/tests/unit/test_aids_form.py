"""Aids (318.635–318.639): quantity × unit price, yearly caps as warnings, supplier invoice."""

from decimal import Decimal

import pytest

from .factories import attachment, checked, problems

INVOICE = (attachment("supplier_invoice"),)


def line(**overrides: object) -> dict[str, object]:
    return {
        "article": "Perruque",
        "supplier": "Haarstudio Sion",
        "delivery_date": "2025-06-10",
        "quantity": "2",
        "unit_price": "420.50",
        **overrides,
    }


@pytest.mark.parametrize("form", ["318.635", "318.636", "318.637", "318.638", "318.639"])
def test_every_aid_form_pays_quantity_times_unit_price(form: str) -> None:
    invoice = checked(
        form, {"lines": [line(), line(quantity=1.5, unit_price="10.05")]}, attachments=INVOICE
    )

    assert invoice.total == Decimal("856.08")  # 841.00 + 15.075 rounded half up
    assert invoice.content["lines"] == [
        {
            "article": "Perruque",
            "list_number": None,
            "supplier": "Haarstudio Sion",
            "delivery_date": "2025-06-10",
            "quantity": "2",
            "unit_price": "420.50",
            "cap": None,
        },
        {
            "article": "Perruque",
            "list_number": None,
            "supplier": "Haarstudio Sion",
            "delivery_date": "2025-06-10",
            "quantity": "1.5",
            "unit_price": "10.05",
            "cap": None,
        },
    ]


def test_a_wig_over_1500_in_one_year_warns_the_office() -> None:
    invoice = checked(
        "318.639",
        {
            "lines": [
                line(cap="wig", quantity=1, unit_price="900"),
                line(cap="wig", quantity=1, unit_price="700"),
            ]
        },
        attachments=INVOICE,
    )

    assert [warning.code for warning in invoice.warnings] == ["cap_exceeded"]
    assert "1600.00" in invoice.warnings[0].messages["fr"]
    assert "1500.00" in invoice.warnings[0].messages["de"]


def test_caps_count_per_calendar_year() -> None:
    invoice = checked(
        "318.639",
        {
            "lines": [
                line(cap="wig", quantity=1, unit_price="900", delivery_date="2024-12-20"),
                line(cap="wig", quantity=1, unit_price="900", delivery_date="2025-01-05"),
            ]
        },
        attachments=INVOICE,
    )

    assert invoice.warnings == ()


@pytest.mark.parametrize(
    ("cap", "price", "warned"),
    [
        ("breast_prosthesis", "500.00", False),
        ("breast_prosthesis", "500.05", True),
        ("breast_prosthesis_both", "900.00", False),
        ("breast_prosthesis_both", "901.00", True),
        ("shoes_second_pair", "200.00", False),
        ("shoes_second_pair", "200.01", True),
    ],
)
def test_other_caps(cap: str, price: str, warned: bool) -> None:
    invoice = checked(
        "318.639", {"lines": [line(cap=cap, quantity=1, unit_price=price)]}, attachments=INVOICE
    )

    assert bool(invoice.warnings) is warned


def test_the_supplier_invoice_is_required() -> None:
    refused = problems("318.635", {"lines": [line()]})

    assert refused == {"attachments": "attachment_missing"}


def test_line_problems_carry_their_path() -> None:
    refused = problems(
        "318.635",
        {"lines": [line(), line(delivery_date="", quantity="0", unit_price="1.234", amount="5")]},
        attachments=INVOICE,
    )

    assert refused == {
        "content.lines[1].delivery_date": "required",
        "content.lines[1].quantity": "too_small",
        "content.lines[1].unit_price": "too_many_decimals",
        "content.lines[1].amount": "unknown_field",
    }


def test_a_future_delivery_date_is_refused() -> None:
    assert problems(
        "318.635", {"lines": [line(delivery_date="2025-08-16")]}, attachments=INVOICE
    ) == {"content.lines[0].delivery_date": "future_date"}


def test_at_most_100_lines() -> None:
    assert problems("318.635", {"lines": [line()] * 101}, attachments=INVOICE) == {
        "content.lines": "too_many"
    }
