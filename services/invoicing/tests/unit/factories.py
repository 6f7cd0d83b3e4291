"""Plain factories of drafts for the invoice forms' unit tests."""

from datetime import date
from typing import Any
from uuid import UUID

from invoicing.adapters.tariffs import load_tariffs
from invoicing.domain.forms import AttachmentRef, Checked, Context, Draft, InvalidInput, check

TODAY = date(2025, 8, 15)
BENEFICIARY = UUID("5b0c6f57-8a63-4a44-a1f4-3c1f0a5e2a11")
ACCOUNT = UUID("0d6a3f5e-2a4e-4a39-9f0e-8b2c6e8f1b22")
FILE = UUID("7a8f2c1e-4b3d-4e5f-8a9b-0c1d2e3f4a55")
TARIFFS = load_tariffs()


def attachment(kind: str) -> AttachmentRef:
    return AttachmentRef(FILE, kind)


def make_draft(form: str, content: Any, **overrides: Any) -> Draft:
    fields: dict[str, Any] = {
        "form": form,
        "beneficiary_id": BENEFICIARY,
        "payee_kind": "company",
        "bank_account_id": ACCOUNT,
        "decision_number": "323.2025.1000896",
        "decision_description": "",
        "invoice_date": date(2025, 8, 5),
        "invoice_number": "A-17",
        "remark": "",
        "attachments": (),
        "content": content,
    }
    fields.update(overrides)
    return Draft(**fields)


def checked(
    form: str, content: Any, *, birth_date: date | None = None, **overrides: Any
) -> Checked:
    return check(make_draft(form, content, **overrides), Context(TODAY, birth_date), TARIFFS)


def problems(form: str, content: Any, **overrides: Any) -> dict[str, str]:
    """``{field: code}`` of the problems of a draft that must be refused."""
    try:
        checked(form, content, **overrides)
    except InvalidInput as refused:
        return {problem.field: problem.code for problem in refused.problems}
    raise AssertionError("the draft was accepted")
