"""A loopback stand-in for Slack's incoming webhooks and for a webhook receiver.

`make demo` posts its Slack and webhook messages here (and the received JSON is written to a
directory to look at); the tests script its answers: 200, 429 with Retry-After, 500, 400, or
reading the request and dropping the connection without a reply (the reply "lost"). Every
request is recorded with whether its `X-Wirewatch-Signature` matches the path's secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

DROP = "drop"  # read the request, then close the connection without answering


@dataclass(frozen=True, slots=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool | None  # None: no secret known for this path
    answered: int | None  # the status sent back, None when the connection was dropped

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    retry_after: str | None = None
    body: str = ""


@dataclass
class _State:
    secrets: dict[str, str] = field(default_factory=dict)
    scripts: dict[str, deque[Answer | str]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    save_to: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def valid_signature(body: bytes, header: str | None, secret: str) -> bool:
    """How a receiver checks a wirewatch webhook (the README shows the same few lines)."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return header is not None and hmac.compare_digest(expected, header)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the tests read `received`, not stderr

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        with state.lock:
            script = state.scripts.get(self.path)
            answer: Answer | str = script.popleft() if script else Answer(200, body="ok")
            secret = state.secrets.get(self.path)
        signature_ok = (
            None if secret is None
            else valid_signature(body, self.headers.get("X-Wirewatch-Signature"), secret)
        )  # fmt: skip
        status = None if answer == DROP else answer.status  # type: ignore[union-attr]
        record = Received(self.path, dict(self.headers.items()), body, signature_ok, status)
        with state.lock:
            state.received.append(record)
            if state.save_to is not None and status is not None and 200 <= status < 300:
                self._save(state.save_to, len(state.received), record)
        if not isinstance(answer, Answer):
            self.close_connection = True
            self.connection.close()
            return
        reply = answer.body.encode()
        self.send_response(answer.status)
        if answer.retry_after is not None:
            self.send_header("Retry-After", answer.retry_after)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    @staticmethod
    def _save(directory: Path, n: int, record: Received) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        name = record.path.strip("/").replace("/", "-") or "root"
        try:
            text = json.dumps(record.json(), ensure_ascii=False, indent=2)
        except ValueError:
            text = record.body.decode("utf-8", "replace")
        (directory / f"{n:03d}-{name}.json").write_text(text + "\n", encoding="utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: _State) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


class Receiver:
    """`with Receiver() as hooks: hooks.url("/slack")` — a server on 127.0.0.1, a free port."""

    def __init__(self, save_to: Path | None = None) -> None:
        self._state = _State(save_to=save_to)
        self._server = _Server(self._state)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def expect_secret(self, path: str, secret: str) -> None:
        with self._state.lock:
            self._state.secrets[path] = secret

    def script(self, path: str, *answers: Answer | int | str) -> None:
        """The next answers for `path`, in order (then 200 again): a status, an Answer, DROP."""
        queue = deque(Answer(a) if isinstance(a, int) else a for a in answers)
        with self._state.lock:
            self._state.scripts.setdefault(path, deque()).extend(queue)

    def received(self, path: str | None = None) -> list[Received]:
        with self._state.lock:
            return [r for r in self._state.received if path is None or r.path == path]
