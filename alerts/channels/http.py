"""One JSON POST to a webhook URL, classified the way ARCHITECTURE.md "Channels" asks.

2xx → sent; 429, 408 and 5xx → retry (honouring Retry-After); other 4xx → failed (ops alerted);
timeouts, refused or dropped connections → retry. A redirect is not followed (a POST would turn
into a GET, or be replayed elsewhere): it fails, so ops update the URL. The URL is a secret: no
error text carries it. The standard library's client keeps the lockfile as it is; the sender
makes one request at a time and needs no pool.
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from typing import Any

from alerts.channels.base import Attempt, Outcome, redact
from alerts.sanitize import one_line

USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch)"
MAX_REPLY = 2000  # bytes of a reply kept for the error text
MAX_RETRY_AFTER = timedelta(hours=6)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: str
    retry_after: timedelta | None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        _NoRedirect(), urllib.request.HTTPSHandler(context=ssl.create_default_context())
    )


def retry_after(value: str | None, now: datetime | None = None) -> timedelta | None:
    """Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        delay = timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            return None
        delay = when - (now or datetime.now(UTC))
    return min(max(delay, timedelta(0)), MAX_RETRY_AFTER)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Reply | Attempt:
    """The server's reply, or the Attempt when no reply came (it may have arrived: retry)."""
    request = urllib.request.Request(  # noqa: S310 (https, or http to loopback: config checks)
        url, data=body, method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
    )  # fmt: skip
    try:
        with _opener().open(request, timeout=timeout) as response:
            text = response.read(MAX_REPLY).decode("utf-8", "replace")
            return Reply(response.status, text, None)
    except urllib.error.HTTPError as exc:
        with exc:
            text = exc.read(MAX_REPLY).decode("utf-8", "replace") if exc.fp else ""
        return Reply(exc.code, text, retry_after(exc.headers.get("Retry-After")))
    except (TimeoutError, urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        error = f"no reply: {type(reason).__name__}: {one_line(str(reason))}"
        return Attempt(Outcome.RETRY, redact(error, url)[:500])


def attempt_of(reply: Reply, url: str) -> Attempt:
    """Classify a reply; the error names the status and the start of the body."""
    if 200 <= reply.status < 300:
        return Attempt(Outcome.SENT)
    error = redact(f"HTTP {reply.status}: {one_line(reply.body)[:300]}".rstrip(": "), url)
    if reply.status in (408, 429) or reply.status >= 500:
        return Attempt(Outcome.RETRY, error, reply.retry_after)
    if 300 <= reply.status < 400:
        return Attempt(Outcome.FAILED, f"{error} (a redirect: not followed; update the URL)")
    return Attempt(Outcome.FAILED, error)
