"""``python -m invoicing.office``: the office's command line for invoices.

    python -m invoicing.office invoices list [--status submitted] [--form 318.536]
    python -m invoicing.office invoices show ID
    python -m invoicing.office invoices accept ID
    python -m invoicing.office invoices correct ID --message "..."
    python -m invoicing.office invoices refuse ID --reason "..."

It talks to the gateway (``--url``, default http://127.0.0.1:8000) as OAuth2 client
``office-cli`` (client credentials, scope ``invoices:review``). The client secret comes from
INVOICING_OFFICE_CLIENT_SECRET or, on a local stack, from the state directory
(``.run/state/client-office-cli.secret``, written by identity at its start).

A decision is made on the revision the command reads just before (``--revision`` to name the
one you reviewed: a change made meanwhile is then refused instead of overridden).
"""

import argparse
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import httpx

from kernel import office_cli
from kernel.office_cli import answer

SCOPE = "invoices:review"
CREDENTIAL_VARIABLE = "INVOICING_OFFICE_CLIENT_SECRET"
STATE_VARIABLE = "INVOICING_STATE_DIR"
INVOICES = "/internal/invoicing/invoices"
SHOWN_IN = ZoneInfo("Europe/Zurich")
STATUSES = ["submitted", "correction_requested", "accepted", "refused", "all"]
DECISIONS = {"accept": "accept", "correct": "request-correction", "refuse": "refuse"}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m invoicing.office",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[office_cli.options(state_variable=STATE_VARIABLE, language=True)],
    )
    after = office_cli.options(state_variable=STATE_VARIABLE, after_command=True, language=True)
    areas = top.add_subparsers(dest="area", required=True)
    invoices = areas.add_parser("invoices", help="invoices sent by institutions")
    actions = invoices.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="invoices, oldest change first", parents=[after])
    listing.add_argument("--status", choices=STATUSES, default="submitted")
    listing.add_argument("--form", help="an official form number, e.g. 318.536")
    listing.add_argument("--institution", help="an institution id")
    listing.add_argument("--limit", type=int, default=50, help="per page, 1-100 (%(default)s)")
    listing.add_argument("--cursor", help="the page after this cursor (printed under a page)")
    show = actions.add_parser("show", help="one invoice with every version", parents=[after])
    show.add_argument("id", help="the invoice id")
    for name, text, reason in (
        ("accept", "accept an invoice (payment follows)", None),
        ("correct", "send an invoice back for correction", "--message"),
        ("refuse", "refuse an invoice", "--reason"),
    ):
        action = actions.add_parser(name, help=text, parents=[after])
        action.add_argument("id", help="the invoice id")
        action.add_argument("--revision", type=int, help="the revision you reviewed")
        if reason:
            action.add_argument(reason, required=True, help="sent to the institution by e-mail")
    return top


def _run(http: httpx.Client, args: argparse.Namespace) -> Any:
    if args.action == "list":
        params: dict[str, str | int] = {"limit": args.limit}
        for name, value in (
            ("status", None if args.status == "all" else args.status),
            ("form", args.form),
            ("institution_id", args.institution),
            ("cursor", args.cursor),
        ):
            if value:
                params[name] = value
        return answer(http.get(INVOICES, params=params))
    url = f"{INVOICES}/{args.id}"
    if args.action == "show":
        return answer(http.get(url))
    revision = args.revision or answer(http.get(url))["revision"]
    body: dict[str, Any] = {"revision": revision}
    if args.action == "correct":
        body["message"] = args.message
    elif args.action == "refuse":
        body["reason"] = args.reason
    return answer(http.post(f"{url}/{DECISIONS[args.action]}", json=body))


def _when(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(SHOWN_IN).strftime("%d.%m.%Y %H:%M")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], out: TextIO) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)


def _print(action: str, answer: Any, out: TextIO) -> None:
    if action == "list":
        rows = [
            (
                item["id"],
                item["reference"],
                item["form"],
                item["status"],
                _when(item["updated_at"]),
                f"{item['beneficiary']['last_name']} {item['beneficiary']['first_name']}",
                item["summary"],
            )
            for item in answer["items"]
        ]
        _table(
            ("ID", "REFERENCE", "FORM", "STATUS", "CHANGED", "BENEFICIARY", "INVOICE"), rows, out
        )
        if not rows:
            print("(no invoices)", file=out)
        if answer.get("next_cursor"):
            print(f"more: --cursor {answer['next_cursor']}", file=out)
        return
    if action in DECISIONS:
        print(
            f"{answer['status']}: {answer['reference']} (revision {answer['revision']})", file=out
        )
        return
    beneficiary, payee = answer["beneficiary"], answer["payee"]
    lines = [
        ("invoice", f"{answer['reference']} ({answer['id']})"),
        ("form", answer["form"]),
        ("status", f"{answer['status']} (revision {answer['revision']})"),
        ("institution", f"{answer['institution']['name']} ({answer['institution_id']})"),
        ("sent by", f"{answer['submitted_by']['name']}, {_when(answer['submitted_at'])}"),
        ("beneficiary", f"{beneficiary['first_name']} {beneficiary['last_name']}"),
        ("AVS", beneficiary["avs"]),
        ("decision", answer["decision"]["number"]),
        ("invoice", f"{answer['summary']}, no {answer['invoice_number']}"),
        ("pay to", f"{payee['iban']} {payee['holder']}"),
        ("version", str(answer["version"])),
    ]
    for label, value in lines:
        print(f"{label + ':':<13}{value}", file=out)
    for line in answer["lines"]:
        print(f"  {line['label']}  {line['details']}  {line['amount']:>10}", file=out)
    print(f"{'total:':<13}CHF {answer['total']}", file=out)
    for warning in answer["warnings"]:
        print(f"warning:     {warning['message']}", file=out)
    for attachment in answer["attachments"]:
        print(f"attachment:  {attachment['kind']} {attachment['filename']}", file=out)
    for entry in answer["history"]:
        message = f" - {entry['message']}" if entry["message"] else ""
        print(
            f"history:     {_when(entry['at'])} {entry['status']} ({entry['by']}){message}",
            file=out,
        )


main = office_cli.Command(parser, SCOPE, CREDENTIAL_VARIABLE, run=_run, render=_print)

if __name__ == "__main__":
    raise SystemExit(main())
