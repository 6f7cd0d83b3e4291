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
SCOPE = "registrations:review"
CREDENTIAL_VARIABLE = "ORGANISATION_OFFICE_CLIENT_SECRET"
REGISTRATIONS = "/internal/organisation/registrations"
SHOWN_IN = ZoneInfo("Europe/Zurich")


class Failure(Exception):
    """Something the user must read; the command exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m organisation.office",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _options(top)
    areas = top.add_subparsers(dest="area", required=True)
    registrations = areas.add_parser("registrations", help="institutions waiting for a decision")
    actions = registrations.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="registrations, oldest first")
    _options(listing, after_command=True)
    listing.add_argument("--status", choices=["pending", "approved", "refused", "all"])
    listing.add_argument("--limit", type=int, default=50, help="per page, 1-100 (%(default)s)")
    listing.add_argument("--cursor", help="the page after this cursor (printed under a page)")
    for name, text in (("show", "one registration"), ("approve", "approve a registration")):
        action = actions.add_parser(name, help=text)
        _options(action, after_command=True)
        action.add_argument("id", help="the institution id")
    refusal = actions.add_parser("refuse", help="refuse a registration with a reason")
    _options(refusal, after_command=True)
    refusal.add_argument("id", help="the institution id")
    refusal.add_argument("--reason", required=True, help="sent to the manager by e-mail")
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
        default=default(Path(os.environ.get("ORGANISATION_STATE_DIR", ".run/state"))),
        help="where a local stack keeps client secrets (.run/state)",
    )
    parser.add_argument(
        "--source-address",
        default=default(None),
        help="local address to connect from (the gateway rate-limits per client address)",
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
    if transport is None and args.source_address:
        transport = httpx.HTTPTransport(local_address=args.source_address)
    try:
        secret = _secret(args.client, environ, args.state_dir)
        with httpx.Client(base_url=args.url, transport=transport, timeout=30.0) as http:
            http.headers["Authorization"] = f"Bearer {_token(http, args.client, secret)}"
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
    if response.status_code != 200:
        raise Failure(_problem(response))
    return response.json()


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


if __name__ == "__main__":
    raise SystemExit(main())
