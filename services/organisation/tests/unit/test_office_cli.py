"""The office command line against a fake gateway: sign-in, commands, problems, exit codes."""

import base64
import io
import json
from pathlib import Path

import httpx
import pytest

from organisation.office import main

ID = "0b7f6f5e-8f7e-4c38-9a53-6f1f0f3b0a11"
REGISTRATION = {
    "institution_id": ID,
    "status": "pending",
    "submitted_at": "2026-11-27T09:00:00+00:00",
    "company": {
        "name": "Atelier Rhône SA",
        "gln": "7601001234567",
        "uid": None,
        "street": "Av. de la Gare 15",
        "postcode": "1950",
        "locality": "Sion",
        "phone": "+41273249611",
    },
    "manager": {
        "account_id": "5d0c2d8e-1111-4a5b-8c9d-0e1f2a3b4c5d",
        "first_name": "Anne",
        "last_name": "Rey",
        "email": "anne@example.ch",
        "mobile": "+41791234567",
        "language": "fr",
    },
    "decision": None,
    "version": 1,
}


class Gateway:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = httpx.Response(200, json=REGISTRATION)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/api/identity/oauth/token":
            basic = base64.b64encode(b"office-cli:cli-secret").decode()
            if request.headers.get("authorization") != f"Basic {basic}":
                return httpx.Response(401, json={"error": "invalid_client"})
            return httpx.Response(200, json={"access_token": "tok", "expires_in": 300})
        assert request.headers["authorization"] == "Bearer tok"
        return self.answer


def run(gateway: Gateway, *argv: str, key: str = "cli-secret") -> tuple[int, str]:
    out = io.StringIO()
    code = main(
        list(argv),
        environ={"ORGANISATION_OFFICE_CLIENT_SECRET": key},
        transport=httpx.MockTransport(gateway.handle),
        out=out,
    )
    return code, out.getvalue()


def test_list_signs_in_and_prints_a_table() -> None:
    gateway = Gateway()
    gateway.answer = httpx.Response(200, json={"items": [REGISTRATION], "next_cursor": "abc"})
    code, out = run(gateway, "registrations", "list", "--status", "pending")
    assert code == 0
    token_request, list_request = gateway.requests
    assert b"scope=registrations%3Areview" in token_request.content
    assert list_request.url.params["status"] == "pending"
    assert ID in out
    assert "27.11.2026 10:00" in out  # Europe/Zurich
    assert "Rey Anne" in out
    assert "more: --cursor abc" in out


def test_list_all_sends_no_status_filter() -> None:
    gateway = Gateway()
    gateway.answer = httpx.Response(200, json={"items": [], "next_cursor": None})
    code, out = run(gateway, "registrations", "list", "--status", "all")
    assert code == 0
    assert "status" not in gateway.requests[-1].url.params
    assert "(no registrations)" in out


def test_approve_posts_and_confirms() -> None:
    gateway = Gateway()
    gateway.answer = httpx.Response(200, json={**REGISTRATION, "status": "approved"})
    code, out = run(gateway, "registrations", "approve", ID)
    assert code == 0
    request = gateway.requests[-1]
    assert (request.method, request.url.path) == (
        "POST",
        f"/internal/organisation/registrations/{ID}/approve",
    )
    assert out.strip() == f"approved: {ID} Atelier Rhône SA"


def test_refuse_sends_the_reason_and_json_output_is_the_answer() -> None:
    gateway = Gateway()
    refused = {**REGISTRATION, "status": "refused"}
    gateway.answer = httpx.Response(200, json=refused)
    code, out = run(gateway, "registrations", "refuse", ID, "--reason", "GLN inconnu", "--json")
    assert code == 0
    assert json.loads(gateway.requests[-1].content) == {"reason": "GLN inconnu"}
    assert json.loads(out) == refused


def test_a_conflict_is_reported_with_exit_code_1(capsys: pytest.CaptureFixture[str]) -> None:
    gateway = Gateway()
    gateway.answer = httpx.Response(
        409,
        json={"status": 409, "code": "registration_decided", "detail": "already approved"},
    )
    code, _ = run(gateway, "registrations", "approve", ID)
    assert code == 1
    assert "HTTP 409 registration_decided: already approved" in capsys.readouterr().err


def test_a_wrong_secret_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(Gateway(), "registrations", "list", key="wrong")
    assert code == 1
    assert "sign-in as client office-cli refused: HTTP 401 invalid_client" in (
        capsys.readouterr().err
    )


def test_the_local_secret_file_is_used_without_the_variable(tmp_path: Path) -> None:
    (tmp_path / "client-office-cli.secret").write_text("cli-secret\n")
    gateway = Gateway()
    out = io.StringIO()
    code = main(
        ["--state-dir", str(tmp_path), "registrations", "show", ID],
        environ={},
        transport=httpx.MockTransport(gateway.handle),
        out=out,
    )
    assert code == 0
    assert "GLN:" in out.getvalue()


def test_no_secret_at_all_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--state-dir", str(tmp_path), "registrations", "list"], environ={})
    assert code == 2
    assert "ORGANISATION_OFFICE_CLIENT_SECRET" in capsys.readouterr().err
