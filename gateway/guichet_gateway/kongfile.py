"""Read, check and model gateway/kong.yml, the Kong declarative configuration."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema  # type: ignore[import-untyped]
import yaml  # type: ignore[import-untyped]

from guichet_gateway.schema import KONG_SCHEMA, PLACEHOLDER_PATTERN

KONG_FILE = Path(__file__).resolve().parent.parent / "kong.yml"

# Plugins that only make sense once, for the whole gateway.
GLOBAL_ONLY_PLUGINS = frozenset({"cors", "correlation-id", "prometheus"})
# Plugins that must never be global: they would lock the web counter and public routes.
SCOPED_ONLY_PLUGINS = frozenset({"jwt", "acl"})
# Kong shares a service-scoped counter among the service's routes; Envoy cannot share a
# bucket between routes, so the renderer supports global and route scopes only.
NOT_ON_SERVICES = frozenset({"rate-limiting"})
AUDIENCE_TAG = "audience:"
# The only fields whose value may come from the environment (see kong.yml's header).
PLACEHOLDER_FIELDS = frozenset({"origins", "rsa_public_key"})

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_PLACEHOLDER_NAME = re.compile(r'"(DECK_[A-Z0-9_]+)"')


class KongConfigError(Exception):
    """kong.yml does not satisfy the schema or the rules of our subset."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Plugin:
    """A plugin instance; `config` holds the values as written in kong.yml."""

    name: str
    config: Mapping[str, Any]


@dataclass(frozen=True)
class Route:
    """A Kong route; paths starting with '~' are regular expressions anchored at the start."""

    name: str
    service: str
    paths: tuple[str, ...]
    methods: tuple[str, ...]
    regex_priority: int
    plugins: Mapping[str, Plugin]


@dataclass(frozen=True)
class Service:
    """A Kong service (one backend) and its routes."""

    name: str
    scheme: str
    host: str
    port: int
    connect_timeout_ms: int
    read_timeout_ms: int
    routes: tuple[Route, ...]
    plugins: Mapping[str, Plugin]


@dataclass(frozen=True)
class Consumer:
    """A token issuer, matched by the token's `iss` claim."""

    username: str
    issuers: tuple[str, ...]
    groups: tuple[str, ...]
    audience: str | None


@dataclass(frozen=True)
class KongConfig:
    """The checked configuration, with Kong's plugin precedence and route matching."""

    services: tuple[Service, ...]
    consumers: tuple[Consumer, ...]
    plugins: Mapping[str, Plugin] = field(default_factory=dict)

    def service(self, name: str) -> Service:
        """The service called `name`."""
        for service in self.services:
            if service.name == name:
                return service
        raise KeyError(name)

    def routes(self) -> Iterator[Route]:
        """Every route, in file order."""
        for service in self.services:
            yield from service.routes

    def route(self, name: str) -> Route:
        """The route called `name`."""
        for route in self.routes():
            if route.name == name:
                return route
        raise KeyError(name)

    def effective_plugins(self, route: Route) -> dict[str, Plugin]:
        """Plugins applied to a route: route over service over global, as Kong does."""
        service = next((s.plugins for s in self.services if s.name == route.service), {})
        return {**self.plugins, **service, **route.plugins}

    def ordered_paths(self, extra: Sequence[Route] = ()) -> list[tuple[Route, str]]:
        """(route, path) pairs in the order Kong's router tries them.

        Mirrors the traditional_compatible router for our subset (no hosts or headers):
        routes with methods first, then regex paths before prefix paths, then higher
        regex_priority, then longer prefixes; ties keep file order. `extra` routes are
        ordered as if they were at the end of the file.
        """
        pairs = [(route, path) for route in (*self.routes(), *extra) for path in route.paths]

        def priority(pair: tuple[Route, str]) -> tuple[int, int, int, int]:
            route, path = pair
            regex = path.startswith("~")
            return (
                -int(bool(route.methods)),
                -int(regex),
                -route.regex_priority if regex else 0,
                0 if regex else -len(path),
            )

        return sorted(pairs, key=priority)

    def match(self, method: str, path: str) -> Route | None:
        """The route Kong would pick for a request, or None (Kong answers 404)."""
        for route, route_path in self.ordered_paths():
            if route.methods and method not in route.methods:
                continue
            if path_matches(route_path, path):
                return route
        return None


def path_matches(route_path: str, path: str) -> bool:
    """Kong path semantics: a prefix, or a regex anchored at the start only."""
    if route_path.startswith("~"):
        return re.match(route_path[1:], path) is not None
    return path.startswith(route_path)


def read(path: Path = KONG_FILE) -> dict[str, Any]:
    """The raw document; decK placeholders stay as strings."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise KongConfigError([f"{path}: the top level must be a mapping"])
    return document


def placeholder_name(value: Any) -> str | None:
    """The DECK_ variable named by a placeholder value, or None for an ordinary value."""
    if isinstance(value, str) and _PLACEHOLDER.match(value):
        found = _PLACEHOLDER_NAME.search(value)
        return found.group(1) if found else None
    return None


def resolve(value: Any, env: Mapping[str, str]) -> Any:
    """The value decK would produce: the variable's text parsed in place as YAML (JSON)."""
    name = placeholder_name(value)
    if name is None:
        return value
    if name not in env:
        raise KongConfigError([f"environment variable {name} is not set"])
    return yaml.safe_load(env[name])


def substitute(document: Any, env: Mapping[str, str]) -> Any:
    """The document with every decK placeholder replaced from `env`."""
    missing = sorted({name for name in _placeholder_names(document) if name not in env})
    if missing:
        raise KongConfigError([f"environment variable {name} is not set" for name in missing])
    return _substituted(document, env)


def _substituted(document: Any, env: Mapping[str, str]) -> Any:
    if isinstance(document, dict):
        return {key: _substituted(value, env) for key, value in document.items()}
    if isinstance(document, list):
        return [_substituted(value, env) for value in document]
    return resolve(document, env)


def _placeholder_names(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        document = list(document.values())
    if isinstance(document, list):
        for value in document:
            yield from _placeholder_names(value)
    elif (name := placeholder_name(document)) is not None:
        yield name


def check(document: Mapping[str, Any]) -> None:
    """Raise KongConfigError listing every schema or rule violation."""
    validator = jsonschema.Draft202012Validator(KONG_SCHEMA)
    problems = [
        f"{_location(error.absolute_path)}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        raise KongConfigError(problems)
    problems = _rule_problems(document)
    if problems:
        raise KongConfigError(problems)


def load(path: Path = KONG_FILE, env: Mapping[str, str] | None = None) -> KongConfig:
    """Read and check kong.yml; with `env`, substitute placeholders first (as decK does)."""
    document = read(path)
    if env is not None:
        document = substitute(document, env)
    check(document)
    return build(document)


def build(document: Mapping[str, Any]) -> KongConfig:
    """The model of an already checked document."""
    services = []
    for raw_service in document["services"]:
        url = urlsplit(raw_service["url"])
        routes = tuple(
            Route(
                name=raw_route["name"],
                service=raw_service["name"],
                paths=tuple(raw_route["paths"]),
                methods=tuple(raw_route.get("methods", ())),
                regex_priority=raw_route.get("regex_priority", 0),
                plugins=_plugins(raw_route),
            )
            for raw_route in raw_service["routes"]
        )
        services.append(
            Service(
                name=raw_service["name"],
                scheme=url.scheme,
                host=url.hostname or "",
                port=url.port or (443 if url.scheme == "https" else 80),
                # Kong's defaults, in milliseconds.
                connect_timeout_ms=raw_service.get("connect_timeout", 60000),
                read_timeout_ms=raw_service.get("read_timeout", 60000),
                routes=routes,
                plugins=_plugins(raw_service),
            )
        )
    consumers = tuple(
        Consumer(
            username=raw["username"],
            issuers=tuple(secret["key"] for secret in raw.get("jwt_secrets", ())),
            groups=tuple(acl["group"] for acl in raw.get("acls", ())),
            audience=_audience(raw.get("tags", ())),
        )
        for raw in document.get("consumers", ())
    )
    return KongConfig(services=tuple(services), consumers=consumers, plugins=_plugins(document))


def _plugins(entity: Mapping[str, Any]) -> dict[str, Plugin]:
    return {
        raw["name"]: Plugin(name=raw["name"], config=raw.get("config", {}))
        for raw in entity.get("plugins", ())
        if raw.get("enabled", True)
    }


def _audience(tags: Any) -> str | None:
    for tag in tags:
        if tag.startswith(AUDIENCE_TAG):
            return str(tag[len(AUDIENCE_TAG) :])
    return None


def _location(path: Any) -> str:
    return "/".join(str(part) for part in path) or "(top level)"


def _rule_problems(document: Mapping[str, Any]) -> list[str]:
    """Rules a JSON schema cannot express: uniqueness, references, scopes, regexes."""
    problems: list[str] = []
    problems += _duplicates("service", [s["name"] for s in document["services"]])
    problems += _duplicates("route", [r["name"] for s in document["services"] for r in s["routes"]])
    consumers = document.get("consumers", [])
    problems += _duplicates("consumer", [c["username"] for c in consumers])
    problems += _duplicates(
        "jwt secret key", [j["key"] for c in consumers for j in c.get("jwt_secrets", [])]
    )
    problems += _stray_placeholders(document)

    groups = {acl["group"] for c in consumers for acl in c.get("acls", [])}
    issuers = [c for c in consumers if c.get("jwt_secrets")]
    for consumer in issuers:
        audiences = [t for t in consumer.get("tags", []) if t.startswith(AUDIENCE_TAG)]
        if len(audiences) != 1:
            problems.append(
                f"consumer {consumer['username']}: needs exactly one '{AUDIENCE_TAG}' tag"
            )

    problems += _scope_problems("global plugins", document.get("plugins", []), "global")
    matchers: dict[tuple[str, tuple[str, ...]], str] = {}
    for service in document["services"]:
        where = f"service {service['name']}"
        problems += _scope_problems(where, service.get("plugins", []), "service")
        for route in service["routes"]:
            where = f"route {route['name']}"
            problems += _scope_problems(where, route.get("plugins", []), "route")
            for path in route["paths"]:
                key = (path, tuple(sorted(route.get("methods", []))))
                if key in matchers:
                    problems.append(f"{where}: path {path} is already routed by {matchers[key]}")
                matchers[key] = route["name"]
                if path.startswith("~"):
                    try:
                        re.compile(path[1:])
                    except re.error as error:
                        problems.append(f"{where}: invalid regex path {path}: {error}")
            effective = {
                p["name"]: p
                for scope in (document, service, route)
                for p in scope.get("plugins", [])
                if p.get("enabled", True)
            }
            if "acl" in effective:
                if "jwt" not in effective:
                    problems.append(f"{where}: acl without jwt cannot identify a consumer")
                for group in effective["acl"].get("config", {}).get("allow", []):
                    if group not in groups:
                        problems.append(f"{where}: acl group {group} has no consumer")
            if "jwt" in effective and not issuers:
                problems.append(f"{where}: jwt without any consumer holding a jwt secret")
    return problems


def _duplicates(kind: str, names: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for name in names:
        if name in seen:
            problems.append(f"duplicate {kind} name {name}")
        seen.add(name)
    return problems


def _scope_problems(where: str, plugins: list[Mapping[str, Any]], scope: str) -> list[str]:
    problems = _duplicates(f"plugin in {where}:", [p["name"] for p in plugins])
    for plugin in plugins:
        name = plugin["name"]
        if scope != "global" and name in GLOBAL_ONLY_PLUGINS:
            problems.append(f"{where}: plugin {name} is only supported globally")
        if scope == "global" and name in SCOPED_ONLY_PLUGINS:
            problems.append(f"{where}: plugin {name} must be set on services or routes")
        if scope == "service" and name in NOT_ON_SERVICES:
            problems.append(f"{where}: plugin {name} must be global or set on routes")
    return problems


def _stray_placeholders(document: Any, location: str = "") -> list[str]:
    """decK placeholders are only supported as whole values, where the schema allows them."""
    if isinstance(document, dict):
        return [
            p
            for key, value in document.items()
            for p in _stray_placeholders(value, f"{location}/{key}")
        ]
    if isinstance(document, list):
        return [
            p
            for index, value in enumerate(document)
            for p in _stray_placeholders(value, f"{location}/{index}")
        ]
    if isinstance(document, str) and "${{" in document:
        if not _PLACEHOLDER.match(document):
            return [f"{location}: malformed decK placeholder {document!r}"]
        if location.rsplit("/", 1)[-1] not in PLACEHOLDER_FIELDS:
            return [
                f"{location}: decK placeholders are only allowed in {sorted(PLACEHOLDER_FIELDS)}"
            ]
    return []
