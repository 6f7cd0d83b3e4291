"""The office command line against a fake gateway: sign-in, the queue, decisions on the
current revision, problems and exit codes."""

import base64
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from invoicing.office import main

ID = "0b7f6f5e-8f7e-4c38-9a53-6f1f0f3b0a11"
ROW = {
    "id": ID,
    "reference": "F-2026-000042",
    "form": "318.536",
    "status": "submitted",
    "summary": "Facture 01.05.2026 - 31.05.2026",
    "beneficiary": {"id": ID, "first_name": "Élodie", "last_name": "Müller", "avs": "756"},
    "submitted_by": {"account_id": ID, "name": "Jean D."},
    "submitted_at": "2026-11-27T09:00:00+00:00",
    "updated_at": "2026-11-27T09:00:00+00:00",
    "version": 1,
    "institution_id": ID,
}
INVOICE = {
    **ROW,
    "revision": 3,
    "institution": {"name": "Atelier Rhône SA", "gln": "7601001234567"},
    "decision": {"number": "32320251000896", "description": ""},
    "invoice_number": "A-17",
    "payee": {"kind": "company", "bank_account_id": ID, "iban": "CH93", "holder": "Atelier"},
    "lines": [
        {"label": "Heures", "details": "", "quantity": "3", "unit_price": "", "amount": "105.90"}
    ],
    "total": "105.90",
    "warnings": [{"code": "monthly_cap", "message": "Plafond mensuel dépassé."}],
    "attachments": [{"file_id": ID, "kind": "payslip", "filename": "mai.pdf"}],
    "history": [
        {"at": "2026-11-27T09:00:00+00:00", "status": "submitted", "by": "Jean D.", "message": ""}
    ],
}


class Gateway:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.answers: dict[tuple[str, str], httpx.Response] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/api/identity/oauth/token":
            basic = base64.b64encode(b"office-cli:cli-secret").decode()
            if request.headers.get("authorization") != f"Basic {basic}":
                return httpx.Response(401, json={"error": "invalid_client"})
            return httpx.Response(200, json={"access_token": "tok", "expires_in": 300})
        assert request.headers["authorization"] == "Bearer tok"
        return self.answers.get(
            (request.method, request.url.path), httpx.Response(200, json=INVOICE)
        )


def run(gateway: Gateway, *argv: str, key: str = "cli-secret") -> tuple[int, str]:
    out = io.StringIO()
    code = main(
        list(argv),
        environ={"INVOICING_OFFICE_CLIENT_SECRET": key},
        transport=httpx.MockTransport(gateway.handle),
        out=out,
    )
    return code, out.getvalue()


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def test_list_shows_the_submitted_queue_by_default() -> None:
    gateway = Gateway()
    page = {"items": [ROW], "next_cursor": "abc"}
    gateway.answers[("GET", "/internal/invoicing/invoices")] = httpx.Response(200, json=page)

    code, out = run(gateway, "invoices", "list", "--form", "318.536")

    assert code == 0
    token_request, list_request = gateway.requests
    assert b"scope=invoices%3Areview" in token_request.content
    assert dict(list_request.url.params) == {
        "limit": "50",
        "status": "submitted",
        "form": "318.536",
    }
    assert "F-2026-000042" in out
    assert "27.11.2026 10:00" in out  # Europe/Zurich
    assert "more: --cursor abc" in out


def test_show_prints_lines_warnings_and_history() -> None:
    code, out = run(Gateway(), "invoices", "show", ID)

    assert code == 0
    assert "CHF 105.90" in out
    assert "Plafond mensuel dépassé." in out
    assert "submitted (Jean D.)" in out


def test_a_decision_is_made_on_the_revision_read_just_before() -> None:
    gateway = Gateway()

    code, out = run(gateway, "invoices", "correct", ID, "--message", "Joignez les fiches.")

    assert code == 0
    read, decide = gateway.requests[1:]
    assert (read.method, decide.method) == ("GET", "POST")
    assert decide.url.path == f"/internal/invoicing/invoices/{ID}/request-correction"
    assert body(decide) == {"revision": 3, "message": "Joignez les fiches."}
    assert out.startswith("submitted: F-2026-000042")


def test_a_named_revision_is_sent_as_is() -> None:
    gateway = Gateway()

    code, _ = run(gateway, "invoices", "refuse", ID, "--reason", "Échu", "--revision", "1")

    assert code == 0
    (decide,) = gateway.requests[1:]
    assert decide.url.path.endswith("/refuse")
    assert body(decide) == {"revision": 1, "reason": "Échu"}


def test_a_stale_revision_is_reported_with_exit_code_1(capsys: pytest.CaptureFixture[str]) -> None:
    gateway = Gateway()
    gateway.answers[("POST", f"/internal/invoicing/invoices/{ID}/accept")] = httpx.Response(
        409, json={"status": 409, "code": "stale_revision", "detail": "reload it"}
    )

    code, _ = run(gateway, "invoices", "accept", ID, "--revision", "2")

    assert code == 1
    assert "HTTP 409 stale_revision: reload it" in capsys.readouterr().err


def test_no_secret_at_all_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--state-dir", str(tmp_path), "invoices", "list"], environ={})

    assert code == 2
    assert "INVOICING_OFFICE_CLIENT_SECRET" in capsys.readouterr().err
