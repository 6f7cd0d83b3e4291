"""Local mode generates a secret once and keeps it; other modes refuse to invent one."""

import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from kernel.local_secrets import MissingSecret, resolve_secret


def test_local_mode_generates_once_with_private_permissions(tmp_path: Path) -> None:
    first = resolve_secret(None, name="k", is_local=True, state_dir=tmp_path)
    second = resolve_secret(None, name="k", is_local=True, state_dir=tmp_path)
    assert first.get_secret_value() == second.get_secret_value()
    assert len(first.get_secret_value()) >= 32
    assert stat.S_IMODE((tmp_path / "k").stat().st_mode) == 0o600


def test_given_secret_wins(tmp_path: Path) -> None:
    value = resolve_secret(SecretStr("given"), name="k", is_local=True, state_dir=tmp_path)
    assert value.get_secret_value() == "given"
    assert not (tmp_path / "k").exists()


def test_production_refuses_a_missing_secret(tmp_path: Path) -> None:
    with pytest.raises(MissingSecret):
        resolve_secret(None, name="k", is_local=False, state_dir=tmp_path)


def test_concurrent_first_starts_agree_on_one_secret(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from itertools import count

    numbers = count()

    def start() -> str:
        # Each "process" would generate a different value; all must end up with the same one.
        return resolve_secret(
            None,
            name="shared",
            is_local=True,
            state_dir=tmp_path,
            generate=lambda: f"value-{next(numbers)}",
        ).get_secret_value()

    with ThreadPoolExecutor(max_workers=8) as pool:
        values = set(pool.map(lambda _: start(), range(32)))
    assert len(values) == 1
    assert not list(tmp_path.glob(".*.tmp"))
