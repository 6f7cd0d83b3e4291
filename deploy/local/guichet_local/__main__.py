"""Command line of the local runtime: run, up, down, status, purge."""

from __future__ import annotations

import argparse
import asyncio
import sys

from guichet_local import kafka, supervisor
from guichet_local.processes import StartupError

PARTS_HELP = (
    "comma-separated parts or groups: "
    + ", ".join(supervisor.ORDER)
    + "; groups: "
    + ", ".join(supervisor.GROUPS)
)


def _names(only: str | None) -> list[str]:
    return [n.strip() for n in only.split(",") if n.strip()] if only else ["all"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guichet_local", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("run", "start everything in the foreground; Ctrl-C stops it all"),
        ("up", "start in the background and return once everything is ready"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--only", help=PARTS_HELP)
        sub.add_argument("--timeout", type=float, default=180.0, help="seconds (default 180)")
    down = commands.add_parser("down", help="stop what `up` started (idempotent)")
    down.add_argument("--only", help=PARTS_HELP)
    commands.add_parser("status", help="show what runs")
    commands.add_parser("purge", help="stop everything and delete all local state (.run/)")
    args = parser.parse_args(argv)
    kafka.quiet_client_logs()

    try:
        if args.command == "run":
            return asyncio.run(supervisor.run_foreground(_names(args.only), args.timeout))
        if args.command == "up":
            stack = supervisor.Stack(args.timeout)
            plan = asyncio.run(stack.up(_names(args.only)))
            if "gateway" in plan or "web" in plan:
                gateway = "gateway" in plan and "gateway" not in stack.skipped
                for line in supervisor.urls(gateway):
                    print(line)
            print("stop with: python -m guichet_local down")
            return 0
        if args.command == "down":
            stopped = supervisor.stop(_names(args.only) if args.only else None)
            print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
            return 0
        if args.command == "purge":
            supervisor.stop(None)
            supervisor.purge()
            print("stopped everything and deleted the local state")
            return 0
        for name, state, address in supervisor.status():
            print(f"{name:<22} {address:<17} {state}")
        return 0
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # `up` interrupted: Stack.up has already stopped what it started.
        return 130


if __name__ == "__main__":
    sys.exit(main())
