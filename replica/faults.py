"""Fault injection: which requests misbehave, how, and for how many more requests."""

from __future__ import annotations

import threading
from dataclasses import dataclass

MODES = (
    "slow",  # wait `delay` seconds, then serve the normal response
    "429",  # 429 Too Many Requests with Retry-After: 1
    "503",  # 503 Service Unavailable
    "404",  # 404 Not Found (the real site's transient listing 404s)
    "access_denied",  # 200 with the Akamai-style "Access Denied" page
    "truncated",  # 200, body cut at 60 %, Content-Length of the cut body, connection closed
    "layout_changed",  # 200 with unknown markup: no newsCards / card-list / release-header
    "disconnect",  # connection closed without any response
)


@dataclass(slots=True)
class Fault:
    mode: str
    prefix: str
    remaining: int | None  # None: until cleared
    delay: float


class Faults:
    """Active faults by path prefix; the longest matching prefix wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}

    def set(
        self,
        mode: str | None,
        path_prefix: str = "/",
        *,
        count: int | None = None,
        delay: float = 2.0,
    ) -> None:
        if not path_prefix.startswith("/"):
            raise ValueError("path_prefix must start with '/'")
        with self._lock:
            if mode is None:
                if path_prefix == "/":
                    self._faults.clear()
                else:
                    self._faults.pop(path_prefix, None)
                return
            if mode not in MODES:
                raise ValueError(f"unknown fault mode {mode!r}; known: {', '.join(MODES)}")
            if count is not None and count < 1:
                raise ValueError("count must be at least 1 (or None for no limit)")
            if delay < 0:
                raise ValueError("delay must not be negative")
            self._faults[path_prefix] = Fault(mode, path_prefix, count, delay)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return [Fault(f.mode, f.prefix, f.remaining, f.delay) for f in self._faults.values()]

    def take(self, path: str) -> Fault | None:
        """The fault for this request, if any; a count-limited fault is used up by it.

        robots.txt is only faulted by a prefix naming it ("/robots"), so that "503 twice"
        on "/" hits the pages the test is about, not the spider's robots.txt fetch.
        """
        with self._lock:
            matches = [
                f
                for prefix, f in self._faults.items()
                if path.startswith(prefix) and (path != "/robots.txt" or prefix != "/")
            ]
            if not matches:
                return None
            fault = max(matches, key=lambda f: len(f.prefix))
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    del self._faults[fault.prefix]
            return Fault(fault.mode, fault.prefix, fault.remaining, fault.delay)
