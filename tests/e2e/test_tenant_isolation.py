"""Tenant isolation over every route the services publish: institution B gets 404 for each of
institution A's objects, and no list of B's shows A's rows.

The routes come from the organisation, beneficiary, invoicing and documents OpenAPI documents,
fetched at test time: a new route under ``/api/<svc>/`` is covered without editing this file.
Each object kind (the collection in front of a path parameter) needs a factory below that
creates one as A through the real API; a route whose kind has none fails the test ("add a
factory for …").
Everything goes through the gateway, each call from its own loopback address (rate limits).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.e2e.identity_support import wait_for
from tests.e2e.invoice_support import claims, invoice_body, token_for
from tests.e2e.test_beneficiaries import body as beneficiary_body
from tests.e2e.test_documents import PDF
from tests.e2e.test_members import approved, member_body, opener

pytestmark = pytest.mark.stack

SERVICES = {"organisation": 8102, "beneficiary": 8103, "invoicing": 8104, "documents": 8106}
SERVICE_URL = "http://127.0.0.1:{port}"  # each service serves its own /openapi.json
NOT_ROUTES = re.compile(r"/(healthz|readyz|whoami)$")
PARAMETER = re.compile(r"^\{([^}]+)\}$")
METHODS = ("get", "head", "post", "put", "patch", "delete")  # deletions last
QR_IBAN = "CH44 3199 9123 0008 8901 2"
GATEWAY = os.environ.get("GUICHET_GATEWAY_URL", "http://127.0.0.1:8000").rstrip("/")

Open = Callable[..., httpx.Client]


@dataclass
class Created:
    """One of A's objects: its id, the body that made it, and values that must never leak."""

    id: str
    body: dict[str, Any] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()


Factory = Callable[[httpx.Client, dict[str, str]], Created]


def _json(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, f"{response.request.url}: {response.text}"
    found: dict[str, Any] = response.json()
    return found


def _member(http: httpx.Client, _parents: dict[str, str]) -> Created:
    sent = member_body()
    made = _json(http.post("/api/organisation/members", json=sent))
    return Created(made["id"], sent, (made["account_id"], sent["email"]))


def _bank_account(http: httpx.Client, _parents: dict[str, str]) -> Created:
    sent = {"iban": QR_IBAN, "holder": "Atelier Isolé SA", "label": f"A-{uuid.uuid4().hex}"}
    made = _json(http.post("/api/organisation/bank-accounts", json=sent))
    return Created(made["id"], sent, (sent["label"],))


def _beneficiary(http: httpx.Client, _parents: dict[str, str]) -> Created:
    sent = beneficiary_body()
    made = _json(http.post("/api/beneficiary/beneficiaries", json=sent))
    return Created(made["id"], sent, (made["avs"], made["avs"].replace(".", "")))


def _file(http: httpx.Client, _parents: dict[str, str]) -> Created:
    content = PDF + uuid.uuid4().hex.encode()
    made = _json(
        http.post(
            "/api/documents/files",
            params={"purpose": "power_of_attorney", "filename": "isolation.pdf"},
            content=content,
            headers={"Content-Type": "application/pdf"},
        )
    )
    return Created(made["id"], {}, (made["sha256"],))


def _invoice(http: httpx.Client, _parents: dict[str, str]) -> Created:
    """Sent by a new manager of A: invoicing reads the submitter from identity, so the caller
    must be a real account (A's token names none). Everything goes to the gateway, so that the
    factory also serves a client of one service's own port (the fuzzing test)."""
    company = claims(http.headers["authorization"].partition(" ")[2])["company"]
    member = _json(
        http.post(f"{GATEWAY}/api/organisation/members", json=member_body(role="manager"))
    )
    beneficiary = _json(
        http.post(f"{GATEWAY}/api/beneficiary/beneficiaries", json=beneficiary_body())
    )
    sent = invoice_body("318.632", beneficiary["id"])
    made = _json(
        http.post(
            f"{GATEWAY}/api/invoicing/invoices",
            json=sent,
            headers={
                "authorization": f"Bearer {token_for(member['account_id'], company, 'manager')}",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
    )
    body = {**sent, "revision": made["revision"]}
    avs = beneficiary["avs"]
    return Created(made["id"], body, (made["reference"], avs, avs.replace(".", "")))


def _invoice_copy(http: httpx.Client, parents: dict[str, str]) -> Created:
    """An invoice whose PDF copy documents has rendered."""
    made = _invoice(http, parents)
    wait_for(
        lambda: http.get(f"/api/documents/invoices/{made.id}/pdf").status_code == 200,
        30,
        "the invoice's PDF copy",
    )
    return made


# Keyed by the collection path in front of the object's path parameter (nested kinds get the
# ids of their parents as the second argument, by parameter name).
FACTORIES: dict[str, Factory] = {
    "/api/organisation/members": _member,
    "/api/organisation/bank-accounts": _bank_account,
    "/api/beneficiary/beneficiaries": _beneficiary,
    "/api/documents/files": _file,
    "/api/invoicing/invoices": _invoice,
    "/api/documents/invoices": _invoice_copy,
}


@dataclass(frozen=True)
class Operation:
    service: str
    method: str
    path: str
    spec: dict[str, Any]
    document: dict[str, Any]

    @property
    def segments(self) -> list[str]:
        return self.path.strip("/").split("/")

    @property
    def parameters(self) -> list[str]:
        return [m.group(1) for s in self.segments if (m := PARAMETER.match(s))]

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations() -> list[Operation]:
    found: list[Operation] = []
    for service, port in SERVICES.items():
        response = httpx.get(SERVICE_URL.format(port=port) + "/openapi.json", timeout=10.0)
        assert response.status_code == 200, f"{service}: {response.status_code}"
        document = response.json()
        for path, item in document["paths"].items():
            if not path.startswith(f"/api/{service}/") or NOT_ROUTES.search(path):
                continue
            for method in METHODS:
                if method in item:
                    found.append(Operation(service, method, path, item[method], document))
    assert found, "no route found in the OpenAPI documents"
    return found


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        target: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def request_body(operation: Operation, made: Created) -> dict[str, Any] | None:
    """A body the route accepts (A's own creation body, cut to the route's fields), so that the
    answer is about the object and not about the body."""
    content = operation.spec.get("requestBody", {}).get("content", {})
    if not content:
        return None
    media = content.get("application/json")
    assert media is not None, f"{operation}: only JSON bodies are handled here ({list(content)})"
    schema = _resolve(operation.document, media.get("schema", {}))
    properties = schema.get("properties", {})
    missing = [name for name in schema.get("required", []) if name not in made.body]
    assert not missing, f"{operation}: A's creation body lacks the required {missing}"
    return {name: value for name, value in made.body.items() if name in properties}


class Objects:
    """A's objects, created on first use, one per kind (and parents)."""

    def __init__(self, as_a: Callable[[], httpx.Client]) -> None:
        self.as_a = as_a
        self.made: dict[tuple[str, tuple[tuple[str, str], ...]], Created] = {}

    def ids_for(self, operation: Operation) -> tuple[str, Created]:
        """The route's URL with A's ids filled in, and the object it names."""
        ids: dict[str, str] = {}
        parts: list[str] = []
        last: Created | None = None
        for segment in operation.segments:
            match = PARAMETER.match(segment)
            if not match:
                parts.append(segment)
                continue
            collection = "/" + "/".join(parts)
            factory = FACTORIES.get(collection)
            if factory is None:
                pytest.fail(
                    f"add a factory for {collection} to {__name__}.FACTORIES: {operation} "
                    f"names objects of that kind and tenant isolation must cover it"
                )
            key = (collection, tuple(sorted(ids.items())))
            if key not in self.made:
                self.made[key] = factory(self.as_a(), dict(ids))
            last = self.made[key]
            ids[match.group(1)] = last.id
            parts.append(last.id)
        assert last is not None
        return "/" + "/".join(parts), last

    @property
    def ids(self) -> set[str]:
        return {made.id for made in self.made.values()}

    @property
    def secrets(self) -> set[str]:
        return {secret for made in self.made.values() for secret in made.secrets}


@pytest.fixture(scope="module")
def institutions(gateway_url: str) -> Iterator[tuple[str, str]]:
    """Two approved institutions (members need a real one; registration as the public does)."""
    clients: list[httpx.Client] = []
    try:
        yield (
            approved(opener(gateway_url, clients), gateway_url),
            approved(opener(gateway_url, clients), gateway_url),
        )
    finally:
        for http in clients:
            http.close()


@pytest.fixture
def edge(gateway_url: str) -> Iterator[Open]:
    opened: list[httpx.Client] = []
    yield opener(gateway_url, opened)
    for http in opened:
        http.close()


def test_institution_b_gets_404_for_every_object_of_a_and_lists_never_leak(
    institutions: tuple[str, str], edge: Open, user_token: Callable[..., str]
) -> None:
    a, b = institutions
    token_a = user_token(subject=str(uuid.uuid4()), company_id=a, role="manager")
    token_b = user_token(subject=str(uuid.uuid4()), company_id=b, role="manager")

    def as_a() -> httpx.Client:
        return edge(token_a)

    def as_b() -> httpx.Client:
        return edge(token_b)

    routes = operations()
    object_routes = [op for op in routes if op.parameters]
    list_routes = [op for op in routes if op.method == "get" and not op.parameters]
    assert object_routes, "no object route found"
    assert list_routes, "no list route found"
    objects = Objects(as_a)
    planned = [(op, *objects.ids_for(op)) for op in object_routes]
    # Deletions last, so that a leaking DELETE cannot hide a leaking GET.
    planned.sort(key=lambda p: p[0].method == "delete")

    leaks: list[str] = []
    for operation, url, made in planned:
        sent = request_body(operation, made)
        response = as_b().request(operation.method, url, json=sent)
        if response.status_code != 404:
            leaks.append(f"{operation} as B → {response.status_code}: {response.text[:200]!r}")
        elif any(value in response.text for value in objects.ids | objects.secrets):
            leaks.append(f"{operation} as B → 404 with A's data: {response.text[:200]!r}")

    for operation in list_routes:
        response = as_b().get(operation.path)
        if response.status_code != 200:
            leaks.append(f"{operation} as B → {response.status_code}: {response.text[:200]!r}")
        elif any(value in response.text for value in objects.ids | objects.secrets):
            leaks.append(f"{operation} as B lists A's rows: {response.text[:200]!r}")
        # Filters searched with A's values (an AVS number, a label) find nothing either.
        for parameter in operation.spec.get("parameters", []):
            if parameter["in"] != "query" or parameter["name"] in ("limit", "cursor"):
                continue
            for secret in sorted(objects.secrets):
                found = as_b().get(operation.path, params={parameter["name"]: secret})
                if any(value in found.text for value in objects.ids):
                    leaks.append(f"{operation}?{parameter['name']}=… as B finds A's rows")

    assert not leaks, "institution B reaches institution A's objects:\n" + "\n".join(leaks)

    # B's calls changed nothing of A's: every object still answers A.
    for operation, url, _made in planned:
        if operation.method == "get" and PARAMETER.match(operation.segments[-1]):
            assert as_a().get(url).status_code == 200, f"{operation}: A lost its object"
    for operation in list_routes:
        if operation.path in FACTORIES:
            listed = as_a().get(operation.path)
            assert listed.status_code == 200, listed.text
            mine = {m.id for (kind, _), m in objects.made.items() if kind == operation.path}
            assert mine <= {str(row["id"]) for row in listed.json()["items"]}, operation
