"""Secrets local mode generates once into the state directory; other modes must be given them."""

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr


class MissingSecret(RuntimeError):
    """A secret was not provided outside local mode."""


def resolve_secret(
    value: SecretStr | None,
    *,
    name: str,
    is_local: bool,
    state_dir: Path,
    generate: Callable[[], str] = lambda: secrets.token_urlsafe(32),
) -> SecretStr:
    """Return the configured secret, or in local mode the one kept in ``state_dir/name``."""
    if value is not None and value.get_secret_value():
        return value
    if not is_local:
        raise MissingSecret(f"{name} must be provided outside local mode")
    path = state_dir / name
    if not path.exists():
        state_dir.mkdir(parents=True, exist_ok=True)
        # Written 0600 under a private name, then linked into place: link() refuses to replace
        # an existing file, so when two processes start together the first one's secret wins
        # and both read the same value.
        draft = state_dir / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(generate())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return SecretStr(path.read_text())
