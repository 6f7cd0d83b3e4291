"""``python -m identity.tokens``: mint tokens with identity's key, for tests and local trials.

Refuses outside local mode: in production, tokens come only from login and client credentials.
"""

import argparse
import sys
from datetime import timedelta

from identity.adapters.signing import SigningKey
from identity.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m identity.tokens")
    kinds = parser.add_subparsers(dest="kind", required=True)
    user = kinds.add_parser("user", help="an institution user's access token")
    user.add_argument("--sub", required=True)
    user.add_argument("--company")
    user.add_argument("--role", choices=["manager", "collaborator"])
    office = kinds.add_parser("office", help="an office system's client-credentials token")
    office.add_argument("--client", required=True)
    office.add_argument("--scope", action="append", default=[])
    parser.add_argument("--minutes", type=int, default=15)
    args = parser.parse_args(argv)

    settings = load_settings()
    if not settings.is_local:
        print("tokens are minted here only in local mode", file=sys.stderr)
        return 2
    key = SigningKey.from_settings(settings)
    lifetime = timedelta(minutes=args.minutes)
    if args.kind == "user":
        token = key.user_token(
            settings, subject=args.sub, company_id=args.company, role=args.role, lifetime=lifetime
        )
    else:
        token = key.office_token(
            settings, client_id=args.client, scopes=args.scope, lifetime=lifetime
        )
    print(token)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
