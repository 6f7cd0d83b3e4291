"""The Kong Ingress Controller resources of deploy/k8s against gateway/kong.yml, route by route.

kong.yml is the single source of truth; deploy/k8s/ingress.yaml expresses it with KIC 3.x
resources. These structural checks (KIC's CRDs are not in kubernetes-validate) compare:

- every path of every kong.yml route with an Ingress path of the same form (`~/re` ->
  `/~/re` ImplementationSpecific, `/x/` -> Prefix `/x`), backend, methods and route plugins;
- kong.yml's global plugins with the global KongClusterPlugins;
- kong.yml's consumers with the KongConsumers, whose credential Secrets are created at deploy
  time (the README's commands carry the jwt key and acl group of each one).
"""

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KONG = yaml.safe_load((ROOT / "gateway" / "kong.yml").read_text())
SERVICES = ["identity", "organisation", "beneficiary", "invoicing", "notification", "documents"]
PLACEHOLDER = re.compile(r"^\$\{\{ env \"[A-Z0-9_]+\" \}\}$")


def _documents() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return [
        document
        for name in kustomization["resources"]
        for document in yaml.safe_load_all((K8S / name).read_text())
        if document
    ]


DOCUMENTS = _documents()


def _kinds(kind: str) -> list[dict[str, Any]]:
    return [d for d in DOCUMENTS if d["kind"] == kind]


def _plugin(document: dict[str, Any]) -> tuple[str, str]:
    return document["plugin"], json.dumps(document["config"], sort_keys=True)


def _kong_plugins(entity: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (p["name"], json.dumps(p.get("config", {}), sort_keys=True))
        for p in entity.get("plugins", [])
    )


def _ingress_routes() -> dict[str, dict[str, Any]]:
    """Every Ingress path in kong.yml's notation, with what Kong gets for it."""
    plugins = {p["metadata"]["name"]: p for p in _kinds("KongPlugin")}
    routes: dict[str, dict[str, Any]] = {}
    for ingress in _kinds("Ingress"):
        assert ingress["spec"]["ingressClassName"] == "kong"
        annotations = ingress["metadata"]["annotations"]
        assert annotations["konghq.com/strip-path"] == "false"
        names = [n for n in annotations.get("konghq.com/plugins", "").split(",") if n]
        route_plugins = sorted(_plugin(plugins[name]) for name in names)
        methods = annotations.get("konghq.com/methods")
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                if path["path"].startswith("/~"):
                    assert path["pathType"] == "ImplementationSpecific", path["path"]
                    kong_path = path["path"][1:]
                else:
                    assert path["pathType"] == "Prefix", path["path"]
                    kong_path = path["path"].rstrip("/") + "/"
                assert kong_path not in routes, f"{kong_path} routed twice"
                routes[kong_path] = {
                    "ingress": ingress["metadata"]["name"],
                    "backend": path["backend"]["service"],
                    "methods": methods.split(",") if methods else None,
                    "plugins": route_plugins,
                }
    return routes


ROUTES = _ingress_routes()
KONG_ROUTES = [
    (service, route, path)
    for service in KONG["services"]
    for route in service["routes"]
    for path in route["paths"]
]


@pytest.mark.parametrize(
    ("service", "route", "path"), KONG_ROUTES, ids=[f"{r['name']}:{p}" for _, r, p in KONG_ROUTES]
)
def test_every_kong_route_has_an_ingress_path_with_the_same_plugins(
    service: dict[str, Any], route: dict[str, Any], path: str
) -> None:
    assert path in ROUTES, f"{route['name']}: no Ingress path for {path}"
    ours = ROUTES[path]
    url = urlsplit(service["url"])
    assert ours["backend"]["name"] == url.hostname
    assert ours["backend"]["port"]["number"] == url.port
    assert ours["methods"] == route.get("methods")
    assert ours["plugins"] == _kong_plugins(route), ours["ingress"]
    assert "plugins" not in service  # service plugins would need a KongPlugin on the Service


def test_no_ingress_path_outside_kong_yml() -> None:
    assert set(ROUTES) == {path for _, _, path in KONG_ROUTES}


def test_route_families_carry_the_expected_plugins() -> None:
    """The same comparison, spelled out for the families that matter most."""
    for service in SERVICES:
        user = {name for name, _ in ROUTES[f"/api/{service}/"]["plugins"]}
        office = ROUTES[f"/internal/{service}/"]["plugins"]
        assert {"jwt", "acl"} <= user
        assert {name for name, _ in office} == {"jwt", "acl"}
        assert ("acl", json.dumps({"allow": ["office"], "hide_groups_header": True})) in office
    credentials = json.dumps({"limit_by": "ip", "minute": 30, "policy": "local"})
    for path in ("/api/identity/auth/", "~/api/identity/oauth/token$"):
        assert ROUTES[path]["plugins"] == [("rate-limiting", credentials)]
    assert ROUTES["~/api/identity/auth/(refresh|logout)$"]["plugins"] == []


def test_global_plugins_match_kong_yml() -> None:
    globals_ = [
        p for p in _kinds("KongClusterPlugin") if p["metadata"].get("labels", {}).get("global")
    ]
    for plugin in globals_:
        assert plugin["metadata"]["labels"]["global"] == "true"
        assert plugin["metadata"]["annotations"]["kubernetes.io/ingress.class"] == "kong"
    hosts = {rule["host"] for i in _kinds("Ingress") for rule in i["spec"]["rules"]}
    expected = []
    for plugin in KONG["plugins"]:
        config = dict(plugin["config"])
        if plugin["name"] == "cors":  # kong.yml: a decK placeholder; here the ingress host
            assert PLACEHOLDER.match(config["origins"])
            config["origins"] = sorted(f"https://{host}" for host in hosts)
        expected.append((plugin["name"], json.dumps(config, sort_keys=True)))
    assert sorted(_plugin(p) for p in globals_) == sorted(expected)


def test_consumers_match_kong_yml_and_their_credentials_come_from_deploy_time_secrets() -> None:
    readme = (K8S / "README.md").read_text()
    consumers = {c["username"]: c for c in _kinds("KongConsumer")}
    assert set(consumers) == {c["username"] for c in KONG["consumers"]}
    for kong_consumer in KONG["consumers"]:
        consumer = consumers[kong_consumer["username"]]
        assert consumer["metadata"]["annotations"]["kubernetes.io/ingress.class"] == "kong"
        assert set(consumer) == {"apiVersion", "kind", "metadata", "username", "credentials"}
        jwt_secret, acl_secret = consumer["credentials"]
        (jwt,) = kong_consumer["jwt_secrets"]
        (acl,) = kong_consumer["acls"]
        assert PLACEHOLDER.match(jwt["rsa_public_key"])
        jwt_command = re.search(rf"create secret generic {jwt_secret} (.*?)\n(?! )", readme, re.S)
        assert jwt_command, f"README: no command creating {jwt_secret}"
        for fragment in (f"key={jwt['key']}", f"algorithm={jwt['algorithm']}", "rsa_public_key"):
            assert fragment in jwt_command.group(1)
        assert re.search(rf"label secret {jwt_secret} konghq.com/credential=jwt", readme)
        acl_command = f"create secret generic {acl_secret} --from-literal=group={acl['group']}"
        assert acl_command in readme
        assert re.search(rf"label secret {acl_secret} konghq.com/credential=acl", readme)


def test_no_secret_value_in_the_manifests() -> None:
    assert _kinds("Secret") == []
    for path in K8S.glob("*.yaml"):
        text = path.read_text()
        assert "-----BEGIN" not in text, path.name
        assert not re.search(r"^\s*(stringData|rsa_public_key|secret):", text, re.M), path.name
    for consumer in _kinds("KongConsumer"):
        assert all(isinstance(name, str) for name in consumer["credentials"])
