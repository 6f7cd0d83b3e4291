"""A process whose database or broker is unreachable stops at once with one clear line."""

import os
import subprocess
import sys

import pytest

CLOSED_DB = "postgresql+asyncpg://guichet:x@127.0.0.1:9/identity"
CLOSED_KAFKA = "127.0.0.1:7"


def start(module: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IDENTITY_")}
    env.update(
        IDENTITY_MODE="local",
        IDENTITY_STATE_DIR="/tmp/guichet-startup-test",
        IDENTITY_DATABASE_URL=CLOSED_DB,
        IDENTITY_KAFKA_BOOTSTRAP=CLOSED_KAFKA,
        IDENTITY_JWKS_URL="http://127.0.0.1:9/jwks",
        IDENTITY_HTTP_PORT="8199",
        IDENTITY_WORKER_PORT="8299",
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-m", module], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("module", ["identity", "identity.worker"])
def test_unreachable_database_and_broker_fail_with_one_message(module: str) -> None:
    result = start(module)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot start" in line]
    assert len(lines) == 1, result.stderr
    assert "database unreachable" in lines[0]
    assert "Kafka unreachable at 127.0.0.1:7" in lines[0]
    assert "guichet:x@" not in result.stderr, "the database password leaked into the log"


def test_unreachable_database_fails_migrations_cleanly() -> None:
    result = start("identity.migrate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "database unreachable" in result.stderr


def test_missing_settings_are_named() -> None:
    result = start("identity", IDENTITY_DATABASE_URL="", IDENTITY_KAFKA_BOOTSTRAP="")
    assert result.returncode == 2
    assert "IDENTITY_DATABASE_URL" in result.stderr
    assert "IDENTITY_KAFKA_BOOTSTRAP" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_mode_refuses_to_invent_a_signing_key() -> None:
    result = start("identity", IDENTITY_MODE="production")
    assert result.returncode == 2
    assert "identity-signing-key.pem must be provided outside local mode" in result.stderr
    assert "Traceback" not in result.stderr
