"""Strict JSON schema for the subset of Kong 3.x declarative configuration that Guichet uses."""

from __future__ import annotations

from typing import Any

# A decK environment placeholder: decK substitutes it textually before parsing the YAML.
PLACEHOLDER_PATTERN = r'^\$\{\{ env "DECK_[A-Z0-9_]+" \}\}$'

_NAME = {"type": "string", "pattern": "^[a-z][a-z0-9-]*$", "maxLength": 128}
_TAGS = {
    "type": "array",
    "items": {"type": "string", "pattern": "^[^,/\\s]+$"},
    "uniqueItems": True,
}
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_PLACEHOLDER = {"type": "string", "pattern": PLACEHOLDER_PATTERN}
_POSITIVE_MS = {"type": "integer", "minimum": 1, "maximum": 2147483646}
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_PEM_PUBLIC_KEY = {
    "type": "string",
    "pattern": "^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$",
}


def _record(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object that rejects unknown keys, like Kong's own schema does."""
    record: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        record["required"] = required
    return record


_WINDOW = {"type": "integer", "minimum": 1}

PLUGIN_CONFIGS: dict[str, dict[str, Any]] = {
    "jwt": _record(
        {
            "key_claim_name": {"enum": ["iss"]},
            "claims_to_verify": {
                "type": "array",
                "items": {"enum": ["exp", "nbf"]},
                "uniqueItems": True,
            },
            "header_names": _STRINGS,
            "uri_param_names": _STRINGS,
            "cookie_names": _STRINGS,
            "run_on_preflight": {"type": "boolean"},
            "secret_is_base64": {"const": False},
            "maximum_expiration": {"type": "integer", "minimum": 0},
            "realm": {"type": "string"},
        },
        required=["key_claim_name", "claims_to_verify"],
    ),
    "acl": _record(
        {
            "allow": {**_STRINGS, "minItems": 1, "uniqueItems": True},
            "hide_groups_header": {"type": "boolean"},
        },
        required=["allow"],
    ),
    "rate-limiting": {
        **_record(
            {
                "second": _WINDOW,
                "minute": _WINDOW,
                "hour": _WINDOW,
                "day": _WINDOW,
                "limit_by": {"enum": ["ip"]},
                "policy": {"enum": ["local"]},
                "fault_tolerant": {"type": "boolean"},
                "hide_client_headers": {"type": "boolean"},
                "error_code": {"type": "integer", "minimum": 400, "maximum": 599},
                "error_message": {"type": "string"},
            },
            required=["limit_by", "policy"],
        ),
        "anyOf": [{"required": [w]} for w in ("second", "minute", "hour", "day")],
    },
    "request-size-limiting": _record(
        {
            "allowed_payload_size": {"type": "integer", "minimum": 1},
            "size_unit": {"enum": ["megabytes", "kilobytes", "bytes"]},
            "require_content_length": {"type": "boolean"},
        },
        required=["allowed_payload_size", "size_unit"],
    ),
    "cors": _record(
        {
            "origins": {"oneOf": [{**_STRINGS, "minItems": 1}, _PLACEHOLDER]},
            "methods": {"type": "array", "items": {"enum": _METHODS}, "uniqueItems": True},
            "headers": _STRINGS,
            "exposed_headers": _STRINGS,
            "credentials": {"type": "boolean"},
            "max_age": {"type": "integer", "minimum": 0},
            # The local renderer answers preflights at the edge, as Kong does with false.
            "preflight_continue": {"const": False},
        },
        required=["origins"],
    ),
    "correlation-id": _record(
        {
            "header_name": {"type": "string", "pattern": "^[A-Za-z0-9-]+$"},
            "generator": {"enum": ["uuid", "uuid#counter", "tracker"]},
            "echo_downstream": {"type": "boolean"},
        },
        required=["header_name"],
    ),
    "prometheus": _record(
        {
            "status_code_metrics": {"type": "boolean"},
            "latency_metrics": {"type": "boolean"},
            "bandwidth_metrics": {"type": "boolean"},
            "upstream_health_metrics": {"type": "boolean"},
            "per_consumer": {"type": "boolean"},
        }
    ),
}

_PLUGIN = {
    **_record(
        {
            "name": {"enum": sorted(PLUGIN_CONFIGS)},
            "config": {"type": "object"},
            "enabled": {"type": "boolean"},
            "tags": _TAGS,
        },
        required=["name"],
    ),
    # Each plugin's config is checked against its own record.
    "allOf": [
        {
            "if": {"properties": {"name": {"const": name}}},
            "then": {"properties": {"config": config}},
        }
        for name, config in PLUGIN_CONFIGS.items()
    ],
}

_PLUGINS = {"type": "array", "items": _PLUGIN}

_ROUTE = _record(
    {
        "name": _NAME,
        "paths": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            # Prefix paths start with '/', regex paths with '~/' (Kong 3.x syntax).
            "items": {"type": "string", "pattern": "^~?/[^\\s]*$"},
        },
        "methods": {
            "type": "array",
            "minItems": 1,
            "items": {"enum": _METHODS},
            "uniqueItems": True,
        },
        "strip_path": {"const": False},
        "preserve_host": {"type": "boolean"},
        "regex_priority": {"type": "integer"},
        "protocols": {"type": "array", "items": {"enum": ["http", "https"]}, "minItems": 1},
        "tags": _TAGS,
        "plugins": _PLUGINS,
    },
    required=["name", "paths"],
)

_SERVICE = _record(
    {
        "name": _NAME,
        # Scheme, host and optional port; the services serve their full path themselves.
        "url": {"type": "string", "pattern": "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$"},
        "connect_timeout": _POSITIVE_MS,
        "read_timeout": _POSITIVE_MS,
        "write_timeout": _POSITIVE_MS,
        "retries": {"type": "integer", "minimum": 0, "maximum": 32767},
        "tags": _TAGS,
        "routes": {"type": "array", "minItems": 1, "items": _ROUTE},
        "plugins": _PLUGINS,
    },
    required=["name", "url", "routes"],
)

_CONSUMER = _record(
    {
        "username": _NAME,
        "custom_id": {"type": "string"},
        "tags": _TAGS,
        "jwt_secrets": {
            "type": "array",
            # Kong keys secrets by `iss` (unique), so an issuer has exactly one key.
            "maxItems": 1,
            "items": _record(
                {
                    "key": {"type": "string", "minLength": 1},
                    "algorithm": {"enum": ["RS256"]},
                    "rsa_public_key": {"oneOf": [_PEM_PUBLIC_KEY, _PLACEHOLDER]},
                    "tags": _TAGS,
                },
                required=["key", "algorithm", "rsa_public_key"],
            ),
        },
        "acls": {
            "type": "array",
            "items": _record({"group": _NAME, "tags": _TAGS}, required=["group"]),
        },
    },
    required=["username"],
)

KONG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **_record(
        {
            "_format_version": {"const": "3.0"},
            "services": {"type": "array", "minItems": 1, "items": _SERVICE},
            "consumers": {"type": "array", "items": _CONSUMER},
            "plugins": _PLUGINS,
        },
        required=["_format_version", "services"],
    ),
}
