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
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import httpx

DEFAULT_URL = "http://127.0.0.1:8000"
SCOPE = "invoices:review"
CREDENTIAL_VARIABLE = "INVOICING_OFFICE_CLIENT_SECRET"
INVOICES = "/internal/invoicing/invoices"
SHOWN_IN = ZoneInfo("Europe/Zurich")
STATUSES = ["submitted", "correction_requested", "accepted", "refused", "all"]
DECISIONS = {"accept": "accept", "correct": "request-correction", "refuse": "refuse"}


class Failure(Exception):
    """Something the user must read; the command exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m invoicing.office",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _options(top)
    areas = top.add_subparsers(dest="area", required=True)
    invoices = areas.add_parser("invoices", help="invoices sent by institutions")
    actions = invoices.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="invoices, oldest change first")
    _options(listing, after_command=True)
    listing.add_argument("--status", choices=STATUSES, default="submitted")
    listing.add_argument("--form", help="an official form number, e.g. 318.536")
    listing.add_argument("--institution", help="an institution id")
    listing.add_argument("--limit", type=int, default=50, help="per page, 1-100 (%(default)s)")
    listing.add_argument("--cursor", help="the page after this cursor (printed under a page)")
    show = actions.add_parser("show", help="one invoice with every version")
    _options(show, after_command=True)
    show.add_argument("id", help="the invoice id")
    for name, text, reason in (
        ("accept", "accept an invoice (payment follows)", None),
        ("correct", "send an invoice back for correction", "--message"),
        ("refuse", "refuse an invoice", "--reason"),
    ):
        action = actions.add_parser(name, help=text)
        _options(action, after_command=True)
        action.add_argument("id", help="the invoice id")
        action.add_argument("--revision", type=int, help="the revision you reviewed")
        if reason:
            action.add_argument(reason, required=True, help="sent to the institution by e-mail")
    return top


def _options(parser: argparse.ArgumentParser, *, after_command: bool = False) -> None:
    """The common options, accepted before and after the command (``... list --json``)."""

    def default(value: object) -> object:
        # After the command, an option left out must not hide the one given before it.
        return argparse.SUPPRESS if after_command else value

    parser.add_argument("--url", default=default(DEFAULT_URL), help=f"the gateway ({DEFAULT_URL})")
    parser.add_argument("--client", default=default("office-cli"), help="client id (office-cli)")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=default(Path(os.environ.get("INVOICING_STATE_DIR", ".run/state"))),
        help="where a local stack keeps client secrets (.run/state)",
    )
    parser.add_argument(
        "--language", default=default("fr"), choices=["fr", "de"], help="of the texts (fr)"
    )
    parser.add_argument(
        "--json", action="store_true", default=default(False), help="print the answers as JSON"
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    out: TextIO = sys.stdout,
) -> int:
    args = parser().parse_args(argv)
    environ = os.environ if environ is None else environ
    try:
        secret = _secret(args.client, environ, args.state_dir)
        with httpx.Client(base_url=args.url, transport=transport, timeout=30.0) as http:
            http.headers["Authorization"] = f"Bearer {_token(http, args.client, secret)}"
            http.headers["Accept-Language"] = args.language
            answer = _run(http, args)
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return failure.code
    except httpx.TransportError as error:
        print(f"error: the gateway at {args.url} is unreachable ({error})", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer, indent=2, ensure_ascii=False), file=out)
    else:
        _print(args.action, answer, out)
    return 0


def _secret(client: str, environ: Mapping[str, str], state_dir: Path) -> str:
    secret = environ.get(CREDENTIAL_VARIABLE, "").strip()
    if secret:
        return secret
    path = state_dir / f"client-{client}.secret"
    if path.is_file():
        return path.read_text().strip()
    raise Failure(
        f"no client secret: set {CREDENTIAL_VARIABLE}, or run from the root of a local stack "
        f"({path} is missing)",
        code=2,
    )


def _token(http: httpx.Client, client: str, secret: str) -> str:
    response = http.post(
        "/api/identity/oauth/token",
        data={"grant_type": "client_credentials", "scope": SCOPE},
        auth=(client, secret),
    )
    if response.status_code != 200:
        raise Failure(f"sign-in as client {client} refused: {_problem(response)}")
    return str(response.json()["access_token"])


def _answer(response: httpx.Response) -> Any:
    if response.status_code != 200:
        raise Failure(_problem(response))
    return response.json()


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
        return _answer(http.get(INVOICES, params=params))
    url = f"{INVOICES}/{args.id}"
    if args.action == "show":
        return _answer(http.get(url))
    revision = args.revision or _answer(http.get(url))["revision"]
    body: dict[str, Any] = {"revision": revision}
    if args.action == "correct":
        body["message"] = args.message
    elif args.action == "refuse":
        body["reason"] = args.reason
    return _answer(http.post(f"{url}/{DECISIONS[args.action]}", json=body))


def _problem(response: httpx.Response) -> str:
    """One readable line (plus one per field) from a problem+json answer."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code} {response.text[:200]}".strip()
    if not isinstance(body, dict):
        return f"HTTP {response.status_code}"
    line = f"HTTP {response.status_code} {body.get('code') or body.get('error') or ''}".strip()
    detail = body.get("detail") or body.get("error_description") or body.get("title")
    if detail:
        line += f": {detail}"
    if response.status_code == 429 and response.headers.get("retry-after"):
        line += f" (retry in {response.headers['retry-after']} s)"
    for error in body.get("errors") or []:
        line += f"\n  {error.get('field')}: {error.get('message')}"
    return line


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


if __name__ == "__main__":
    raise SystemExit(main())
