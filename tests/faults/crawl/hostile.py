"""`Hostile`: a front for the replica on 127.0.0.1 that misbehaves where the replica cannot.

It proxies every GET to the replica (its URLs rewritten to the front's own origin, so pages look
served by it) unless a rule for the path says otherwise: a redirect, a status, a body shorter
than its Content-Length, a rewritten or padded page, a listing with no cards, a robots.txt.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

Rewrite = Callable[[bytes], bytes]


@dataclass
class Rule:
    kind: str  # redirect | status | short_body | rewrite | empty_listing | body
    location: str = ""
    status: int = 200
    rewrite: Rewrite | None = None
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, front: Hostile) -> None:
        self.front = front
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that hung up: nothing to report


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        front = self.server.front
        front.requests.append(self.path)
        split = urlsplit(self.path)
        rule = front.rule_for(self.path)  # prefixes may include the query (?page=2)
        if rule is None or rule.kind == "rewrite":
            status, headers, body = front.upstream(self.path)
            if rule is not None and rule.rewrite is not None and status == 200:
                body = rule.rewrite(body)
            self._send(status, body, headers.get("content-type", "text/html"), headers)
        elif rule.kind == "empty_listing":
            status, headers, body = front.upstream(f"{split.path}?page=99999&pagesize=25")
            self._send(status, body, headers.get("content-type", "text/html"), {})
        elif rule.kind == "redirect":
            self._send(302, b"", "text/html", {"location": rule.location})
        elif rule.kind == "status":
            self._send(rule.status, b"<html><body>no</body></html>", "text/html", {})
        elif rule.kind == "body":
            self._send(rule.status, rule.body, rule.content_type, {})
        elif rule.kind == "short_body":
            _, _, body = front.upstream(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) + 5000))
            self.send_header("Connection", "close")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)
            self.close_connection = True

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if "location" in headers:
            self.send_header("Location", headers["location"])
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)


class Hostile:
    def __init__(self, upstream: str) -> None:
        self.upstream_url = upstream
        self.rules: dict[str, Rule] = {}
        self.requests: list[str] = []
        self._server: _Server | None = None
        self.base_url = ""

    def __enter__(self) -> Self:
        self._server = _Server(self)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def on(self, prefix: str, rule: Rule) -> None:
        self.rules[prefix] = rule

    def clear(self) -> None:
        self.rules.clear()

    def rule_for(self, path: str) -> Rule | None:
        matches = [p for p in self.rules if path.startswith(p)]
        return self.rules[max(matches, key=len)] if matches else None

    def upstream(self, target: str) -> tuple[int, dict[str, str], bytes]:
        """GET from the replica; its origin in the body and Location becomes ours."""
        netloc = urlsplit(self.upstream_url).netloc
        conn = http.client.HTTPConnection(netloc, timeout=30)
        try:
            conn.request("GET", target)
            response = conn.getresponse()
            body = response.read()
            headers = {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()
        body = body.replace(self.upstream_url.encode(), self.base_url.encode())
        if "location" in headers:
            headers["location"] = headers["location"].replace(self.upstream_url, self.base_url)
        return response.status, headers, body
