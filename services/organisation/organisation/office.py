"""``python -m organisation.office``: the office's command line for registrations.

    python -m organisation.office registrations list [--status pending]
    python -m organisation.office registrations show ID
    python -m organisation.office registrations approve ID
    python -m organisation.office registrations refuse ID --reason "..."

It talks to the gateway (``--url``, default http://127.0.0.1:8000) as OAuth2 client
``office-cli`` (client credentials, scope ``registrations:review``). The client secret comes
from ORGANISATION_OFFICE_CLIENT_SECRET or, on a local stack, from the state directory
(``.run/state/client-office-cli.secret``, written by identity at its start).
"""

import argparse
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import httpx

from kernel import office_cli

SCOPE = "registrations:review"
CREDENTIAL_VARIABLE = "ORGANISATION_OFFICE_CLIENT_SECRET"
STATE_VARIABLE = "ORGANISATION_STATE_DIR"
REGISTRATIONS = "/internal/organisation/registrations"
SHOWN_IN = ZoneInfo("Europe/Zurich")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m organisation.office",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[office_cli.options(state_variable=STATE_VARIABLE)],
    )
    after = office_cli.options(state_variable=STATE_VARIABLE, after_command=True)
    areas = top.add_subparsers(dest="area", required=True)
    registrations = areas.add_parser("registrations", help="institutions waiting for a decision")
    actions = registrations.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="registrations, oldest first", parents=[after])
    listing.add_argument("--status", choices=["pending", "approved", "refused", "all"])
    listing.add_argument("--limit", type=int, default=50, help="per page, 1-100 (%(default)s)")
    listing.add_argument("--cursor", help="the page after this cursor (printed under a page)")
    for name, text in (("show", "one registration"), ("approve", "approve a registration")):
        action = actions.add_parser(name, help=text, parents=[after])
        action.add_argument("id", help="the institution id")
    refusal = actions.add_parser(
        "refuse", help="refuse a registration with a reason", parents=[after]
    )
    refusal.add_argument("id", help="the institution id")
    refusal.add_argument("--reason", required=True, help="sent to the manager by e-mail")
    return top


def _run(http: httpx.Client, args: argparse.Namespace) -> Any:
    if args.action == "list":
        params: dict[str, str | int] = {"limit": args.limit}
        if args.status and args.status != "all":
            params["status"] = args.status
        if args.cursor:
            params["cursor"] = args.cursor
        response = http.get(REGISTRATIONS, params=params)
    elif args.action == "show":
        response = http.get(f"{REGISTRATIONS}/{args.id}")
    elif args.action == "approve":
        response = http.post(f"{REGISTRATIONS}/{args.id}/approve")
    else:
        response = http.post(f"{REGISTRATIONS}/{args.id}/refuse", json={"reason": args.reason})
    return office_cli.answer(response)


def _when(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(SHOWN_IN).strftime("%d.%m.%Y %H:%M")


def _print(action: str, answer: Any, out: TextIO) -> None:
    if action == "list":
        rows = [
            (
                item["institution_id"],
                item["status"],
                _when(item["submitted_at"]),
                item["company"]["gln"],
                item["company"]["name"],
                f"{item['company']['postcode']} {item['company']['locality']}",
                f"{item['manager']['last_name']} {item['manager']['first_name']}",
            )
            for item in answer["items"]
        ]
        header = ("ID", "STATUS", "SUBMITTED", "GLN", "NAME", "LOCALITY", "MANAGER")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            cells = (str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
            print("  ".join(cells).rstrip(), file=out)
        if not rows:
            print("(no registrations)", file=out)
        if answer.get("next_cursor"):
            print(f"more: --cursor {answer['next_cursor']}", file=out)
        return
    company, manager = answer["company"], answer["manager"]
    if action in ("approve", "refuse"):
        print(f"{answer['status']}: {answer['institution_id']} {company['name']}", file=out)
        return
    decision = answer.get("decision") or {}
    lines = [
        ("institution", answer["institution_id"]),
        ("status", answer["status"]),
        ("submitted", _when(answer["submitted_at"])),
        ("name", company["name"]),
        ("GLN", company["gln"]),
        ("UID", company["uid"] or "-"),
        ("address", f"{company['street']}, {company['postcode']} {company['locality']}"),
        ("phone", company["phone"]),
        ("manager", f"{manager['first_name']} {manager['last_name']} <{manager['email']}>"),
        ("mobile", manager["mobile"]),
        ("language", manager["language"]),
    ]
    if decision:
        lines += [
            ("decided by", decision["decided_by"]),
            ("decided", _when(decision["decided_at"])),
        ]
        if decision.get("reason"):
            lines.append(("reason", decision["reason"]))
    for label, value in lines:
        print(f"{label + ':':<13}{value}", file=out)


main = office_cli.Command(parser, SCOPE, CREDENTIAL_VARIABLE, run=_run, render=_print)

if __name__ == "__main__":
    raise SystemExit(main())
