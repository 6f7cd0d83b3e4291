"""Render an Envoy v3 bootstrap from kong.yml, for local runs and tests (Kong cannot run here)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml  # type: ignore[import-untyped]

from guichet_gateway.kongfile import KongConfig, Plugin, Route, resolve

# Local mode only: the developer inbox never exists in production, so it is not in kong.yml.
DEV_INBOX = "dev-inbox"
DEV_INBOX_PREFIX = "/dev/inbox"
# Ports agreed in deploy/local/README.md, keyed by kong.yml service name.
LOCAL_UPSTREAMS: Mapping[str, tuple[str, int]] = {
    "identity": ("127.0.0.1", 8101),
    "organisation": ("127.0.0.1", 8102),
    "beneficiary": ("127.0.0.1", 8103),
    "invoicing": ("127.0.0.1", 8104),
    "notification": ("127.0.0.1", 8105),
    "documents": ("127.0.0.1", 8106),
    "web": ("127.0.0.1", 8090),
    DEV_INBOX: ("127.0.0.1", 8025),
}
# Public and subject to the global plugins, like a route without plugins of its own.
_DEV_INBOX_ROUTE = Route(
    name=DEV_INBOX,
    service=DEV_INBOX,
    paths=(DEV_INBOX_PREFIX,),
    methods=(),
    regex_priority=0,
    plugins={},
)
# Values for decK placeholders in local mode; the process environment overrides them.
LOCAL_ENV: Mapping[str, str] = {
    "DECK_GUICHET_WEB_ORIGINS": '["http://127.0.0.1:8000", "http://localhost:8000"]',
}
# Where identity publishes its signing keys (README "Tokens"); it must be a public route.
JWKS_PATH = "/api/identity/.well-known/jwks.json"

_TYPE = "type.googleapis.com/envoy.extensions.filters"
_JWT = "envoy.filters.http.jwt_authn"
_RATE = "envoy.filters.http.local_ratelimit"
_RATE_TYPE = f"{_TYPE}.http.local_ratelimit.v3.LocalRateLimit"
_BUFFER = "envoy.filters.http.buffer"
_CORS = "envoy.filters.http.cors"
_WINDOWS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_SIZE_UNITS = {"bytes": 1, "kilobytes": 1024, "megabytes": 1024 * 1024}
# Client addresses remembered per rate-limit scope (the least recently seen are forgotten).
_MAX_CLIENTS = 10000
# Envoy warns without a bound; far above what one developer machine or CI run opens.
_MAX_CONNECTIONS = 10000


@dataclass(frozen=True)
class Options:
    """Where Envoy listens and where the upstreams are."""

    local: bool = False
    listen: tuple[str, int] = ("127.0.0.1", 8000)
    admin: tuple[str, int] = ("127.0.0.1", 9901)
    # Service name -> (host, port); defaults to LOCAL_UPSTREAMS in local mode, else kong.yml.
    upstreams: Mapping[str, tuple[str, int]] | None = None
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


def render(config: KongConfig, options: Options) -> dict[str, Any]:
    """The Envoy bootstrap (as plain data) equivalent to kong.yml."""
    upstreams = _upstreams(config, options)
    env = {**LOCAL_ENV, **options.env} if options.local else dict(options.env)
    providers = _providers(config, upstreams)
    requirements: dict[str, Any] = {}
    extra = [_DEV_INBOX_ROUTE] if options.local else []
    # Envoy tries routes in order, so they are listed in the order Kong's router tries them.
    routes = [
        _route(config, route, path, requirements) for route, path in config.ordered_paths(extra)
    ]

    virtual_host: dict[str, Any] = {"name": "guichet", "domains": ["*"], "routes": routes}
    filters: list[dict[str, Any]] = []
    if "correlation-id" in config.plugins:
        filters.append(_correlation_filter(config.plugins["correlation-id"]))
    if "cors" in config.plugins:
        filters.append(_typed(_CORS, f"{_TYPE}.http.cors.v3.Cors", {}))
        virtual_host["typed_per_filter_config"] = {_CORS: _cors_policy(config.plugins["cors"], env)}
    # Kong runs authentication (jwt, acl) before rate-limiting and request-size-limiting.
    filters.append(
        _typed(
            _JWT,
            f"{_TYPE}.http.jwt_authn.v3.JwtAuthentication",
            {"providers": providers, "requirement_map": requirements},
        )
    )
    # Kong counts per plugin instance: the global limit is one bucket per client address
    # shared by every route without a limit of its own, so it lives at the filter level.
    global_limit = config.plugins.get("rate-limiting")
    filters.append(
        _typed(
            _RATE,
            _RATE_TYPE,
            _rate_limit("global", global_limit) if global_limit else {"stat_prefix": "rl"},
        )
    )
    # Every route sets its own body limit or disables the filter; this default is unused.
    filters.append(
        _typed(
            _BUFFER,
            f"{_TYPE}.http.buffer.v3.Buffer",
            {"max_request_bytes": _SIZE_UNITS["megabytes"]},
        )
    )
    filters.append(_typed("envoy.filters.http.router", f"{_TYPE}.http.router.v3.Router", {}))

    manager = {
        "stat_prefix": "guichet",
        "codec_type": "AUTO",
        # Envoy is the edge: the client address is the peer's, never a forwarded header.
        "use_remote_address": True,
        "normalize_path": True,
        "merge_slashes": True,
        # An encoded '/' could hide a '..' from route matching. Kong's nginx decodes and
        # normalizes it instead; no Guichet path needs one, so refusing is simpler.
        "path_with_escaped_slashes_action": "REJECT_REQUEST",
        "common_http_protocol_options": {"headers_with_underscores_action": "DROP_HEADER"},
        "generate_request_id": True,
        "access_log": [_access_log()],
        "route_config": {"name": "guichet", "virtual_hosts": [virtual_host]},
        "http_filters": filters,
    }
    return {
        "admin": {"address": _address(*options.admin)},
        "overload_manager": {
            "resource_monitors": [
                _typed(
                    "envoy.resource_monitors.global_downstream_max_connections",
                    "type.googleapis.com/envoy.extensions.resource_monitors."
                    "downstream_connections.v3.DownstreamConnectionsConfig",
                    {"max_active_downstream_connections": _MAX_CONNECTIONS},
                )
            ]
        },
        "static_resources": {
            "listeners": [
                {
                    "name": "gateway",
                    "address": _address(*options.listen),
                    "filter_chains": [
                        {
                            "filters": [
                                _typed(
                                    "envoy.filters.network.http_connection_manager",
                                    "type.googleapis.com/envoy.extensions.filters.network."
                                    "http_connection_manager.v3.HttpConnectionManager",
                                    manager,
                                )
                            ]
                        }
                    ],
                }
            ],
            "clusters": [
                _cluster(name, host, port, _service_value(config, name, "connect_timeout_ms"))
                for name, (host, port) in upstreams.items()
            ],
        },
    }


def dump(bootstrap: Mapping[str, Any]) -> str:
    """YAML text of a rendered bootstrap, with a header saying where it comes from."""
    header = (
        "# Generated from gateway/kong.yml by `python -m guichet_gateway render`: do not edit.\n"
        "# Prometheus metrics: admin interface, /stats/prometheus.\n"
    )
    body: str = yaml.safe_dump(dict(bootstrap), sort_keys=False, width=100)
    return header + body


def _upstreams(config: KongConfig, options: Options) -> dict[str, tuple[str, int]]:
    if options.upstreams is not None:
        chosen = dict(options.upstreams)
    elif options.local:
        chosen = dict(LOCAL_UPSTREAMS)
    else:
        chosen = {s.name: (s.host, s.port) for s in config.services}
    wanted = [s.name for s in config.services] + ([DEV_INBOX] if options.local else [])
    missing = [name for name in wanted if name not in chosen]
    if missing:
        raise ValueError(f"no upstream address for {', '.join(missing)}")
    return {name: chosen[name] for name in wanted}


def _service_value(config: KongConfig, name: str, attribute: str) -> int:
    """A service's timeout, or Kong's default (60 s) for the local-only inbox."""
    try:
        return int(getattr(config.service(name), attribute))
    except KeyError:
        return 60000


def _providers(config: KongConfig, upstreams: Mapping[str, tuple[str, int]]) -> dict[str, Any]:
    """One jwt_authn provider per consumer, fetching identity's JWKS like the services do."""
    jwks_route = config.match("GET", JWKS_PATH)
    if jwks_route is None or "jwt" in config.effective_plugins(jwks_route):
        raise ValueError(f"kong.yml must route {JWKS_PATH} without jwt")
    host, port = upstreams[jwks_route.service]
    providers: dict[str, Any] = {}
    for consumer in config.consumers:
        for issuer in consumer.issuers:
            providers[consumer.username] = {
                "issuer": issuer,
                "audiences": [consumer.audience],
                "remote_jwks": {
                    "http_uri": {
                        "uri": f"http://{host}:{port}{JWKS_PATH}",
                        "cluster": jwks_route.service,
                        "timeout": "5s",
                    },
                    # Short: a key identity starts using is honoured within a minute.
                    "cache_duration": "60s",
                    # Identity may start after Envoy: fetch in the background, retry each second.
                    "async_fetch": {"fast_listener": True, "failed_refetch_duration": "1s"},
                },
                # The services verify the token again themselves, so pass it on untouched.
                "forward": True,
            }
    return providers


def _route(
    config: KongConfig, route: Route, path: str, requirements: dict[str, Any]
) -> dict[str, Any]:
    plugins = config.effective_plugins(route)
    match: dict[str, Any]
    if path.startswith("~"):
        # Kong anchors regex paths at the start only; Envoy's safe_regex must match it all.
        match = {"safe_regex": {"regex": f"(?:{path[1:]}).*"}}
    else:
        match = {"prefix": path}
    if route.methods:
        match["headers"] = [
            {
                "name": ":method",
                "string_match": {"safe_regex": {"regex": "|".join(route.methods)}},
            }
        ]
    action: dict[str, Any] = {
        "cluster": route.service,
        "timeout": f"{_service_value(config, route.service, 'read_timeout_ms') / 1000}s",
    }
    per_filter: dict[str, Any] = {
        _JWT: _jwt_per_route(config, plugins, requirements),
        _BUFFER: _buffer_per_route(plugins.get("request-size-limiting")),
    }
    if "rate-limiting" in route.plugins:
        # Its own buckets, like a route-scoped Kong plugin instance.
        limit = route.plugins["rate-limiting"]
        per_filter[_RATE] = {"@type": _RATE_TYPE, **_rate_limit(route.name, limit)}
    return {
        "name": route.name,
        "match": match,
        "route": action,
        "typed_per_filter_config": per_filter,
    }


def _jwt_per_route(
    config: KongConfig, plugins: Mapping[str, Plugin], requirements: dict[str, Any]
) -> dict[str, Any]:
    per_route_type = f"{_TYPE}.http.jwt_authn.v3.PerRouteConfig"
    if "jwt" not in plugins:
        return {"@type": per_route_type, "disabled": True}
    allowed = plugins["acl"].config["allow"] if "acl" in plugins else None
    names = sorted(
        c.username
        for c in config.consumers
        if c.issuers and (allowed is None or set(c.groups) & set(allowed))
    )
    # A token from another consumer fails here with 401 (Kong's acl would answer 403).
    requirement_name = "+".join(names)
    if len(names) == 1:
        requirements[requirement_name] = {"provider_name": names[0]}
    else:
        requirements[requirement_name] = {
            "requires_any": {"requirements": [{"provider_name": n} for n in names]}
        }
    return {"@type": per_route_type, "requirement_name": requirement_name}


def _buffer_per_route(plugin: Plugin | None) -> dict[str, Any]:
    per_route_type = f"{_TYPE}.http.buffer.v3.BufferPerRoute"
    if plugin is None:
        return {"@type": per_route_type, "disabled": True}
    size = plugin.config["allowed_payload_size"] * _SIZE_UNITS[plugin.config["size_unit"]]
    # Over the limit the buffer filter answers 413, as request-size-limiting does.
    return {"@type": per_route_type, "buffer": {"max_request_bytes": size}}


def _rate_limit(scope: str, plugin: Plugin) -> dict[str, Any]:
    """Kong's fixed windows as token buckets, one bucket per window and client address."""
    windows = [w for w in _WINDOWS if w in plugin.config]
    descriptors = [
        {
            "entries": [
                {"key": "generic_key", "value": window},
                # An empty value is a wildcard: Envoy keeps one bucket per distinct address.
                {"key": "remote_address", "value": ""},
            ],
            "token_bucket": {
                "max_tokens": plugin.config[window],
                "tokens_per_fill": plugin.config[window],
                "fill_interval": f"{seconds}s",
            },
        }
        for window, seconds in _WINDOWS.items()
        if window in windows
    ]
    return {
        "stat_prefix": f"rl_{scope}",
        "status": {"code": plugin.config.get("error_code", 429)},
        # The default bucket is only a fallback; the per-address buckets decide.
        "token_bucket": {"max_tokens": 1, "tokens_per_fill": 1, "fill_interval": "1s"},
        "always_consume_default_token_bucket": False,
        "max_dynamic_descriptors": _MAX_CLIENTS,
        "rate_limits": [
            {"actions": [{"generic_key": {"descriptor_value": w}}, {"remote_address": {}}]}
            for w in windows
        ],
        "descriptors": descriptors,
        "filter_enabled": _percent(100, "rl_enabled"),
        "filter_enforced": _percent(100, "rl_enforced"),
        "response_headers_to_add": [
            {
                "header": {"key": "retry-after", "value": str(max(_WINDOWS[w] for w in windows))},
                "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
            }
        ],
    }


def _cors_policy(plugin: Plugin, env: Mapping[str, str]) -> dict[str, Any]:
    cors = plugin.config
    origins = resolve(cors["origins"], env)
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise ValueError("cors origins must resolve to a list of strings")
    policy: dict[str, Any] = {
        "@type": f"{_TYPE}.http.cors.v3.CorsPolicy",
        "allow_origin_string_match": [{"exact": origin} for origin in origins],
        "allow_credentials": cors.get("credentials", False),
    }
    if cors.get("methods"):
        policy["allow_methods"] = ",".join(cors["methods"])
    if cors.get("headers"):
        policy["allow_headers"] = ",".join(cors["headers"])
    if cors.get("exposed_headers"):
        policy["expose_headers"] = ",".join(cors["exposed_headers"])
    if "max_age" in cors:
        policy["max_age"] = str(cors["max_age"])
    return policy


def _correlation_filter(plugin: Plugin) -> dict[str, Any]:
    """Reuse Envoy's generated x-request-id (a UUID) when the client sent no correlation id."""
    header = plugin.config["header_name"]
    mutations: dict[str, Any] = {
        "request_mutations": [
            {
                "append": {
                    "header": {"key": header, "value": "%REQ(x-request-id)%"},
                    "append_action": "ADD_IF_ABSENT",
                }
            }
        ]
    }
    if plugin.config.get("echo_downstream", False):
        mutations["response_mutations"] = [
            {
                "append": {
                    "header": {"key": header, "value": f"%REQ({header})%"},
                    "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
                }
            }
        ]
    return _typed(
        "envoy.filters.http.header_mutation",
        f"{_TYPE}.http.header_mutation.v3.HeaderMutation",
        {"mutations": mutations},
    )


def _access_log() -> dict[str, Any]:
    fields = {
        "time": "%START_TIME%",
        "client": "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
        "method": "%REQ(:METHOD)%",
        "path": "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
        "route": "%ROUTE_NAME%",
        "status": "%RESPONSE_CODE%",
        "details": "%RESPONSE_CODE_DETAILS%",
        "duration_ms": "%DURATION%",
        "upstream": "%UPSTREAM_CLUSTER%",
        "correlation_id": "%REQ(X-CORRELATION-ID)%",
    }
    return _typed(
        "envoy.access_loggers.stdout",
        "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
        {"log_format": {"json_format": fields}},
    )


def _cluster(name: str, host: str, port: int, connect_timeout_ms: int) -> dict[str, Any]:
    try:
        ipaddress.ip_address(host)
        kind = "STATIC"
    except ValueError:
        kind = "STRICT_DNS"
    return {
        "name": name,
        "type": kind,
        "connect_timeout": f"{connect_timeout_ms / 1000}s",
        "load_assignment": {
            "cluster_name": name,
            "endpoints": [{"lb_endpoints": [{"endpoint": {"address": _address(host, port)}}]}],
        },
    }


def _address(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def _percent(value: int, runtime_key: str) -> dict[str, Any]:
    return {
        "default_value": {"numerator": value, "denominator": "HUNDRED"},
        "runtime_key": runtime_key,
    }


def _typed(name: str, type_url: str, config: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": name, "typed_config": {"@type": type_url, **config}}
