"""The wires wirewatch can read, by name: `SOURCES` (light data) and `wire_source(name)`.

`SOURCES` is what the configuration needs (default URLs and delays, which paths make sense
for which watch kind) and imports no parser, so the daemon and the CLI stay light;
`wire_source` imports the wire's `crawler/sources/<name>/source.py` when a crawl or a parse
needs it. A new wire is its folder plus one `SourceInfo` line here and a spider of a few
lines in `crawler/spiders/`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.parsing.wire_conventions import WireConventions
    from crawler.sources.wire_source import WireSource


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    base_url: str
    download_delay: float
    # Paths a watch of each kind may have (checked when the configuration loads), with the
    # example the error names.
    paths: dict[str, tuple[str, str]]
    # Other sites of the wire, by settings key (Business Wire's feeds on feed.businesswire.com).
    extra_urls: dict[str, str] = field(default_factory=dict)
    disallowed: tuple[str, ...] = ()  # path prefixes robots.txt disallows

    def path_problem(self, kind: str, path: str) -> str | None:
        """Why `path` cannot be a `kind` watch of this source, or None."""
        if not path.startswith("/") or "://" in path:
            return "must be a path on the site starting with /"
        if path.startswith(self.disallowed):
            return f"{path.split('?')[0]} is disallowed by the site's robots.txt"
        pattern, example = self.paths[kind]
        if not re.match(pattern, path):
            return f"a {kind} watch of {self.name} needs a path like {example}"
        return None


SOURCES: dict[str, SourceInfo] = {
    info.name: info
    for info in (
        SourceInfo(
            "prnewswire",
            "https://www.prnewswire.com",
            2.0,
            {
                "company": (r"^/news/", "/news/<slug>/"),
                "category": (r"^/", "/news-releases/health-latest-news/biotechnology-list/"),
                "rss": (r"^/.*\.rss$", "/rss/health-latest-news/biotechnology-list.rss"),
            },
            disallowed=("/search/", "/search-results/"),
        ),
        SourceInfo(
            "globenewswire",
            "https://www.globenewswire.com",
            2.0,
            {
                "company": (r"^/search/organization/", "/search/organization/<name>"),
                "category": (r"^/search/(?:subject|industry)/", "/search/industry/<name>"),
                "rss": (r"^/RssFeed/", "/RssFeed/industry/<code>-<name>/feedTitle/<title>"),
            },
        ),
        SourceInfo(
            "businesswire",
            "https://www.businesswire.com",
            10.0,  # robots.txt asks named bots for Crawl-delay: 10
            {
                "company": (r"^/newsroom", "/newsroom?company=<name>"),
                "category": (r"^/newsroom", "/newsroom?industry=<name>"),
                "rss": (r"^/mrss/home/", "/mrss/home/?rss=<feed id> (on feed.businesswire.com)"),
            },
            extra_urls={"feed_url": "https://feed.businesswire.com"},
            disallowed=("/rss/", "/rss2/", "/ct/", "/portal/"),
        ),
    )
}


@cache
def wire_source(name: str) -> WireSource:
    """The wire's parsers and URL builders (`crawler/sources/<name>/source.py`)."""
    if name not in SOURCES:
        raise KeyError(f"unknown source {name!r} (known: {', '.join(SOURCES)})")
    module = importlib.import_module(f"crawler.sources.{name}.source")
    source: WireSource = module.SOURCE
    return source


@cache
def conventions(name: str) -> WireConventions:
    """The wire's text conventions (`crawler/sources/<name>/text.py`), without its parsers."""
    if name not in SOURCES:
        raise KeyError(f"unknown source {name!r} (known: {', '.join(SOURCES)})")
    module = importlib.import_module(f"crawler.sources.{name}.text")
    found: WireConventions = module.CONVENTIONS
    return found


def source_of_url(url: str) -> str:
    """The wire whose release URLs look like `url` (PR Newswire when none claims it: its
    ids are the loosest pattern, `-<digits>.html`, so it is asked last)."""
    for name in sorted(SOURCES, key=lambda n: n == "prnewswire"):
        if conventions(name).release_id(url) is not None:
            return name
    return "prnewswire"
