"""`Replica`: the loopback PR Newswire server (thread per connection, pre-built page bytes)."""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NamedTuple, Self
from urllib.parse import urlsplit

from replica import control
from replica.catalog import Catalog
from replica.faults import Fault, Faults
from replica.site import Response, Site, access_denied, simple_page
from replica.wires import WireSite

CONTROL = "/_replica/"


class RequestRecord(NamedTuple):
    method: str
    path: str  # path + "?" + query when there is one
    status: int  # 0: connection closed without a response ("disconnect" fault)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], replica: Replica) -> None:
        self.replica = replica
        self.connections: set[socket.socket] = set()
        self.connections_opened = 0
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (timed out, hung up) is not the server's error: no traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 60
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)
            self.server.connections_opened += 1

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def do_POST(self) -> None:
        self._handle(head=False)

    def _handle(self, *, head: bool) -> None:
        replica = self.server.replica
        split = urlsplit(self.path)
        target = split.path + (f"?{split.query}" if split.query else "")
        if split.path.startswith(CONTROL):
            self._send(replica._control(self.command, split.path, self._json_body()), head)
            return
        if self.command == "POST":
            response = simple_page(405, "Method Not Allowed", "Use GET.")
            replica._log(self.command, target, response.status)
            self._send(response, head)
            return
        fault = replica.faults.take(split.path)
        if fault is not None and fault.mode == "disconnect":
            replica._log(self.command, target, 0)
            self.close_connection = True
            return
        if fault is not None and fault.mode == "slow":
            time.sleep(fault.delay)
        response = replica.site.respond(split.path, split.query)
        if fault is not None:
            response = self._faulted(fault, split.path, response)
        replica._log(self.command, target, response.status)
        self._send(response, head)

    def _faulted(self, fault: Fault, path: str, normal: Response) -> Response:
        mode = fault.mode
        if mode == "429":
            page = simple_page(429, "Too Many Requests", "Please slow down.")
            page.headers["Retry-After"] = "1"
            return page
        if mode == "503":
            return simple_page(503, "Service Unavailable", "The server is temporarily busy.")
        if mode == "404":
            return simple_page(404, "Page Not Found", "The page could not be found.")
        if mode == "access_denied":
            return access_denied(path, hash(path) & 0xFFFFFFFF)
        if mode == "layout_changed":
            return self.server.replica.site.layout_changed(path, normal)
        if mode == "truncated" and normal.status == 200:
            body = normal.body
            cut = Response(200, [body[: len(body) * 6 // 10]], normal.content_type)
            cut.headers["Connection"] = "close"
            return cut
        return normal

    def _json_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0:
            return {}
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {"__invalid__": True}
        return data if isinstance(data, dict) else {"__invalid__": True}

    def _send(self, response: Response, head: bool) -> None:
        length = sum(len(p) for p in response.parts)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(length))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.headers.get("Connection") == "close":
            self.close_connection = True
        self.end_headers()
        if head:
            return
        try:
            for part in response.parts:
                self.wfile.write(part)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Replica:
    """A replica of one wire on 127.0.0.1 (PR Newswire by default; `wire="globenewswire"` or
    `"businesswire"` serves the same synthetic releases in that wire's shapes, see
    `replica.wires`). Use as a context manager or start()/stop()."""

    def __init__(
        self,
        releases: int = 300,
        seed: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
        wire: str = "prnewswire",
    ) -> None:
        self.host = host
        self.port = port
        self.wire = wire
        self.catalog = Catalog(releases, seed)
        self.site: Site | WireSite = (
            Site(self.catalog, seed) if wire == "prnewswire" else WireSite(self.catalog, wire, seed)
        )
        self.faults = Faults()
        self._log_lock = threading.Lock()
        self._requests: list[RequestRecord] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # lifecycle -------------------------------------------------------------------------
    def start(self) -> str:
        """Start serving in a background thread; return the base URL."""
        if self._server is not None:
            return self.base_url
        self._server = _Server((self.host, self.port), self)
        port = self._server.server_address[1]
        self.base_url = f"http://{self.host}:{port}"
        self.site.set_base_url(self.base_url)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="wirewatch-replica",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        with server.connections_lock:
            for conn in list(server.connections):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # content ---------------------------------------------------------------------------
    def publish(
        self,
        count: int = 1,
        company: str = "xellsmart",
        *,
        reissue_of: str | None = None,
        title: str | None = None,
        body: str | None = None,
    ) -> list[str]:
        """Publish new releases now (after every existing one); return their ids."""
        made = self.catalog.publish(count, company, reissue_of=reissue_of, title=title, body=body)
        return [r.release_id for r in made]

    def url(self, path: str) -> str:
        return self.base_url + path

    def release_url(self, release_id: str) -> str:
        release = self.catalog.get(str(release_id))
        if release is None:
            raise KeyError(release_id)
        if isinstance(self.site, WireSite):
            return self.base_url + self.site.path(release)
        return self.base_url + release.path

    # faults ----------------------------------------------------------------------------
    def set_fault(
        self,
        mode: str | None,
        path_prefix: str = "/",
        *,
        count: int | None = None,
        delay: float = 2.0,
    ) -> None:
        """Make requests under `path_prefix` misbehave (`count`: only the next N of them).

        `mode=None` clears the fault on that prefix ("/": clears every fault).
        """
        self.faults.set(mode, path_prefix, count=count, delay=delay)

    # request log -----------------------------------------------------------------------
    @property
    def requests(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._log_lock:
            self._requests.clear()
        if self._server is not None:
            with self._server.connections_lock:
                self._server.connections_opened = 0

    @property
    def connections_opened(self) -> int:
        """Connections accepted since the start (or `clear_requests`)."""
        return self._server.connections_opened if self._server is not None else 0

    def reset(self) -> None:
        """No faults, an empty request log, and only the generated releases."""
        self.faults.clear()
        self.clear_requests()
        self.catalog.reset()

    def _log(self, method: str, path: str, status: int) -> None:
        with self._log_lock:
            self._requests.append(RequestRecord(method, path, status))

    def _control(self, method: str, path: str, data: dict[str, Any]) -> Response:
        return control.handle(self, method, path, data)
