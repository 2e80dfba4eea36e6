"""Routing of replica URLs to pages, with byte caches; plus the fault and error pages."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from replica import chrome, detail, listings, rss
from replica.catalog import Catalog
from replica.chrome import esc
from replica.companies import BY_SLUG
from replica.model import ALL_NEWS, LISTS, SYNTHETIC_MARK, Release

HTML = "text/html; charset=utf-8"
_DETAIL = re.compile(r"^/news-releases/(?P<slug>[^/]*)-(?P<id>\d{6,})\.html$")
_LIST = re.compile(r"^/news-releases/(?P<key>(?:[a-z-]+-latest-news/)?[a-z-]+-list)/?$")
_ROOM = re.compile(r"^/news/(?P<slug>[^/]+)/?$")
_RSS = re.compile(r"^/rss/(?P<key>.+)\.rss$")
_DETAIL_CACHE = 2048

ROBOTS = b"""User-Agent: *
Disallow: /search/
Disallow: /search-results/
Disallow: /comp/
Disallow: /gh/
Disallow: /templates/Blank-HTML
Disallow: /templates/Multivuplayer.html
Disallow: /templates/Home-page-with-spaces.html
Disallow: /templates/Home-page-with-out-spaces.html
Disallow: /templates/PRN_Custom_MultiVu_Recommendation
Disallow: /templates/get-bitly-url.txt
Disallow: /widget-landing-page.html
Disallow: /multivu/
Disallow: /*.pdf

Sitemap: https://www.prnewswire.com/sitemap.xml
Sitemap: https://www.prnewswire.com/sitemap-news.xml
"""


@dataclass(slots=True)
class Response:
    status: int
    parts: list[bytes]
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = "other"  # "detail", "listing", "rss", "robots" or "other"

    @property
    def body(self) -> bytes:
        return b"".join(self.parts)


def _int(query: dict[str, list[str]], name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(query.get(name, [str(default)])[0])
    except ValueError:
        return default
    return min(max(value, low), high)


def simple_page(status: int, title: str, text: str) -> Response:
    body = (
        f"<!doctype html>\n{SYNTHETIC_MARK}\n<html><head><title>{esc(title)}</title></head>"
        f"<body><h1>{esc(title)}</h1><p>{esc(text)}</p></body></html>\n"
    )
    return Response(status, [body.encode()])


def access_denied(path: str, reference: int) -> Response:
    body = (
        f"<html><head><title>Access Denied</title></head><body>{SYNTHETIC_MARK}\n"
        "<h1>Access Denied</h1>\n \nYou don't have permission to access "
        f'"http&#58;&#47;&#47;www&#46;prnewswire&#46;com{esc(path)}" on this server.<p>\n'
        f"Reference&#32;&#35;18&#46;{reference:08x}&#46;1764088261&#46;2c1f{reference % 9999:04d}\n"
        "</p></body></html>\n"
    )
    return Response(200, [body.encode()])


class Site:
    """Everything the replica serves, built lazily and cached as bytes."""

    def __init__(self, catalog: Catalog, seed: int = 0) -> None:
        self.catalog = catalog
        self.seed = seed
        self.base_url = ""
        self._lock = threading.Lock()
        self._details: OrderedDict[str, list[bytes]] = OrderedDict()
        self._pages: dict[tuple[Any, ...], Response] = {}
        self._generation = -1
        self._epoch = -1

    def set_base_url(self, base_url: str) -> None:
        with self._lock:
            self.base_url = base_url
            self._details.clear()
            self._pages.clear()

    def respond(self, path: str, query_string: str = "") -> Response:
        query = parse_qs(query_string)
        if path == "/robots.txt":
            return Response(200, [ROBOTS], "text/plain; charset=utf-8", kind="robots")
        if match := _DETAIL.match(path):
            return self._detail(match["id"], match["slug"])
        page = _int(query, "page", 1, 1, 100_000)
        pagesize = _int(query, "pagesize", 25, 1, 100)
        if (match := _LIST.match(path)) and match["key"] in LISTS:
            return self._cached(("list", match["key"], page, pagesize), self._list_page)
        if match := _ROOM.match(path):
            slug = unquote(match["slug"]).lower()
            if slug in BY_SLUG:
                return self._cached(("room", slug, page, pagesize), self._room_page)
        if match := _RSS.match(path):
            return self._cached(("rss", match["key"]), self._feed)
        return simple_page(404, "Page Not Found", "The page you requested could not be found.")

    def _cached(self, key: tuple[Any, ...], build: Callable[..., Response]) -> Response:
        with self._lock:
            if self._generation != self.catalog.generation:
                self._pages.clear()
                self._generation = self.catalog.generation
            hit = self._pages.get(key)
        if hit is not None:
            return hit
        response = build(*key[1:])
        with self._lock:
            if self._generation == self.catalog.generation:
                self._pages[key] = response
        return response

    def _detail(self, release_id: str, slug: str) -> Response:
        release = self.catalog.get(release_id)
        if release is None:
            return simple_page(404, "Page Not Found", "The page you requested could not be found.")
        if slug != release.slug:
            return Response(301, [b""], headers={"Location": release.path})
        with self._lock:
            if self._epoch != self.catalog.epoch:
                self._details.clear()
                self._epoch = self.catalog.epoch
            parts = self._details.get(release_id)
            if parts is not None:
                self._details.move_to_end(release_id)
        if parts is None:
            also = self.catalog.also_from(release)
            parts = detail.render(release, also, self.base_url, self.seed)
            with self._lock:
                if self._epoch == self.catalog.epoch:
                    self._details[release_id] = parts
                while len(self._details) > _DETAIL_CACHE:
                    self._details.popitem(last=False)
        return Response(200, parts, kind="detail")

    def _list_page(self, key: str, page: int, pagesize: int) -> Response:
        newest = self.catalog.newest(list_key=key)
        info = LISTS[key]
        heading = "News Releases" if key == ALL_NEWS else f"{info.name} News"
        return self._listing(info.path, heading, info.description, newest, page, pagesize)

    def _room_page(self, slug: str, page: int, pagesize: int) -> Response:
        company = BY_SLUG[slug]
        newest = self.catalog.newest(company=slug)
        description = f"News releases from {company.name}"
        path = f"/news/{slug}/"
        return self._listing(path, company.name, description, newest, page, pagesize, True)

    def _listing(
        self,
        path: str,
        heading: str,
        description: str,
        newest: list[Release],
        page: int,
        pagesize: int,
        newsroom: bool = False,
    ) -> Response:
        shown = self.catalog.page(newest, page, pagesize)
        parts = listings.render(
            path=path,
            heading=heading,
            description=description,
            releases=shown,
            page=page,
            pagesize=pagesize,
            total=len(newest),
            base_url=self.base_url,
            newsroom=newsroom,
        )
        return Response(200, parts, kind="listing")

    def _feed(self, key: str) -> Response:
        info = LISTS.get(key)
        # The real site serves the all-news feed with an empty title for unknown feed paths.
        newest = self.catalog.newest(list_key=info.key if info else ALL_NEWS)
        body = rss.render(
            path=f"/rss/{key}.rss",
            title=(info.name if info else ""),
            description=(info.description if info else ""),
            releases=newest,
            base_url=self.base_url,
        )
        return Response(200, [body], "application/rss+xml; charset=utf-8", kind="rss")

    def layout_changed(self, path: str, normal: Response) -> Response:
        """A 200 page in a markup no parser knows (a redesign), for any kind of page."""
        if normal.kind == "detail" and (match := _DETAIL.match(path)):
            release = self.catalog.get(match["id"])
            title = release.title if release else "News release"
            text = "".join(f"<p>{esc(p)}</p>" for p in (release.paragraphs if release else ()))
            content = (
                f'<div class="story-page"><div class="story-headline"><span class="story-title">'
                f'{esc(title)}</span></div><div class="story-content">{text}</div></div>'
            )
        else:
            releases = self.catalog.newest()[:25]
            content = (
                '<ul class="release-feed">'
                + "".join(
                    f'<li class="release-item"><a class="release-link" href="{esc(r.path)}">'
                    f"{esc(r.title)}</a></li>"
                    for r in releases
                )
                + "</ul>"
            )
        head = (
            f'<!doctype html>\n{SYNTHETIC_MARK}\n<html lang="en"><head>{chrome.COMMON_HEAD}'
            "<title>PR Newswire</title></head>" + chrome.BODY_OPEN.format(template="redesign")
        )
        body = f'<div id="app-root" class="redesign-2027">{content}</div>\n'
        return Response(
            200, [head.encode(), chrome.top(), body.encode(), chrome.bottom(), chrome.TAIL]
        )
