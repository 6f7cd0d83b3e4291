"""A throwaway PostgreSQL cluster in .run/pg: one role `guichet`, one database per service."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

from guichet_local import layout
from guichet_local.processes import StartupError, failure, log_path, port_open, rotate

NAME = "postgres"
ROLE = "guichet"
DATABASES = tuple(s.database for s in layout.SERVICES)


def bin_dir() -> Path:
    """The server binaries of the Debian package (initdb and pg_ctl are not on PATH)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    # The version the project is tested with first, else the newest installed.
    preferred = [p for p in candidates if p.parent.parent.name == "15"] or candidates[-1:]
    if not preferred:
        raise StartupError("postgres: server binaries not found (run `make install`)")
    return preferred[0].parent


def _as_postgres() -> list[str]:
    # initdb refuses to run as root; as an ordinary user the cluster simply belongs to us.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _postgres_can_reach(path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run(  # noqa: S603
        [*_as_postgres(), "test", "-x", str(path)], check=False, capture_output=True
    )
    return probe.returncode == 0


def base_dir() -> Path:
    """Where the data and socket directories live: .run, unless user postgres cannot enter it."""
    layout.ensure_dirs()
    if _postgres_can_reach(layout.RUN):
        return layout.RUN
    # A checkout under a private home (e.g. /root, mode 0700) is closed to user postgres;
    # keep the cluster outside the repository then and leave a pointer in .run.
    digest = hashlib.sha256(str(layout.ROOT).encode()).hexdigest()[:10]
    fallback = Path("/var/tmp") / f"guichet-{digest}"  # noqa: S108 - fixed name, root only
    fallback.mkdir(mode=0o755, exist_ok=True)
    pointer = layout.RUN / "pg"
    if not pointer.is_symlink() and not pointer.exists():
        pointer.symlink_to(fallback / "pg")
    return fallback


def data_dir() -> Path:
    return base_dir() / "pg"


def socket_dir() -> Path:
    return base_dir() / "pg-socket"


def scram_verifier(password: str, salt: bytes | None = None, iterations: int = 4096) -> str:
    """A SCRAM-SHA-256 verifier (RFC 7677), so the clear password never reaches the server."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    return (
        f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}"
        f"${b64(stored_key).decode()}:{b64(server_key).decode()}"
    )


def _chown_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(path, user.pw_uid, user.pw_gid)


def _run(argv: list[str], what: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603
        argv, input=stdin, text=True, capture_output=True, check=False, cwd="/"
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise StartupError(f"postgres: {what} failed (exit {result.returncode}):\n{output}")
    return result


CONFIG = """\
# Written by guichet_local at every start: a throwaway cluster for one developer machine.
listen_addresses = '{host}'
port = {port}
unix_socket_directories = '{socket_dir}'
# Six services, each with an API and a worker pool, plus tests.
max_connections = 300
shared_buffers = 64MB
password_encryption = scram-sha-256
# Durability is not needed for throwaway data; this makes migrations and tests much faster.
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_duration_statement = -1
log_line_prefix = '%m [%p] %q%u@%d '
"""

HBA = """\
# Written by guichet_local: the superuser only through the socket as OS user postgres,
# everything else with a password.
local all postgres peer
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
"""


def ensure_cluster() -> Path:
    """Create the cluster once (initdb as user postgres); reuse an existing one."""
    data = data_dir()
    bins = bin_dir()
    if not (data / "PG_VERSION").exists():
        if data.exists() and any(data.iterdir()):
            raise StartupError(f"postgres: {data} exists but is not a cluster; remove it")
        data.mkdir(mode=0o700, exist_ok=True)
        _chown_postgres(data)
        _run(
            [
                *_as_postgres(),
                str(bins / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth-local=peer",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            "initdb",
        )
    sockets = socket_dir()
    sockets.mkdir(mode=0o755, exist_ok=True)
    _chown_postgres(sockets)
    settings = CONFIG.format(host=layout.HOST, port=layout.POSTGRES_PORT, socket_dir=sockets)
    _write_as_postgres(data / "guichet.conf", settings)
    _write_as_postgres(data / "pg_hba.conf", HBA)
    main_conf = data / "postgresql.conf"
    include = "include_if_exists = 'guichet.conf'"
    if include not in main_conf.read_text():
        with main_conf.open("a") as handle:
            handle.write(f"\n{include}\n")
    return data


def _write_as_postgres(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o600)
    _chown_postgres(path)


def is_running() -> bool:
    data = data_dir()
    if not (data / "PG_VERSION").exists():
        return False
    result = subprocess.run(  # noqa: S603
        [*_as_postgres(), str(bin_dir() / "pg_ctl"), "-D", str(data), "status"],
        capture_output=True,
        check=False,
        cwd="/",
    )
    return result.returncode == 0


def pid() -> int | None:
    try:
        return int((data_dir() / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def start(timeout: float = 60.0) -> None:
    """Start the cluster (pg_ctl -w) unless it already runs, then check the TCP port."""
    data = ensure_cluster()
    if is_running():
        return
    if port_open(layout.POSTGRES_PORT):
        raise StartupError(
            f"postgres: port {layout.POSTGRES_PORT} is already taken by another program"
        )
    log = log_path(NAME)
    rotate(log)
    with log.open("ab") as out:
        # Without -l the server inherits this file as stdout: it is opened by us, so it does
        # not matter that user postgres may not be allowed to write into .run/logs.
        result = subprocess.run(  # noqa: S603
            [
                *_as_postgres(),
                str(bin_dir() / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-t",
                str(int(timeout)),
                "start",
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            check=False,
            cwd="/",
        )
    if result.returncode != 0:
        raise failure(NAME, f"pg_ctl start failed (exit {result.returncode})", log)


def ensure_databases(password: str) -> None:
    """Create or update role guichet and create the missing service databases."""
    verifier = scram_verifier(password)
    names = ", ".join(f"'{name}'" for name in DATABASES)
    # Only constants and a generated verifier go into this SQL.
    sql = f"""
\\set ON_ERROR_STOP on
SELECT 'CREATE ROLE {ROLE}' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}')
\\gexec
ALTER ROLE {ROLE} WITH LOGIN CREATEDB PASSWORD '{verifier}';
SELECT format('CREATE DATABASE %I OWNER {ROLE}', name)
  FROM unnest(ARRAY[{names}]) AS name
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name)
\\gexec
"""  # noqa: S608
    # SQL goes through stdin, not argv: nothing secret shows up in the process list.
    _run(
        [
            *_as_postgres(),
            str(bin_dir() / "psql"),
            "-X",
            "-q",
            "-h",
            str(socket_dir()),
            "-p",
            str(layout.POSTGRES_PORT),
            "-U",
            "postgres",
            "-d",
            "postgres",
        ],
        "creating role and databases",
        stdin=sql,
    )


def stop() -> bool:
    """Fast shutdown (pg_ctl stop -m fast); True when the cluster was running."""
    if not is_running():
        return False
    _run(
        [
            *_as_postgres(),
            str(bin_dir() / "pg_ctl"),
            "-D",
            str(data_dir()),
            "-m",
            "fast",
            "-w",
            "stop",
        ],
        "pg_ctl stop",
    )
    return True


def installed() -> bool:
    try:
        bin_dir()
    except StartupError:
        return False
    return shutil.which("runuser") is not None or os.geteuid() != 0
