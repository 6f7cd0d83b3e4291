"""kong.yml passes our strict offline check, which rejects what Kong or decK would not take."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from joserfc.jwk import RSAKey

from guichet_gateway import kongfile
from guichet_gateway.__main__ import main

SERVICES = ["identity", "organisation", "beneficiary", "invoicing", "notification", "documents"]
Document = dict[str, Any]


@pytest.fixture
def document() -> Document:
    return kongfile.read()


def deck_env() -> dict[str, str]:
    """Values as an operator would export them for decK (JSON text)."""
    pem = RSAKey.generate_key(2048).as_pem(private=False).decode()
    return {
        "DECK_GUICHET_JWT_PUBLIC_KEY": json.dumps(pem),
        "DECK_GUICHET_WEB_ORIGINS": '["https://guichet.example.ch"]',
    }


def test_shipped_file_is_valid(document: Document) -> None:
    kongfile.check(document)


def test_valid_once_decks_placeholders_are_substituted(document: Document) -> None:
    substituted = kongfile.substitute(document, deck_env())
    kongfile.check(substituted)
    consumer = substituted["consumers"][0]
    assert consumer["jwt_secrets"][0]["rsa_public_key"].startswith("-----BEGIN PUBLIC KEY-----\n")
    assert substituted["plugins"][1]["config"]["origins"] == ["https://guichet.example.ch"]


def test_missing_environment_is_reported(document: Document) -> None:
    with pytest.raises(kongfile.KongConfigError) as error:
        kongfile.substitute(document, {})
    assert error.value.problems == [
        "environment variable DECK_GUICHET_JWT_PUBLIC_KEY is not set",
        "environment variable DECK_GUICHET_WEB_ORIGINS is not set",
    ]


def test_a_key_that_is_not_a_pem_public_key_is_refused(document: Document) -> None:
    env = {**deck_env(), "DECK_GUICHET_JWT_PUBLIC_KEY": '"not a key"'}
    with pytest.raises(kongfile.KongConfigError, match="rsa_public_key"):
        kongfile.check(kongfile.substitute(document, env))


def test_developer_inbox_is_not_in_production_config() -> None:
    assert "/dev/" not in kongfile.KONG_FILE.read_text()


def _route(document: Document, name: str) -> Document:
    for service in document["services"]:
        for route in service["routes"]:
            if route["name"] == name:
                return dict(route)
    raise KeyError(name)


def _set(path: str, value: Any) -> Callable[[Document], None]:
    """A mutation writing `value` at a '/'-separated path (list indexes as numbers)."""

    def mutate(document: Document) -> None:
        *parents, last = path.split("/")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _append_route(route: Document) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        document["services"][0]["routes"].append(route)

    return mutate


def _append_global(plugin: Document) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        document["plugins"].append(plugin)

    return mutate


def _delete(path: str) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        *parents, last = path.split("/")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[int(last) if isinstance(node, list) else last]

    return mutate


# services/0 is identity: routes public, auth, oauth-token, api, internal. Plugin lists
# shared through YAML anchors are replaced whole, so that only one route changes.
BROKEN = {
    "unknown top-level key": (_set("upstreams", []), "Additional properties"),
    "wrong format version": (_set("_format_version", "1.1"), "'3.0' was expected"),
    "unknown service key": (_set("services/0/hosts", ["x"]), "Additional properties"),
    "service url with a path": (_set("services/0/url", "http://identity:8000/x"), "does not"),
    "unknown route key": (_set("services/0/routes/0/hosts", ["x"]), "Additional properties"),
    "path without slash": (_set("services/0/routes/1/paths/0", "api/identity/auth/"), "match"),
    "strip_path true": (_set("services/0/routes/1/strip_path", True), "False was expected"),
    "unknown plugin": (
        _set("services/0/routes/1/plugins", [{"name": "key-auth"}]),
        "is not one of",
    ),
    "unknown plugin option": (
        _set("plugins/2/config/burst", 5),
        "Additional properties",
    ),
    "rate limit by consumer": (_set("plugins/2/config/limit_by", "consumer"), "'ip'"),
    "rate limit without window": (_delete("plugins/2/config/second"), "is not valid under any"),
    "fractional rate": (_set("plugins/2/config/second", 2.5), "not of type 'integer'"),
    "cors on a route": (
        _set("services/0/routes/0/plugins", [{"name": "cors", "config": {"origins": ["x"]}}]),
        "only supported globally",
    ),
    "global jwt": (
        _append_global(
            {"name": "jwt", "config": {"key_claim_name": "iss", "claims_to_verify": ["exp"]}}
        ),
        "must be set on services or routes",
    ),
    "duplicate route name": (
        _append_route({"name": "identity-auth", "paths": ["/x/"]}),
        "duplicate route name identity-auth",
    ),
    "duplicate path": (
        _append_route({"name": "again", "paths": ["/api/identity/auth/"]}),
        "already routed by identity-auth",
    ),
    "invalid regex": (_append_route({"name": "bad", "paths": ["~/x/(unclosed"]}), "invalid regex"),
    "acl group nobody is in": (
        _set("services/0/routes/3/plugins/1/config/allow", ["admins"]),
        "acl group admins has no consumer",
    ),
    "acl without jwt": (
        _set("services/0/routes/3/plugins", [{"name": "acl", "config": {"allow": ["users"]}}]),
        "acl without jwt",
    ),
    "placeholder in a url": (
        _set("services/0/url", '${{ env "DECK_IDENTITY_URL" }}'),
        "does not match",
    ),
    "placeholder outside allowed fields": (
        _set("consumers/0/custom_id", '${{ env "DECK_CUSTOM_ID" }}'),
        "only allowed in",
    ),
    "malformed placeholder": (
        _set("plugins/1/config/origins", ['${{ env "DECK_X" }}/x']),
        "malformed decK placeholder",
    ),
    "rate limit on a service": (
        _set(
            "services/3/plugins",
            [
                {
                    "name": "rate-limiting",
                    "config": {"second": 5, "limit_by": "ip", "policy": "local"},
                }
            ],
        ),
        "must be global or set on routes",
    ),
    "issuer without audience tag": (_delete("consumers/0/tags"), "audience:"),
    "jwt with HS256": (_set("consumers/0/jwt_secrets/0/algorithm", "HS256"), "'RS256'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_configs_are_refused(document: Document, case: str) -> None:
    mutate, message = BROKEN[case]
    broken = copy.deepcopy(document)
    mutate(broken)
    with pytest.raises(kongfile.KongConfigError) as error:
        kongfile.check(broken)
    assert message in str(error.value)


PUBLIC = [
    ("GET", "/api/identity/healthz"),
    ("GET", "/api/identity/readyz"),
    ("GET", "/api/identity/.well-known/jwks.json"),
    ("POST", "/api/identity/auth/login"),
    ("POST", "/api/identity/auth/code"),
    ("POST", "/api/identity/auth/resend"),
    ("POST", "/api/identity/auth/refresh"),
    ("POST", "/api/identity/auth/password/forgot"),
    ("POST", "/api/identity/auth/password/reset"),
    ("POST", "/api/identity/auth/invitations/accept"),
    ("POST", "/api/identity/oauth/token"),
    ("POST", "/api/organisation/registrations"),
    ("GET", "/"),
    ("GET", "/assets/index.js"),
    *[
        ("GET", f"/api/{service}/{probe}")
        for service in SERVICES
        for probe in ("healthz", "readyz")
    ],
]


@pytest.mark.parametrize(("method", "path"), PUBLIC)
def test_public_paths(method: str, path: str) -> None:
    config = kongfile.load()
    route = config.match(method, path)
    assert route is not None
    assert "jwt" not in config.effective_plugins(route)


@pytest.mark.parametrize("service", SERVICES)
def test_api_paths_need_a_user_token(service: str) -> None:
    config = kongfile.load()
    for method, path in [
        ("GET", f"/api/{service}/whoami"),
        ("GET", f"/api/{service}/healthz/x"),
        ("POST", f"/api/{service}/anything"),
    ]:
        route = config.match(method, path)
        assert route is not None
        assert route.service == service
        plugins = config.effective_plugins(route)
        assert "jwt" in plugins
        assert plugins["acl"].config["allow"] == ["users"]


@pytest.mark.parametrize("service", SERVICES)
def test_internal_paths_need_an_office_token(service: str) -> None:
    config = kongfile.load()
    route = config.match("GET", f"/internal/{service}/whoami")
    assert route is not None
    assert route.service == service
    assert config.effective_plugins(route)["acl"].config["allow"] == ["office"]


def test_reading_registrations_needs_a_token() -> None:
    config = kongfile.load()
    route = config.match("GET", "/api/organisation/registrations")
    assert route is not None
    assert "jwt" in config.effective_plugins(route)


def test_limits() -> None:
    config = kongfile.load()
    login = config.effective_plugins(config.route("identity-auth"))
    assert login["rate-limiting"].config["minute"] == 30
    assert login["request-size-limiting"].config["allowed_payload_size"] == 1
    upload = config.effective_plugins(config.route("documents-api"))
    assert upload["request-size-limiting"].config["allowed_payload_size"] == 10
    assert upload["rate-limiting"].config["second"] == 20


def test_cli_validate(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    assert main(["validate"]) == 0
    broken = tmp_path / "kong.yml"
    broken.write_text('_format_version: "3.0"\nservices: []\n')
    assert main(["validate", "--kong", str(broken)]) == 1
    assert "services: [] should be non-empty" in capsys.readouterr().err


def test_cli_validate_with_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in deck_env().items():
        monkeypatch.setenv(name, value)
    assert main(["validate", "--env"]) == 0
    monkeypatch.delenv("DECK_GUICHET_WEB_ORIGINS")
    assert main(["validate", "--env"]) == 1
