"""Make scraped text safe for mail headers and links (reliability.md §4.4, §4.5).

Python 3.11.7 is open to CVE-2024-6923: a literal encoded word such as `=?UTF-8?Q?=0A?=` in a
header is decoded into a raw line feed on the way out, so a scraped headline could add a `Bcc:`.
`header_text` therefore collapses every kind of line break and whitespace, drops control and
format characters (Unicode Cc/Cf: NUL, bidi overrides, zero-width joiners …) and defuses `=?`.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

HEADER_LIMIT = 200
_ELLIPSIS = "…"


def one_line(text: str | None) -> str:
    """All whitespace (CR, LF, tabs, U+2028/2029, NBSP …) as single spaces; Cc/Cf dropped."""
    kept = []
    for char in text or "":
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def header_text(text: str | None, limit: int = HEADER_LIMIT) -> str:
    """One line, no encoded-word opener, at most `limit` characters."""
    line = one_line(text).replace("=?", "= ?")
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + _ELLIPSIS
    return line


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link with a host and nothing hidden in it, else None.

    Autoescaping does not stop `javascript:` links, so every href passes through here.
    """
    if not url:
        return None
    candidate = url.strip()
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in candidate):
        return None
    if any(c in candidate for c in "<>\"'`\\"):
        return None
    try:
        parts = urlsplit(candidate)
        _ = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return candidate


def slug(text: str, limit: int = 80) -> str:
    """A file-name-safe slug (letters, digits, dot, dash)."""
    out = "".join(c if c.isascii() and (c.isalnum() or c in ".-") else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)[:limit] or "message"
