"""Pure parts of the supervisor: plans, settings, generated identifiers, static serving."""

import base64
from pathlib import Path

import pytest

from guichet_local import kafka, layout, postgres, supervisor
from guichet_local.processes import StartupError
from guichet_local.webstatic import IMMUTABLE, REVALIDATE, resolve


def test_a_worker_brings_its_infrastructure_in_start_order() -> None:
    assert supervisor.expand(["notification-worker"]) == [
        "postgres",
        "kafka",
        "mail",
        "notification-worker",
    ]


def test_groups_expand_and_unknown_parts_are_refused() -> None:
    assert supervisor.expand(["identity"]) == [
        "postgres",
        "kafka",
        "identity-api",
        "identity-worker",
    ]
    assert supervisor.expand(["all"]) == list(supervisor.ORDER)
    with pytest.raises(StartupError, match="unknown part"):
        supervisor.expand(["kafak"])


def test_stopping_a_part_leaves_its_dependents_alone() -> None:
    assert supervisor.expand_groups(["kafka"]) == ["kafka"]
    assert supervisor.expand_groups(["documents"]) == ["documents-api", "documents-worker"]


def test_service_environment_matches_the_readme() -> None:
    env = layout.service_env(layout.SERVICE_BY_NAME["notification"], "pw")
    assert env["NOTIFICATION_MODE"] == "local"
    assert env["NOTIFICATION_DATABASE_URL"] == (
        "postgresql+asyncpg://guichet:pw@127.0.0.1:55432/notification"
    )
    assert env["NOTIFICATION_KAFKA_BOOTSTRAP"] == "127.0.0.1:59092"
    assert env["NOTIFICATION_WORKER_PORT"] == "8205"
    assert env["NOTIFICATION_SMTP_PORT"] == "2525"
    assert env["NOTIFICATION_SMS_CAPTURE_URL"] == "http://127.0.0.1:8025/dev/inbox/api/sms"
    assert "IDENTITY_SMTP_HOST" not in layout.service_env(layout.SERVICE_BY_NAME["identity"], "pw")


def test_kafka_cluster_id_is_a_uuid_in_url_safe_base64() -> None:
    for _ in range(50):
        value = kafka.new_cluster_id()
        assert len(value) == 22
        assert not value.startswith("-")
        assert len(base64.urlsafe_b64decode(value + "==")) == 16


def test_scram_verifier_has_postgres_format() -> None:
    verifier = postgres.scram_verifier("secret", salt=b"0123456789abcdef")
    head, keys = verifier.split("$", 1)[1].split("$")
    assert verifier.startswith("SCRAM-SHA-256$4096:")
    assert head == "4096:" + base64.b64encode(b"0123456789abcdef").decode()
    assert all(len(base64.b64decode(k)) == 32 for k in keys.split(":"))
    assert "secret" not in verifier


def test_static_server_falls_back_to_the_app_and_caches_assets(tmp_path: Path) -> None:
    assert resolve(tmp_path, "/") is None
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "assets" / "app-1234.js").write_text("x")
    (tmp_path.parent / "secret.txt").write_text("no")
    assert resolve(tmp_path, "/assets/app-1234.js") == (
        (tmp_path / "assets" / "app-1234.js").resolve(),
        IMMUTABLE,
    )
    assert resolve(tmp_path, "/invoices/42") == (tmp_path / "index.html", REVALIDATE)
    assert resolve(tmp_path, "/../secret.txt") == (tmp_path / "index.html", REVALIDATE)
