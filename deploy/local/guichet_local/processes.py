"""Child processes in their own process groups, with pid files, log files and readiness probes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from guichet_local import layout


class StartupError(Exception):
    """A part of the stack did not start; the message says which and why."""


def log_path(name: str) -> Path:
    return layout.LOGS / f"{name}.log"


def tail(path: Path, lines: int = 20) -> str:
    """The last lines of a log file, for error messages."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 16_384))
            text = handle.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def rotate(log: Path, limit: int = 20 * 1024 * 1024) -> None:
    """Keep one previous generation once a log passes the limit (logs append across starts)."""
    if log.exists() and log.stat().st_size > limit:
        log.replace(log.with_name(log.name + ".1"))


def failure(name: str, reason: str, log: Path | None = None) -> StartupError:
    log = log or log_path(name)
    body = tail(log)
    indented = "\n".join("    " + line for line in body.splitlines())
    return StartupError(f"{name}: {reason}\n  last lines of {log}:\n{indented}")


# --- pid files ---------------------------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """Process start time in clock ticks since boot: tells a recycled pid from ours."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may contain spaces; fields after its ')' are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
        return None
    return fields[19]


def is_alive(pid: int) -> bool:
    return _start_time(pid) is not None


@dataclass(frozen=True)
class PidRecord:
    """What `up` leaves in .run/pids/<name>.json so that `down` can stop it later."""

    name: str
    pid: int
    started: str

    @property
    def path(self) -> Path:
        return layout.PIDS / f"{self.name}.json"

    def alive(self) -> bool:
        return _start_time(self.pid) == self.started

    def save(self) -> None:
        layout.PIDS.mkdir(parents=True, exist_ok=True)
        payload = {"name": self.name, "pid": self.pid, "started": self.started}
        self.path.write_text(json.dumps(payload) + "\n")

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def read_pid(name: str) -> PidRecord | None:
    path = layout.PIDS / f"{name}.json"
    try:
        data = json.loads(path.read_text())
        return PidRecord(data["name"], int(data["pid"]), str(data["started"]))
    except (OSError, ValueError, KeyError):
        return None


def recorded_names() -> list[str]:
    return sorted(p.stem for p in layout.PIDS.glob("*.json"))


# --- starting and stopping -----------------------------------------------------------------


def spawn(
    name: str,
    argv: Sequence[str],
    env: dict[str, str],
    cwd: Path | None = None,
    log: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start a child in its own session (so Ctrl-C reaches only the supervisor) and record it."""
    log = log or log_path(name)
    log.parent.mkdir(parents=True, exist_ok=True)
    rotate(log)
    with log.open("ab") as out:
        out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting {name}\n".encode())
        out.flush()
        proc = subprocess.Popen(  # noqa: S603 - argv is built by the supervisor, not user input
            list(argv),
            cwd=cwd or layout.ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = _start_time(proc.pid)
    if started is not None:
        PidRecord(name, proc.pid, started).save()
    return proc


def _group_alive(pgid: int) -> bool:
    """True while a non-zombie process of the group exists.

    Exited children stay zombies until their parent reaps them, and the pid 1 of some
    sandboxes reaps late; signal 0 would count those, so /proc is read instead.
    """
    with contextlib.suppress(ChildProcessError, OSError):
        while os.waitpid(-pgid, os.WNOHANG)[0]:
            pass
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state, fields[2] the process group.
        if fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False


def kill_group(pgid: int, timeout: float = 15.0) -> None:
    """SIGTERM the whole group, wait, then SIGKILL what is left."""
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _group_alive(pgid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    while _group_alive(pgid) and time.monotonic() < deadline + 5:
        time.sleep(0.1)


def stop_recorded(name: str, timeout: float = 15.0) -> bool:
    """Stop the process group recorded for name; True when something was running."""
    record = read_pid(name)
    if record is None:
        return False
    was_alive = record.alive()
    # The record goes first: a watching `run` then knows this stop is on purpose.
    record.remove()
    if was_alive:
        # The child leads its own session, so its pid is its process group id.
        kill_group(record.pid, timeout)
    return was_alive


def running(name: str) -> bool:
    record = read_pid(name)
    return record is not None and record.alive()


# --- readiness ------------------------------------------------------------------------------


def port_open(port: int, host: str = layout.HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


async def http_ok(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2.0) as client:
            response = await client.get(url)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def wait_until(
    name: str,
    check: Callable[[], Awaitable[bool]],
    deadline: float,
    what: str,
    proc: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
) -> None:
    """Poll check until it passes; fail early when the process died or the deadline passed."""
    while True:
        if await check():
            return
        if proc is not None and proc.poll() is not None:
            raise failure(name, f"exited with code {proc.returncode} before {what} answered", log)
        if time.monotonic() > deadline:
            raise failure(name, f"not ready: {what} did not answer in time", log)
        await asyncio.sleep(0.2)
