"""What one sent version freezes (the stored document) and the printable copy its
``InvoiceSubmitted`` event carries, from the checked draft and the directory's answers."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from contracts import invoicing as events
from invoicing.application.ports import FileFacts, Sources
from invoicing.domain.forms import ATTACHMENT_NAMES, Checked, Draft, printable
from invoicing.domain.money import money_text

# Lines and labelled fields are frozen in every language the counter answers in, so that a
# later read shows the amounts of the day of sending whatever the tariffs became.
LANGUAGES = ("fr", "de")


@dataclass(frozen=True)
class Payee:
    kind: str
    bank_account_id: str | None
    iban: str
    holder: str


def payee_of(draft: Draft, sources: Sources) -> Payee:
    """The account paid to: the company's chosen account, or the beneficiary's own."""
    if draft.payee_kind == "company" and sources.bank_account is not None:
        account = sources.bank_account
        return Payee("company", str(draft.bank_account_id), account.iban, account.holder)
    bank = sources.beneficiary.bank if sources.beneficiary else None
    return Payee("beneficiary", None, bank.iban if bank else "", bank.holder if bank else "")


def document(
    draft: Draft,
    checked: Checked,
    sources: Sources,
    *,
    save_decision: bool,
    files: tuple[FileFacts, ...],
) -> dict[str, Any]:
    """The JSON of one version (``invoice_version.content``)."""
    beneficiary = sources.beneficiary
    assert beneficiary is not None  # checked before
    payee = payee_of(draft, sources)
    submitter = sources.submitter
    period = checked.period
    return {
        "form": checked.form,
        "beneficiary_id": str(beneficiary.id),
        "payee": {
            "kind": payee.kind,
            "bank_account_id": payee.bank_account_id,
            "iban": payee.iban,
            "holder": payee.holder,
        },
        "decision": {
            "number": checked.decision_number,
            "description": draft.decision_description,
            "save": save_decision,
        },
        "invoice_date": draft.invoice_date.isoformat() if draft.invoice_date else None,
        "invoice_number": draft.invoice_number or "",
        "remark": draft.remark,
        "attachments": [
            {"file_id": str(ref.file_id), "kind": ref.kind, "filename": file.filename}
            for ref, file in zip(draft.attachments, files, strict=True)
        ],
        "content": checked.content,
        "beneficiary": {
            "id": str(beneficiary.id),
            "first_name": beneficiary.first_name,
            "last_name": beneficiary.last_name,
            "avs": beneficiary.avs,
            "birth_date": beneficiary.birth_date.isoformat(),
            "address": list(beneficiary.address),
        },
        "institution": {"name": sources.institution.name, "gln": sources.institution.gln},
        "submitter": {
            "account_id": str(submitter.account_id),
            "first_name": submitter.first_name,
            "last_name": submitter.last_name,
            "email": submitter.email,
            "language": submitter.language,
        },
        "lines": {language: _lines(checked, language) for language in LANGUAGES},
        "fields": {
            language: [list(pair) for pair in printable(checked, language).fields]
            for language in LANGUAGES
        },
        "total": money_text(checked.total),
        "warnings": [
            {"code": w.code, "messages": {lang: w.messages.get(lang, "") for lang in LANGUAGES}}
            for w in checked.warnings
        ],
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()}
        if period
        else None,
    }


def _lines(checked: Checked, language: str) -> list[dict[str, str]]:
    return [
        {
            "label": line.label,
            "details": line.details,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "amount": line.amount,
        }
        for line in printable(checked, language).lines
    ]


def submitter_of(doc: dict[str, Any]) -> events.Submitter:
    """The person who sent the version: e-mails about it go to them, in their language."""
    return events.Submitter.model_validate(doc["submitter"])


def decision_display(number: str) -> str:
    """``32320251000896`` → ``323.2025.1000896``."""
    return f"{number[:3]}.{number[3:7]}.{number[7:]}"


def avs_display(avs: str) -> str:
    """``7561234567897`` → ``756.1234.5678.97``."""
    return f"{avs[:3]}.{avs[3:7]}.{avs[7:11]}.{avs[11:]}"


def copy(
    doc: dict[str, Any], checked: Checked, *, reference: str, submitted_at: datetime
) -> events.InvoiceCopy:
    """The printed copy of the version, in the language of the person who sent it."""
    language = doc["submitter"]["language"]
    part = printable(checked, language)
    beneficiary = doc["beneficiary"]
    return events.InvoiceCopy(
        language=language,
        form=checked.form,
        form_title=part.form_title,
        reference=reference,
        institution_name=doc["institution"]["name"],
        institution_gln=doc["institution"]["gln"],
        beneficiary_name=f"{beneficiary['first_name']} {beneficiary['last_name']}",
        beneficiary_avs=avs_display(beneficiary["avs"]),
        beneficiary_address=beneficiary["address"],
        decision_number=decision_display(checked.decision_number),
        decision_description=doc["decision"]["description"],
        iban=iban_display(doc["payee"]["iban"]),
        account_holder=doc["payee"]["holder"],
        invoice_date=doc["invoice_date"],
        invoice_number=doc["invoice_number"],
        period=part.period,
        fields=[events.LabelledValue(label=label, value=value) for label, value in part.fields],
        lines=[
            events.Line(
                label=line.label,
                details=line.details,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
            )
            for line in part.lines
        ],
        total=doc["total"],
        remark=doc["remark"],
        attachments=[
            f"{_attachment_name(a['kind'], language)}: {a['filename']}" for a in doc["attachments"]
        ],
        submitted_at=submitted_at,
    )


def _attachment_name(kind: str, language: str) -> str:
    names = ATTACHMENT_NAMES.get(kind, {})
    return names.get(language) or names.get("fr") or kind


def iban_display(iban: str) -> str:
    """In groups of four, as printed on Swiss payment slips: ``CH93 0076 2011 6238 5295 7``."""
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
