"""Where the local runtime keeps its state, which ports it uses and how services are configured."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
POSTGRES_PORT = 55432
KAFKA_PORT = 59092
KAFKA_CONTROLLER_PORT = 59093
SMTP_PORT = 2525
INBOX_PORT = 8025
WEB_PORT = 8090
GATEWAY_PORT = 8000
GATEWAY_ADMIN_PORT = 9901

GATEWAY_URL = f"http://{HOST}:{GATEWAY_PORT}"
INBOX_URL = f"{GATEWAY_URL}/dev/inbox/"


def _find_root() -> Path:
    # The package is installed editable from deploy/local, so the repository root is three
    # levels up; GUICHET_ROOT lets a test point the runtime elsewhere.
    override = os.environ.get("GUICHET_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3]


ROOT = _find_root()
RUN = ROOT / ".run"
LOGS = RUN / "logs"
PIDS = RUN / "pids"
STATE = RUN / "state"
MAIL = RUN / "mail"
KAFKA_RUN = RUN / "kafka"
KAFKA_LIBS = ROOT / "deploy" / "kafka" / "libs"
WEB_DIST = ROOT / "web" / "dist"
ENVOY_CONFIG = RUN / "envoy.yaml"
PG_PASSWORD_FILE = STATE / "pg-password"


@dataclass(frozen=True)
class Service:
    """One of the six services: its name, environment prefix and ports."""

    name: str
    http_port: int
    worker_port: int

    @property
    def prefix(self) -> str:
        return self.name.upper() + "_"

    @property
    def database(self) -> str:
        return self.name


SERVICES: tuple[Service, ...] = tuple(
    Service(name, 8101 + i, 8201 + i)
    for i, name in enumerate(
        ("identity", "organisation", "beneficiary", "invoicing", "notification", "documents")
    )
)
SERVICE_BY_NAME = {s.name: s for s in SERVICES}


def ensure_dirs() -> None:
    for path in (RUN, LOGS, PIDS, STATE, MAIL, KAFKA_RUN):
        path.mkdir(parents=True, exist_ok=True)
    # Secrets live here: only the owner may read them.
    STATE.chmod(0o700)


def pg_password() -> str:
    """Return the PostgreSQL password of role guichet, generating it once."""
    ensure_dirs()
    if PG_PASSWORD_FILE.exists():
        return PG_PASSWORD_FILE.read_text().strip()
    password = secrets.token_urlsafe(24)
    # O_EXCL + 0600 at creation: the password is never world-readable, even briefly.
    fd = os.open(PG_PASSWORD_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    return password


def database_url(database: str, password: str) -> str:
    return f"postgresql+asyncpg://guichet:{password}@{HOST}:{POSTGRES_PORT}/{database}"


def service_env(service: Service, password: str) -> dict[str, str]:
    """The environment variables of one service, as documented in deploy/local/README.md."""
    p = service.prefix
    env = {
        p + "MODE": "local",
        p + "STATE_DIR": str(STATE),
        p + "DATABASE_URL": database_url(service.database, password),
        p + "KAFKA_BOOTSTRAP": f"{HOST}:{KAFKA_PORT}",
        p + "JWKS_URL": f"http://{HOST}:8101/api/identity/.well-known/jwks.json",
        p + "HTTP_PORT": str(service.http_port),
        p + "WORKER_PORT": str(service.worker_port),
        p + "PUBLIC_URL": GATEWAY_URL,
    }
    if service.name == "notification":
        env |= {
            p + "SMTP_HOST": HOST,
            p + "SMTP_PORT": str(SMTP_PORT),
            p + "SMS_CAPTURE_URL": f"http://{HOST}:{INBOX_PORT}/dev/inbox/api/sms",
        }
    if service.name == "documents":
        env[p + "STORAGE_DIR"] = str(RUN / "files")
    if service.name == "organisation":
        env[p + "IDENTITY_URL"] = f"http://{HOST}:{SERVICE_BY_NAME['identity'].http_port}"
    if service.name == "invoicing":
        # What an invoice copies at sending is read from its owners with the caller's token.
        for owner in ("identity", "organisation", "beneficiary", "documents"):
            env[p + owner.upper() + "_URL"] = f"http://{HOST}:{SERVICE_BY_NAME[owner].http_port}"
    return env


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The supervisor's environment plus settings every child gets."""
    env = dict(os.environ)
    # Unbuffered output so that the log tail shown on a failure is complete.
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env
