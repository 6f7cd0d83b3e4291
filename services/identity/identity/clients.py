"""``python -m identity.clients``: secrets and hashes for ``IDENTITY_CLIENTS``.

python -m identity.clients new office-cli registrations:review   # prints secret + JSON entry
python -m identity.clients hash < secret.txt                      # prints sha256:<hex>
"""

import argparse
import json
import secrets
import sys

from identity.adapters.clients import hash_client_secret


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m identity.clients")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="a fresh secret and the IDENTITY_CLIENTS entry for it")
    new.add_argument("client_id")
    new.add_argument("scopes", nargs="*")
    commands.add_parser("hash", help="hash a secret read from standard input")
    args = parser.parse_args(argv)

    if args.command == "hash":
        secret = sys.stdin.read().strip()
        if not secret:
            print("no secret on standard input", file=sys.stderr)
            return 2
        print(hash_client_secret(secret))
        return 0
    secret = secrets.token_urlsafe(32)
    entry = {
        "client_id": args.client_id,
        "secret_hash": hash_client_secret(secret),
        "scopes": args.scopes,
    }
    # The secret goes to the client's own configuration; only the entry goes to identity.
    print(f"secret (give it to the client, then forget it): {secret}", file=sys.stderr)
    print(json.dumps(entry))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
