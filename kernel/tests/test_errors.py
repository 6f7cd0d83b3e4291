"""Problem+json answers: field paths and messages in the caller's language."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import TimeoutError as PoolTimeout

from kernel.errors import FieldError, NotFound, RuleViolated, install_error_handlers, json_path
from kernel.i18n import negotiate


class Line(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: str
    amount: int


class Invoice(BaseModel):
    model_config = ConfigDict(extra="forbid")
    remark: str = Field(max_length=5)
    lines: list[Line]


def make_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/invoices")
    async def create(body: Invoice) -> dict[str, str]:
        return {"ok": "yes"}

    @app.get("/missing")
    async def missing() -> None:
        raise NotFound(detail="no such invoice")

    @app.get("/rule")
    async def rule() -> None:
        raise RuleViolated(
            errors=[
                FieldError(
                    "lines[0].date",
                    "required",
                    {
                        "fr": "Le champ Date des prestations dispensées est obligatoire.",
                        "de": "Das Feld Leistungsdatum ist obligatorisch.",
                    },
                )
            ]
        )

    @app.get("/busy")
    async def busy() -> None:
        raise PoolTimeout("QueuePool limit of size 10 overflow 10 reached")

    return app


client = TestClient(make_app())


def test_an_exhausted_database_pool_answers_503_with_retry_after() -> None:
    answer = client.get("/busy")
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "1"
    assert answer.json()["code"] == "service_busy"


def test_validation_errors_carry_json_paths_and_french_messages() -> None:
    response = client.post(
        "/invoices",
        json={"remark": "too long", "lines": [{"date": "x", "amount": 1}, {"amount": "y"}], "z": 1},
        headers={"Accept-Language": "fr-CH,fr;q=0.9"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    by_field = {e["field"]: e for e in response.json()["errors"]}
    assert by_field["remark"]["message"] == "Ce texte est trop long."
    assert by_field["lines[1].date"]["message"] == "Ce champ est obligatoire."
    assert by_field["lines[1].amount"]["code"] == "int_parsing"
    assert by_field["z"]["code"] == "extra_forbidden"


def test_validation_messages_in_german() -> None:
    response = client.post("/invoices", json={"remark": "ok"}, headers={"Accept-Language": "de"})
    assert response.json()["errors"] == [
        {"field": "lines", "code": "missing", "message": "Dieses Feld ist erforderlich."}
    ]


def test_domain_errors_map_to_their_status() -> None:
    assert client.get("/missing").json()["code"] == "not_found"
    assert client.get("/missing").status_code == 404
    rule = client.get("/rule", headers={"Accept-Language": "de-CH"}).json()
    assert rule["errors"][0]["message"] == "Das Feld Leistungsdatum ist obligatorisch."


@pytest.mark.parametrize(
    ("location", "path"),
    [(("lines", 2, "date"), "lines[2].date"), ((0,), "[0]"), (("a", "b"), "a.b")],
)
def test_json_path(location: tuple[int | str, ...], path: str) -> None:
    assert json_path(location) == path


@pytest.mark.parametrize(
    ("header", "language"),
    [(None, "fr"), ("de-CH,de;q=0.9,en;q=0.8", "de"), ("en;q=1,de;q=0.5", "de"), ("it", "fr")],
)
def test_negotiate(header: str | None, language: str) -> None:
    assert negotiate(header) == language
