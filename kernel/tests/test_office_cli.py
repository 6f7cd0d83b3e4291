"""The office command lines' shared part: options before and after the command, the
Accept-Language header, readable problems."""

import argparse
import io
from typing import Any, TextIO

import httpx

from kernel import office_cli


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(parents=[office_cli.options(state_variable="X", language=True)])
    after = office_cli.options(state_variable="X", after_command=True, language=True)
    actions = top.add_subparsers(dest="action", required=True)
    actions.add_parser("ping", parents=[after])
    return top


def test_an_option_given_before_the_command_is_not_hidden_after_it() -> None:
    args = parser().parse_args(["--url", "http://gateway", "ping", "--json"])
    assert (args.url, args.json, args.language) == ("http://gateway", True, "fr")


def test_the_answer_is_fetched_with_token_and_language_and_printed() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/api/identity/oauth/token":
            return httpx.Response(200, json={"access_token": "tok"})
        return httpx.Response(200, json={"pong": True})

    def render(action: str, answer: Any, out: TextIO) -> None:
        print(action, answer, file=out)

    main = office_cli.Command(
        parser,
        "things:read",
        "SECRET",
        run=lambda http, args: office_cli.answer(http.get("/internal/ping")),
        render=render,
    )
    out = io.StringIO()
    code = main(
        ["ping", "--language", "de"],
        environ={"SECRET": "s"},
        transport=httpx.MockTransport(handle),
        out=out,
    )
    assert code == 0
    token, ping = seen
    assert b"scope=things%3Aread" in token.content
    assert (ping.headers["authorization"], ping.headers["accept-language"]) == ("Bearer tok", "de")
    assert out.getvalue() == "ping {'pong': True}\n"


def test_a_problem_reads_as_one_line_per_field_with_the_retry_delay() -> None:
    response = httpx.Response(
        429,
        headers={"Retry-After": "7"},
        json={
            "code": "too_many",
            "detail": "slow down",
            "errors": [{"field": "reason", "message": "missing"}],
        },
    )
    assert office_cli.problem(response) == (
        "HTTP 429 too_many: slow down (retry in 7 s)\n  reason: missing"
    )
