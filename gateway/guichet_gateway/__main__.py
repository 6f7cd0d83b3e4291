"""Command line: `python -m guichet_gateway render|validate` (see gateway/README.md)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from guichet_gateway import envoy, kongfile


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m guichet_gateway")
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser("render", help="write the Envoy bootstrap for kong.yml")
    render.add_argument("--kong", type=Path, default=kongfile.KONG_FILE, help="kong.yml to read")
    render.add_argument("--out", type=Path, required=True, help="where to write the Envoy YAML")
    render.add_argument(
        "--local",
        action="store_true",
        help="upstreams on the README's loopback ports, developer inbox, local CORS origins",
    )
    render.add_argument("--listen", type=_address, default=("127.0.0.1", 8000))
    render.add_argument("--admin", type=_address, default=("127.0.0.1", 9901))

    validate = commands.add_parser("validate", help="check kong.yml against our strict schema")
    validate.add_argument("--kong", type=Path, default=kongfile.KONG_FILE)
    validate.add_argument(
        "--env",
        action="store_true",
        help="substitute the DECK_ placeholders from the environment first, as decK does",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; problems go to stderr, one per line, and the exit code is 1."""
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "render":
            options = envoy.Options(
                local=arguments.local, listen=arguments.listen, admin=arguments.admin
            )
            bootstrap = envoy.render(kongfile.load(arguments.kong), options)
            arguments.out.parent.mkdir(parents=True, exist_ok=True)
            arguments.out.write_text(envoy.dump(bootstrap), encoding="utf-8")
        else:
            kongfile.load(arguments.kong, dict(os.environ) if arguments.env else None)
            print(f"{arguments.kong}: OK")
    except kongfile.KongConfigError as error:
        for problem in error.problems:
            print(f"{arguments.kong}: {problem}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"guichet_gateway {arguments.command}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
