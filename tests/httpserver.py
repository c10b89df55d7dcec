"""A real HTTP server on 127.0.0.1, in a thread, serving made-up feeds and pages for the tests.

Each path is a `Route`: a body with its status and content type, optionally compressed, delayed, redirecting,
or with an ETag / Last-Modified that turns a matching conditional GET into `304 Not Modified`. The server
keeps a log of (path, status) of every request, as it arrives, so a test can see what was fetched.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0
    gzipped: bool = False
    send_length: bool = True
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 with a route table and a request log."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, int]] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # clients that hang up early are expected
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`."""
        return f"http://127.0.0.1:{self._server.server_port}"

    def url(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        return self.base_url + path

    def add(self, path: str, **route: object) -> str:
        """Serve a `Route(**route)` on `path`; return its URL."""
        self.routes[path] = Route(**route)
        return self.url(path)

    def served(self, status: int | None = None) -> list[str]:
        """Paths answered so far (only those answered with `status` when given), in order."""
        with self._lock:
            return [path for path, code in self.log if status is None or code == status]

    def clear_log(self) -> None:
        """Forget the requests answered so far."""
        with self._lock:
            self.log.clear()
            self.user_agents.clear()

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def _record(self, path: str, status: int, user_agent: str) -> None:
        with self._lock:
            self.log.append((path, status))
            self.user_agents.append(user_agent)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Keep the test output quiet."""

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                route = server.routes.get(path)
                if route is None:
                    route = Route(body=b"<html><body>Not found</body></html>", status=404)
                status = 304 if self._not_modified(route) else route.status
                server._record(path, status, self.headers.get("User-Agent", ""))  # on arrival
                if route.delay:
                    time.sleep(route.delay)
                self._answer(route, status)

            def _not_modified(self, route: Route) -> bool:
                etag = self.headers.get("If-None-Match")
                since = self.headers.get("If-Modified-Since")
                if route.etag and etag is not None:
                    return etag == route.etag
                return bool(route.last_modified and since == route.last_modified)

            def _answer(self, route: Route, status: int) -> None:
                body = b"" if status == 304 else route.body
                if route.gzipped and body:
                    body = gzip.compress(body, compresslevel=9)
                self.send_response(status)
                if route.content_type and status != 304:
                    self.send_header("Content-Type", route.content_type)
                if route.gzipped and status != 304:
                    self.send_header("Content-Encoding", "gzip")
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.location:
                    self.send_header("Location", route.location)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(body)))
                else:  # the body ends when the connection closes
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        return Handler


@contextmanager
def local_server() -> Iterator[LocalServer]:
    """A started `LocalServer`, stopped on exit."""
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
