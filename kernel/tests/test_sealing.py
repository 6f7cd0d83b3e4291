"""Sealed secrets open only with the same key and are not readable in transit."""

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from kernel.sealing import Sealer


def test_seal_and_open_round_trip_without_clear_text() -> None:
    sealer = Sealer(SecretStr(Fernet.generate_key().decode()))
    sealed = sealer.seal("123456")
    assert "123456" not in sealed
    assert sealer.open(sealed) == "123456"


def test_another_key_cannot_open() -> None:
    sealed = Sealer(SecretStr(Fernet.generate_key().decode())).seal("123456")
    with pytest.raises(ValueError, match="cannot be opened"):
        Sealer(SecretStr(Fernet.generate_key().decode())).open(sealed)


def test_local_services_share_the_generated_key(tmp_path: Path) -> None:
    from kernel.settings import ServiceSettings

    settings = ServiceSettings(
        mode="local", state_dir=tmp_path, database_url="x", kafka_bootstrap="x", jwks_url="x"
    )
    producer = Sealer.from_settings(settings, None)
    consumer = Sealer.from_settings(settings, None)
    assert consumer.open(producer.seal("token")) == "token"
