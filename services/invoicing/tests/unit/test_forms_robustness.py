"""Any JSON content, for every form, is either checked or refused field by field: never a crash."""

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from invoicing.domain.forms import FORMS, Context, InvalidInput, check

from .factories import TARIFFS, make_draft

# Keys the forms read, so that generated objects reach their rules, plus any text.
KEYS = st.sampled_from(
    [
        "lines",
        "month",
        "helplessness",
        "ssi",
        "nights_home",
        "nights_away",
        "fitting",
        "seller",
        "delivery_date",
        "code",
        "ears",
        "actual_cost",
        "assistants",
        "name",
        "relative",
        "hours",
        "qualified_hours",
        "nights",
        "continued_wage_days",
        "continued_wage_amount",
        "companion",
        "date",
        "from",
        "to",
        "purpose",
        "transport",
        "km",
        "fare",
        "hours_away",
        "board_paid",
        "description",
        "tariff_code",
        "quantity",
        "rate",
        "article",
        "list_number",
        "supplier",
        "unit_price",
        "cap",
    ]
) | st.text(max_size=5)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "2025-07",
            "2025-07-01",
            "2024-02-30",
            "severe",
            "8h",
            "909.03",
            "909.01",
            "car",
            "public",
            "wig",
            "first",
            "1e400",
            "NaN",
            "12.345",
            "-1",
            "0.25",
        ]
    )
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    content=st.dictionaries(KEYS, JSON, max_size=8),
    birth_date=st.none() | st.dates(),
    decision_number=st.none() | st.text(max_size=20) | st.just("323.2025.1000896"),
)
def test_check_only_ever_refuses_with_field_problems(
    form: str, content: dict[str, Any], birth_date: date | None, decision_number: str | None
) -> None:
    draft = make_draft(form, content, decision_number=decision_number)
    try:
        invoice = check(draft, Context(date(2025, 8, 15), birth_date), TARIFFS)
    except InvalidInput as refused:
        found = refused.problems
    else:
        assert json.loads(json.dumps(invoice.content)) == invoice.content
        return
    assert found
    assert all(p.field and p.code and p.message["fr"] and p.message["de"] for p in found)
