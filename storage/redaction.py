"""Passwords carried in URLs never reach a terminal, a log or a row: one helper for all text.

A regex over the userinfo misses `scheme://:pw@host` and cuts a password containing `@` at
its first `@`. Here the userinfo is everything between `://` and the *last* `@` of the
authority, and everything after the first `:` in it is the password. When in doubt (an `@`
later in the URL) more is hidden, never less.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<rest>[^\s'\"<>`]*)")


def redact_secrets(text: str) -> str:
    """`text` with the password (or bare token) of every URL in it replaced by `***`."""
    return _URL.sub(_redact_match, text)


def _redact_match(match: re.Match[str]) -> str:
    scheme, rest = match["scheme"], match["rest"]
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, cut)
    if at < 0:
        return match[0]
    userinfo = rest[:at]
    user, colon, _ = userinfo.partition(":")
    if not colon:
        if "/" in userinfo:
            return match[0]  # an `@` in the path, no userinfo
        return f"{scheme}***{rest[at:]}"  # a bare token as user name
    if "/" in user:
        return match[0]  # `host/path:x@y`: the `:` and `@` are in the path
    return f"{scheme}{user}:***{rest[at:]}"
