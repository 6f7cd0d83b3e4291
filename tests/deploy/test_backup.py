"""Backups restore into a fresh cluster with the manifest's row counts; audit entries stay a year.

Backs up the running local databases with deploy/backup/guichet_backup.py, restores them into a
throwaway cluster (initdb on a free port, as the `guichet` role with a password, the way the
compose setup connects), compares every table's rows with the manifest, then exercises the audit
purge there. The throwaway cluster is removed whatever the outcome.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from guichet_local import postgres
from tests.conftest import ROOT

pytestmark = pytest.mark.stack

TOOL = ROOT / "deploy" / "backup" / "guichet_backup.py"
DATABASES = ("identity", "organisation", "beneficiary", "invoicing", "notification", "documents")
AUDITED = ("beneficiary", "documents", "invoicing")
PASSWORD = "restore-test-password"


def as_postgres() -> list[str]:
    # initdb and the server refuse to run as root; the local stack uses user postgres the same way.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    port: int
    env: dict[str, str]

    def psql(self, database: str, sql: str) -> list[str]:
        result = subprocess.run(
            [str(postgres.bin_dir() / "psql"), "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", database],
            input=sql,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()


def tool(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def backup_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="guichet-backup-") as folder:
        target = Path(folder) / "backup"
        made = tool("--local", "backup", str(target))
        assert made.returncode == 0, made.stderr
        yield target


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    bins = postgres.bin_dir()
    base = Path(tempfile.mkdtemp(prefix="guichet-restore-", dir="/var/tmp"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, sockets, port = base / "data", base / "socket", free_port()
    run = [*as_postgres(), str(bins / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run([*as_postgres(), "mkdir", str(sockets)], check=True)
        subprocess.run(
            [
                *as_postgres(),
                str(bins / "initdb"),
                *("-D", str(data), "-U", "postgres", "--auth-local=peer"),
                *("--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"),
            ],
            check=True,
            capture_output=True,
            cwd="/",
        )
        options = (
            f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={sockets}"
            " -c fsync=off"
        )
        subprocess.run(
            [*run, "-o", options, "-l", str(base / "server.log"), "-w", "start"],
            check=True,
            capture_output=True,
            cwd="/",
        )
        subprocess.run(
            [
                *as_postgres(),
                str(bins / "psql"),
                *("-Xq", "-v", "ON_ERROR_STOP=1", "-h", str(sockets), "-p", str(port)),
                *("-U", "postgres", "-d", "postgres"),
            ],
            input=f"CREATE ROLE guichet LOGIN CREATEDB PASSWORD '{PASSWORD}';",
            text=True,
            check=True,
            capture_output=True,
            cwd="/",
        )
        env = dict(
            os.environ,
            PGHOST="127.0.0.1",
            PGPORT=str(port),
            PGUSER="guichet",
            PGPASSWORD=PASSWORD,
        )
        yield Cluster(port, env)
    finally:
        subprocess.run([*run, "-m", "immediate", "stop"], capture_output=True, check=False, cwd="/")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def restored(backup_dir: Path, cluster: Cluster) -> Cluster:
    result = tool("restore", str(backup_dir), "--create", env=cluster.env)
    assert result.returncode == 0, result.stderr
    return cluster


def manifest(backup_dir: Path) -> dict[str, dict[str, int]]:
    data = json.loads((backup_dir / "manifest.json").read_text())
    return {name: entry["tables"] for name, entry in data["databases"].items()}


def counts(cluster: Cluster, database: str) -> dict[str, int]:
    tables = cluster.psql(
        database,
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    )
    found = {}
    for table in tables:
        sql = f"SELECT count(*) FROM {table}"  # noqa: S608 - names from the catalogue
        found[table] = int(cluster.psql(database, sql)[0])
    return found


def test_backup_holds_every_database_with_checksums(backup_dir: Path) -> None:
    data = json.loads((backup_dir / "manifest.json").read_text())
    assert set(data["databases"]) == set(DATABASES)
    for name, entry in data["databases"].items():
        archive = backup_dir / entry["file"]
        assert archive.read_bytes()[:5] == b"PGDMP", f"{name} is not a pg_dump custom archive"
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
        assert "public.alembic_version" in entry["tables"], name
    # Accounts exist on any stack that ran a test: the counts are real, not all zero.
    assert data["databases"]["identity"]["tables"]["public.account"] > 0
    verified = tool("verify", str(backup_dir))
    assert verified.returncode == 0, verified.stderr


def test_verify_notices_a_damaged_archive(backup_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(backup_dir, copy)
    with (copy / "organisation.dump").open("ab") as archive:
        archive.write(b"\0")
    result = tool("verify", str(copy))
    assert result.returncode == 1
    assert "organisation" in result.stderr
    assert "SHA-256" in result.stderr


def test_restore_into_a_fresh_cluster_matches_the_manifest(
    backup_dir: Path, restored: Cluster
) -> None:
    for database, expected in manifest(backup_dir).items():
        assert counts(restored, database) == expected, database


def test_restore_refuses_a_database_that_is_not_empty(backup_dir: Path, restored: Cluster) -> None:
    result = tool("restore", str(backup_dir), "--databases", "invoicing", env=restored.env)
    assert result.returncode == 1
    assert "not empty" in result.stderr


def test_audit_purge_keeps_at_least_a_year(restored: Cluster) -> None:
    before = {db: counts(restored, db)["public.audit_entry"] for db in AUDITED}
    insert = {
        "beneficiary": "INSERT INTO audit_entry (at, subject, company_id, action)"
        " VALUES (now() - make_interval(days => {days}), 'restore-test',"
        " gen_random_uuid(), 'read')",
        "invoicing": "INSERT INTO audit_entry (at, subject, institution_id, action)"
        " VALUES (now() - make_interval(days => {days}), 'restore-test',"
        " gen_random_uuid(), 'read')",
        "documents": "INSERT INTO audit_entry (at, actor, actor_kind, company_id, file_id, action)"
        " VALUES (now() - make_interval(days => {days}), 'restore-test', 'user',"
        " gen_random_uuid(), gen_random_uuid(), 'downloaded')",
    }
    for database in AUDITED:
        for days in (364, 366, 800):
            restored.psql(database, insert[database].format(days=days))

    refused = tool("purge-audit", "--keep-days", "364", env=restored.env)
    assert refused.returncode == 1
    assert "at least 365 days" in refused.stderr

    purged = tool("purge-audit", "--keep-days", "365", env=restored.env)
    assert purged.returncode == 0, purged.stderr
    for database in AUDITED:
        left = restored.psql(
            database,
            "SELECT (now() - at) < interval '365 days' FROM audit_entry"
            " WHERE at < now() - interval '300 days'",
        )
        # The 364-day entry stays (with any older rows already there); 366 and 800 are gone.
        assert left == ["t"], database
        assert counts(restored, database)["public.audit_entry"] == before[database] + 1


def test_no_service_deletes_audit_entries() -> None:
    """The services' code (their packages; not benches or migration downgrades) never removes
    audit rows: only the purge above does, and it keeps a year."""
    deleting = re.compile(r"audit_entry\s*\.\s*delete\(|DELETE\s+FROM\s+audit_entry", re.I)
    offenders = [
        str(path.relative_to(ROOT))
        for service in (ROOT / "services").iterdir()
        for path in (service / service.name).glob("**/*.py")
        if deleting.search(path.read_text())
    ]
    assert offenders == []


def test_no_cascade_or_trigger_removes_audit_entries(restored: Cluster) -> None:
    """A deleted beneficiary or file must not take its audit trail with it."""
    for database in DATABASES:
        rules = restored.psql(
            database,
            "SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
            " WHERE t.relname LIKE '%audit%' AND c.contype = 'f'"
            " AND c.confdeltype IN ('c', 'n', 'd')"
            " UNION ALL SELECT tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
            " WHERE NOT g.tgisinternal AND t.relname LIKE '%audit%'",
        )
        assert rules == [], database
