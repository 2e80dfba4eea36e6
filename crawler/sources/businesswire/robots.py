"""What Business Wire's robots.txt lets a crawler use (from the real 2019 file, the only one
available offline: tests/fixtures/businesswire/robots-2019-businesswire.txt).

For `User-agent: *`: release pages under `/news/home/` are not disallowed; `/rss/` (the
www RSS), `/ct/` (the click tracker), the old portal's news, industry, subject and company
listings are. The `/mrss/` feed on feed.businesswire.com is listed as a `Sitemap:` (meant to
be fetched). Named bots get `Crawl-delay: 10`; `*` gets none, and 10 s is the polite floor
for ours too. The live file may differ: at crawl time Scrapy's RobotsTxtMiddleware (protego)
reads it and wins; these constants are what the built-in watches and the tests rely on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

CRAWL_DELAY_SECONDS = 10.0
FEED_HOST = "feed.businesswire.com"
FEED_PATH = "/mrss/home/"
RELEASE_PATH = "/news/home/"
DISALLOWED_PREFIXES = (
    "/rss/",
    "/rss2/",
    "/ct/",
    "/portal/site/home/news/all/",
    "/portal/site/home/news/sections/",
    "/portal/site/home/news/industries/",
    "/portal/site/home/news/industry/",
    "/portal/site/home/news/subjects/",
    "/portal/site/home/news/subject/",
    "/portal/site/home/template.PAGE/news/",
)


def may_fetch(url: str) -> bool:
    """True for the URLs a wirewatch crawl of Business Wire is meant to request: release
    pages on www and the `/mrss/` feeds on the feed host, and nothing disallowed above."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    path = parts.path or "/"
    if any(path.startswith(prefix) for prefix in DISALLOWED_PREFIXES):
        return False
    if host == FEED_HOST:
        return path.startswith(FEED_PATH)
    return path.startswith(RELEASE_PATH)
