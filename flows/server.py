"""The Prefect server that scheduled runs need: the one `PREFECT_API_URL` names, else our own local one.

`prefect_api()` yields the API URL to use. With `PREFECT_API_URL` set it is that server, untouched. Otherwise
it starts `prefect server start --host 127.0.0.1 --port N` as a child process with `PREFECT_HOME` under the
data folder (its SQLite database and logs live there, so schedules and run history survive a restart), waits
until `/api/health` answers, and stops it on exit — on Ctrl-C too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

API_URL_ENV = "PREFECT_API_URL"
STARTUP_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0
LOG_TAIL_LINES = 5


class ServerError(RuntimeError):
    """The local Prefect server could not be started: one line saying why and where its log is."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(prefect_home: Path, port: int) -> dict[str, str]:
    """The environment of the server process and of everything that talks to it."""
    env = dict(os.environ)
    env.update({
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        API_URL_ENV: f"http://127.0.0.1:{port}/api",
    })
    return env


def _log_tail(log_path: Path) -> str:
    """The last lines of the server log, on one line."""
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in lines[-LOG_TAIL_LINES:])


def wait_until_healthy(api_url: str, process: subprocess.Popen, timeout: float, log_path: Path) -> None:
    """Poll `{api_url}/health` until it answers 200; ServerError if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"prefect server exited with status {process.returncode} "
                              f"(log {log_path}): {_log_tail(log_path)}")
        try:
            if httpx.get(f"{api_url}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ServerError(f"prefect server at {api_url} not healthy after {timeout:g} s (log {log_path})")


def start_server(data_dir: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` on 127.0.0.1 with its home under `data_dir`; return it and its API URL."""
    home = (data_dir / "prefect").resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    env = server_environment(home, port)
    log_path = home / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
    api_url = env[API_URL_ENV]
    try:
        wait_until_healthy(api_url, process, STARTUP_TIMEOUT, log_path)
    except BaseException:
        stop_server(process)
        raise
    return process, api_url


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server we started (its whole process group: uvicorn workers too), then wait for it."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@contextmanager
def prefect_api(data_dir: Path, port: int | None = None) -> Iterator[str]:
    """The API URL of the Prefect server to use; a local one is started, and stopped on exit, when needed.

    While the block runs, `PREFECT_API_URL` (and `PREFECT_HOME` for a local server) are set in this process's
    environment, so Prefect — imported after this point — and its child processes use that server.
    """
    given = os.environ.get(API_URL_ENV)
    if given:
        yield given
        return
    process, api_url = start_server(data_dir, port)
    saved = {name: os.environ.get(name) for name in (API_URL_ENV, "PREFECT_HOME")}
    os.environ[API_URL_ENV] = api_url
    os.environ["PREFECT_HOME"] = str((data_dir / "prefect").resolve())
    try:
        yield api_url
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        stop_server(process)
