"""Back up, restore and verify the services' PostgreSQL databases; purge old audit entries.

One tool for the local stack and for compose (docs/operations.md). Standard library only, so it
runs on any host with Python 3.11 and the PostgreSQL client tools, or with the tools of the
database container through a command prefix:

    python deploy/backup/guichet_backup.py --local backup backups/2026-01-31
    python deploy/backup/guichet_backup.py --local restore backups/2026-01-31 --create
    GUICHET_PG_EXEC="docker compose -f deploy/compose/compose.yaml -p guichet exec -T postgres" \\
        PGUSER=guichet python deploy/backup/guichet_backup.py backup backups/2026-01-31

Connection: libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD (or --host/--port/--user), or --local for
the cluster of `python -m guichet_local` (127.0.0.1:55432, role guichet, password from
.run/state/pg-password). A backup is one `pg_dump --format=custom` archive per database and a
manifest.json with each archive's SHA-256 and the rows per table it holds (counted from the
archive itself, so the counts match the archive even while the services keep writing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DATABASES = ("identity", "organisation", "beneficiary", "invoicing", "notification", "documents")
MANIFEST = "manifest.json"
# Swiss data-protection ordinance (art. 4): audit logs are kept at least a year.
MIN_AUDIT_KEEP_DAYS = 365
# The audit trail: every service names its table audit_entry, with the time in column `at`.
AUDIT_TABLE_SQL = """
SELECT 1 FROM information_schema.columns
 WHERE table_schema = 'public' AND table_name = 'audit_entry' AND column_name = 'at'
"""

COPY_START = re.compile(r"^COPY (\S+) \(.*\) FROM stdin;$")
TABLES_SQL = """
SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)
  FROM information_schema.tables
 WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1
"""


class BackupError(Exception):
    """A step failed; the message says which database and why."""


@dataclass
class Postgres:
    """How to run the client tools: a command prefix (e.g. docker compose exec), connection."""

    prefix: list[str] = field(default_factory=list)
    bin_dir: Path | None = None
    host: str | None = None
    port: str | None = None
    user: str | None = None
    password: str | None = None

    def argv(self, tool: str, database: str, *args: str) -> list[str]:
        program = str(self.bin_dir / tool) if self.bin_dir else tool
        connection = [f"--dbname={database}"]
        connection += [f"--host={self.host}"] if self.host else []
        connection += [f"--port={self.port}"] if self.port else []
        connection += [f"--username={self.user}"] if self.user else []
        return [*self.prefix, program, *connection, "--no-password", *args]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password is not None:
            # In the environment, never in argv: the process list shows argv to everyone.
            env["PGPASSWORD"] = self.password
        return env

    def run(
        self, tool: str, database: str, *args: str, stdin: int | None = None, stdout: int | None
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(  # noqa: S603 - fixed tools, arguments built here
            self.argv(tool, database, *args),
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=self.env(),
            check=False,
        )

    def query(self, database: str, sql: str) -> list[list[str]]:
        """Rows of one statement (psql unaligned, tab-separated)."""
        result = subprocess.run(  # noqa: S603
            self.argv("psql", database, "-XqAt", "-F", "\t", "-v", "ON_ERROR_STOP=1"),
            input=sql.encode(),
            capture_output=True,
            env=self.env(),
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"{database}: psql failed: {result.stderr.decode().strip()}")
        lines = result.stdout.decode().splitlines()
        return [line.split("\t") for line in lines if line]


# --- backup -----------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_counts(pg: Postgres, archive: Path) -> dict[str, int]:
    """Rows per table in an archive: the lines of each COPY block of `pg_restore -f -`."""
    argv = [*pg.prefix, str(pg.bin_dir / "pg_restore") if pg.bin_dir else "pg_restore", "-f", "-"]
    with (
        archive.open("rb") as source,
        subprocess.Popen(  # noqa: S603
            argv, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=pg.env()
        ) as proc,
    ):
        assert proc.stdout is not None
        counts = _count_copy_rows(proc.stdout)
        error = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise BackupError(f"{archive.name}: pg_restore could not read it: {error.strip()}")
    return counts


def _count_copy_rows(script: Iterator[bytes]) -> dict[str, int]:
    counts: dict[str, int] = {}
    table: str | None = None
    for raw in script:
        if table is not None:
            # COPY text format escapes backslashes and newlines: one row per line, `\.` ends.
            if raw.rstrip(b"\n") == b"\\.":
                table = None
            else:
                counts[table] += 1
            continue
        match = COPY_START.match(raw.decode("utf-8", "replace").rstrip("\n"))
        if match:
            table = match.group(1)
            counts[table] = 0
    return counts


def backup(pg: Postgres, target: Path, databases: Sequence[str]) -> dict[str, Any]:
    target.mkdir(parents=True, exist_ok=False)
    entries: dict[str, Any] = {}
    for database in databases:
        archive = target / f"{database}.dump"
        with archive.open("wb") as out:
            # Written to stdout so that the same call works through `docker compose exec`.
            result = pg.run("pg_dump", database, "--format=custom", stdout=out.fileno())
        if result.returncode != 0:
            raise BackupError(f"{database}: pg_dump failed: {result.stderr.decode().strip()}")
        counts = archive_counts(pg, archive)
        entries[database] = {
            "file": archive.name,
            "sha256": sha256(archive),
            "bytes": archive.stat().st_size,
            "tables": counts,
        }
        print(f"{database}: {archive.stat().st_size:,} bytes, {sum(counts.values()):,} rows")
    manifest: dict[str, Any] = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "format": "pg_dump custom, one archive per database",
        "server_version": pg.query("postgres", "SHOW server_version")[0][0],
        "databases": entries,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


# --- restore and verify -----------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, dict[str, Any]]:
    manifest = json.loads((source / MANIFEST).read_text())
    return dict(manifest["databases"])


def check_archive(source: Path, database: str, entry: dict[str, Any]) -> Path:
    archive = source / str(entry["file"])
    if sha256(archive) != entry["sha256"]:
        raise BackupError(f"{database}: {archive} does not match the manifest's SHA-256")
    return archive


def live_counts(pg: Postgres, database: str) -> dict[str, int]:
    tables = [row[0] for row in pg.query(database, TABLES_SQL)]
    if not tables:
        return {}
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)  # noqa: S608
    return {name: int(count) for name, count in pg.query(database, sql)}


def differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    return [
        f"{table}: manifest {expected.get(table)}, database {found.get(table)}"
        for table in sorted(expected.keys() | found.keys())
        if expected.get(table) != found.get(table)
    ]


def database_exists(pg: Postgres, database: str) -> bool:
    rows = pg.query("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'")  # noqa: S608
    return bool(rows)


def restore(pg: Postgres, source: Path, databases: Sequence[str] | None, create: bool) -> None:
    """Restore into empty databases (created when --create), then compare the row counts."""
    entries = read_manifest(source)
    for database in databases or list(entries):
        entry = entries[database]
        archive = check_archive(source, database, entry)
        if not database_exists(pg, database):
            if not create:
                raise BackupError(f"{database}: no such database (use --create)")
            pg.query("postgres", f'CREATE DATABASE "{database}"')
        if pg.query(database, TABLES_SQL):
            raise BackupError(f"{database}: not empty; restore only into an empty database")
        with archive.open("rb") as source_file:
            result = pg.run(
                "pg_restore",
                database,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                stdin=source_file.fileno(),
                stdout=subprocess.DEVNULL,
            )
        if result.returncode != 0:
            raise BackupError(f"{database}: pg_restore failed: {result.stderr.decode().strip()}")
        expected: dict[str, int] = entry["tables"]
        wrong = differences(expected, live_counts(pg, database))
        if wrong:
            raise BackupError(f"{database}: restored rows differ: " + "; ".join(wrong))
        print(f"{database}: restored, {sum(expected.values()):,} rows as in the manifest")


def verify(pg: Postgres, source: Path) -> None:
    """Check each archive's checksum and that it still reads back to the manifest's counts."""
    for database, entry in read_manifest(source).items():
        archive = check_archive(source, database, entry)
        expected: dict[str, int] = entry["tables"]
        wrong = differences(expected, archive_counts(pg, archive))
        if wrong:
            raise BackupError(f"{database}: archive differs from the manifest: " + "; ".join(wrong))
        print(f"{database}: checksum and {len(expected)} table counts ok")


# --- audit retention ----------------------------------------------------------------------------


def purge_audit(pg: Postgres, keep_days: int, databases: Sequence[str], dry_run: bool) -> int:
    """Delete audit entries older than keep_days (at least a year) from every audit table."""
    if keep_days < MIN_AUDIT_KEEP_DAYS:
        raise BackupError(
            f"audit entries are kept at least {MIN_AUDIT_KEEP_DAYS} days; {keep_days} refused"
        )
    total = 0
    for database in databases:
        if not pg.query(database, AUDIT_TABLE_SQL):
            continue
        old = f"public.audit_entry WHERE at < now() - make_interval(days => {int(keep_days)})"
        sql = (
            f"SELECT count(*) FROM {old}"  # noqa: S608 - an int and constants only
            if dry_run
            else f"WITH gone AS (DELETE FROM {old} RETURNING 1) SELECT count(*) FROM gone"  # noqa: S608
        )
        count = int(pg.query(database, sql)[0][0])
        total += count
        action = "would delete" if dry_run else "deleted"
        print(f"{database}: {action} {count} audit entries older than {keep_days} days")
    return total


# --- command line -------------------------------------------------------------------------------


def connection(args: argparse.Namespace) -> Postgres:
    prefix = shlex.split(os.environ.get("GUICHET_PG_EXEC", ""))
    pg = Postgres(
        prefix=prefix,
        host=args.host or os.environ.get("PGHOST"),
        port=args.port or os.environ.get("PGPORT"),
        user=args.user or os.environ.get("PGUSER"),
    )
    if args.local:
        # Imported only here: on a compose host the tool needs nothing but the standard library.
        from guichet_local import layout, postgres

        pg.bin_dir = postgres.bin_dir()
        pg.host, pg.port, pg.user = layout.HOST, str(layout.POSTGRES_PORT), postgres.ROLE
        pg.password = layout.pg_password()
    elif not prefix:
        pg.bin_dir = newest_client_dir()
    return pg


def newest_client_dir() -> Path | None:
    """Debian keeps each major version's tools in /usr/lib/postgresql/<n>/bin; take the newest.

    None: use the tools on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_dump"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument("--local", action="store_true", help="the cluster of guichet_local")
    cli.add_argument("--host")
    cli.add_argument("--port")
    cli.add_argument("--user")
    commands = cli.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="pg_dump every database into a new folder")
    make.add_argument("target", type=Path)
    make.add_argument("--databases", nargs="+", default=list(DATABASES))
    back = commands.add_parser("restore", help="restore a backup folder into empty databases")
    back.add_argument("source", type=Path)
    back.add_argument("--databases", nargs="+")
    back.add_argument("--create", action="store_true", help="create missing databases")
    check = commands.add_parser("verify", help="check a backup folder against its manifest")
    check.add_argument("source", type=Path)
    purge = commands.add_parser("purge-audit", help="delete audit entries older than a year+")
    purge.add_argument("--keep-days", type=int, required=True)
    purge.add_argument("--databases", nargs="+", default=list(DATABASES))
    purge.add_argument("--dry-run", action="store_true")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    pg = connection(args)
    try:
        if args.command == "backup":
            backup(pg, args.target, args.databases)
        elif args.command == "restore":
            restore(pg, args.source, args.databases, args.create)
        elif args.command == "verify":
            verify(pg, args.source)
        else:
            purge_audit(pg, args.keep_days, args.databases, args.dry_run)
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
