"""A failed request as a health verdict and one clean line (never a Twisted `Failure` repr)."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

_MAX = 200


def failure_health(failure: Failure) -> tuple[str, str]:
    """(health, reason) for a request that failed after its retries."""
    error = failure.value
    if error is None:
        return "failed", "unknown error"
    if isinstance(error, HttpError):
        status = error.response.status
        if status in (403, 429):
            return "blocked", f"HTTP {status} after retries"
        return "failed", f"HTTP {status} after retries"
    return "failed", reason(error)


def reason(error: BaseException) -> str:
    """One short line for a network error (Twisted wraps the cause in lists of Failures)."""
    if isinstance(error, DownloadFailedError) and error.__cause__ is not None:
        return reason(error.__cause__)  # Scrapy's wrapper of Twisted's ResponseFailed
    if isinstance(error, (net.DNSLookupError, CannotResolveHostError)):
        return "DNS lookup failed"
    if isinstance(error, (net.TimeoutError, net.TCPTimedOutError, DownloadTimeoutError)):
        return "timed out after retries"
    if isinstance(error, (net.ConnectionRefusedError, DownloadConnectionRefusedError)):
        return "connection refused"
    if isinstance(error, ResponseNeverReceived):
        return "connection closed without a response"
    if isinstance(error, ResponseDataLossError):
        return "response cut short (fewer bytes than Content-Length)"
    if isinstance(error, ResponseFailed):
        return "connection lost while reading the response"
    if isinstance(error, DownloadFailedError):
        return "download failed"
    if isinstance(error, (net.ConnectionLost, net.ConnectionDone)):
        return "connection closed without a response"
    if isinstance(error, IgnoreRequest):
        return _line(str(error)) or "request refused"
    return _line(str(error)) or type(error).__name__


def database_reason(exc: BaseException) -> str:
    """The driver's one-line message ("database is locked"), without SQLAlchemy's SQL dump."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def _line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:_MAX]
