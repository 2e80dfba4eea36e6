"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), with the failure modes we must survive.

Modes (reliability.md §4.3), switchable between runs through `SmtpSink.mode`:
- `ok`: 250 for everything;
- `data_421` / `data_451` / `data_554`: refuse the message at DATA;
- `rcpt_550`: refuse the addresses in `refuse` at RCPT, accept the others;
- `accept_then_drop`: store the message, then close the connection before the 250 reaches
  the client (the client cannot know it was delivered);
- authentication: `SmtpServer(auth=("user", "pass"))` checks AUTH PLAIN/LOGIN and answers 535
  to anything else.
`SmtpServer(smtputf8=True)` offers SMTPUTF8 (aiosmtpd's default, like many servers, does not).
`closed_port()` gives a port where nothing listens (connection refused); `SilentServer` accepts
connections and never greets.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    """One message as the server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return str(body.get_content())  # type: ignore[attr-defined]


@dataclass
class SmtpSink:
    """The aiosmtpd handler: stores what it accepts, misbehaves on request."""

    mode: str = "ok"
    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    attempts: int = 0  # DATA commands seen, accepted or not

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if self.mode == "rcpt_550" and address.lower() in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.mode == "data_421":
            return "421 4.3.2 service not available, closing channel"
        if self.mode == "data_451":
            return "451 4.3.0 try again later"
        if self.mode == "data_554":
            return "554 5.7.1 rejected"
        raw = bytes(envelope.original_content or envelope.content)
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(
            Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), raw, parsed)
        )
        if self.mode == "accept_then_drop":
            server.transport.close()  # stored, but the client never reads the 250
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound once, then released)."""
    return free_port()


class _Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.user
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """`with SmtpServer() as server:` a running aiosmtpd on 127.0.0.1; `server.sink` records."""

    def __init__(self, auth: tuple[str, str] | None = None, *, smtputf8: bool = False) -> None:
        self.sink = SmtpSink()
        self.port = free_port()
        self.auth = auth
        kwargs: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
        if auth is not None:
            kwargs |= {"authenticator": _Authenticator(*auth), "auth_require_tls": False}
        self.controller = Controller(
            self.sink, hostname="127.0.0.1", port=self.port, ready_timeout=10, **kwargs
        )

    def url(self, user: str | None = None, password: str | None = None) -> str:
        if user is None:
            return f"smtp://127.0.0.1:{self.port}"
        return (
            f"smtp://{quote(user, safe='')}:{quote(password or '', safe='')}@127.0.0.1:{self.port}"
        )

    def __enter__(self) -> Self:
        self.controller.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.controller.stop()


class SilentServer:
    """`with SilentServer() as port:` a socket on 127.0.0.1 that accepts and never says a word
    (the client waits for a greeting until its timeout)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port: int = self.socket.getsockname()[1]

    def __enter__(self) -> int:
        self.socket.listen(8)  # the kernel completes the handshake; nobody ever answers
        return self.port

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.socket.close()
