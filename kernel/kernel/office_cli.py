"""What the office command lines (``python -m <service>.office``) share.

Each talks to the gateway as an OAuth2 client (client credentials) whose secret comes from an
environment variable or, on a local stack, from the state directory
(``.run/state/client-<id>.secret``, written by identity at its start). A service's ``office``
module keeps only its commands, its routes and its printing.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import httpx

DEFAULT_URL = "http://127.0.0.1:8000"
DEFAULT_CLIENT = "office-cli"
LANGUAGES = ("fr", "de")


class Failure(Exception):
    """Something the user must read; the command exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def options(
    *, state_variable: str, after_command: bool = False, language: bool = False
) -> argparse.ArgumentParser:
    """The common options as a parent parser (``parents=[...]``), for the top parser and again
    after the command (``... list --json``). ``language`` adds ``--language`` (sent as
    Accept-Language)."""

    def default(value: object) -> object:
        # After the command, an option left out must not hide the one given before it.
        return argparse.SUPPRESS if after_command else value

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--url", default=default(DEFAULT_URL), help=f"the gateway ({DEFAULT_URL})")
    parser.add_argument(
        "--client", default=default(DEFAULT_CLIENT), help=f"client id ({DEFAULT_CLIENT})"
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=default(Path(os.environ.get(state_variable, ".run/state"))),
        help="where a local stack keeps client secrets (.run/state)",
    )
    parser.add_argument(
        "--source-address",
        default=default(None),
        help="local address to connect from (the gateway rate-limits per client address)",
    )
    if language:
        parser.add_argument(
            "--language", default=default("fr"), choices=LANGUAGES, help="of the texts (fr)"
        )
    parser.add_argument(
        "--json", action="store_true", default=default(False), help="print the answers as JSON"
    )
    return parser


@dataclass(frozen=True)
class Command:
    """A service's office command line: ``main = Command(...)``, then ``main(argv)`` parses,
    signs in, runs the command and prints its answer (as JSON with ``--json``, else with
    ``render(args.action, answer, out)``), and returns the exit code."""

    parser: Callable[[], argparse.ArgumentParser]
    scope: str
    credential_variable: str
    run: Callable[[httpx.Client, argparse.Namespace], Any]
    render: Callable[[str, Any, TextIO], None]

    def __call__(
        self,
        argv: Sequence[str] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        out: TextIO | None = None,
    ) -> int:
        args = self.parser().parse_args(argv)
        environ = os.environ if environ is None else environ
        if transport is None and args.source_address:
            transport = httpx.HTTPTransport(local_address=args.source_address)
        try:
            secret = _secret(self.credential_variable, args.client, environ, args.state_dir)
            with httpx.Client(base_url=args.url, transport=transport, timeout=30.0) as http:
                token = _token(http, self.scope, args.client, secret)
                http.headers["Authorization"] = f"Bearer {token}"
                if "language" in args:
                    http.headers["Accept-Language"] = args.language
                result = self.run(http, args)
        except Failure as failure:
            print(f"error: {failure}", file=sys.stderr)
            return failure.code
        except httpx.TransportError as error:
            print(f"error: the gateway at {args.url} is unreachable ({error})", file=sys.stderr)
            return 1
        out = sys.stdout if out is None else out
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False), file=out)
        else:
            self.render(args.action, result, out)
        return 0


def answer(response: httpx.Response) -> Any:
    """The JSON body of a 200 answer; any other answer is a :class:`Failure`."""
    if response.status_code != 200:
        raise Failure(problem(response))
    return response.json()


def problem(response: httpx.Response) -> str:
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


def _secret(variable: str, client: str, environ: Mapping[str, str], state_dir: Path) -> str:
    secret = environ.get(variable, "").strip()
    if secret:
        return secret
    path = state_dir / f"client-{client}.secret"
    if path.is_file():
        return path.read_text().strip()
    raise Failure(
        f"no client secret: set {variable}, or run from the root of a local stack "
        f"({path} is missing)",
        code=2,
    )


def _token(http: httpx.Client, scope: str, client: str, secret: str) -> str:
    response = http.post(
        "/api/identity/oauth/token",
        data={"grant_type": "client_credentials", "scope": scope},
        auth=(client, secret),
    )
    if response.status_code != 200:
        raise Failure(f"sign-in as client {client} refused: {problem(response)}")
    return str(response.json()["access_token"])
