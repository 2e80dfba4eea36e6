"""GlobeNewswire- and Business Wire-shaped pages of the replica's releases (SYNTHETIC).

No real detail page of either wire could be found, so every page here is made up and says so
on its first line. The shapes follow what the parsers were written against: GlobeNewswire's
release URL `/news-release/YYYY/MM/DD/<id>/0/en/<slug>.html`, organisation and industry
listings under `/search/…`, RSS under `/RssFeed/…` with its non-standard `dc` namespace;
Business Wire's `/news/home/<14-digit id>/en/<Slug>/`, `/newsroom?company=…` listings and
`/mrss/home/?rss=…` feeds with `UT` dates and `?feedref=` links. Detail pages carry what the
generic parser reads (GlobeNewswire JSON-LD NewsArticle + OpenGraph, Business Wire OpenGraph
only), the wire's dateline and end-of-release heading, and generated site chrome to a real
page's weight. The announcements are the catalog's own, so the same release text appears on
PR Newswire and on these wires (cross-wire copies).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from replica.catalog import Catalog
from replica.chrome import esc
from replica.companies import BY_SLUG
from replica.model import ALL_NEWS, LISTS, SYNTHETIC_MARK, Release
from replica.site import HTML, Response, simple_page

WIRES = ("globenewswire", "businesswire")
PAGE_SIZE = 25
FEED_ITEMS = 20
_GNW_OFFSET = 299_000_000  # GlobeNewswire ids are 7 digits (3374933): PR Newswire's less this
_ROBOTS = {
    "globenewswire": b"User-agent: *\nDisallow: /Tracker\n",
    # From Business Wire's real robots.txt (tests/fixtures/businesswire/robots-2019-*.txt).
    "businesswire": b"User-agent: *\nDisallow: /rss/\nDisallow: /ct/\nDisallow: /portal/\n",
}
_NAMES = {"globenewswire": "GlobeNewswire", "businesswire": "Business Wire"}


def industry_key(name: str) -> str | None:
    """The catalog list an industry/subject name stands for ("biotechnology")."""
    for key in LISTS:
        if key.rsplit("/", 1)[-1].removesuffix("-list") == name.lower():
            return key
    return None


def _chrome(wire: str) -> tuple[str, str]:
    """Navigation before and footer/scripts after the release: ~170 KB, the low end of a
    real PR Newswire page (170–440 KB; no real page of these wires was available)."""
    name = _NAMES[wire]
    menus = "".join(
        f'<li class="menu-item"><span>{section}</span><ul class="sub-menu">'
        + "".join(
            f'<li><a href="/{section.lower()}/{i}">{section} topic {i}: {name} menu entry'
            f" with a long label {i}</a></li>"
            for i in range(140)
        )
        + "</ul></li>"
        for section in ("News", "Industries", "Subjects", "Regions", "Services", "Resources")
    )
    footer = "".join(
        f'<div class="footer-col"><h4>Column {c}</h4><ul>'
        + "".join(
            f'<li><a href="/footer/{c}/{i}">{name} footer link {c}.{i}</a></li>' for i in range(40)
        )
        + "</ul></div>"
        for c in range(6)
    )
    config = json.dumps(
        {"config": [{"key": f"setting-{i}", "value": "x" * 40} for i in range(600)]}
    )
    return (
        f'<header><nav class="main-navigation"><ul class="menu">{menus}</ul></nav></header>',
        (
            f'<footer class="site-footer">{footer}<p>© 2026 {name} (synthetic replica)</p>'
            f"</footer><script>window.__SITE_CONFIG__ = {config};</script>"
        ),
    )


class WireSite:
    """One wire's view of the catalog, with the interface of `Site` (respond, layout_changed)."""

    def __init__(self, catalog: Catalog, wire: str, seed: int = 0) -> None:
        if wire not in WIRES:
            raise ValueError(f"no replica for wire {wire!r}")
        self.catalog = catalog
        self.wire = wire
        self.seed = seed
        self.base_url = ""
        self._lock = threading.Lock()
        self._details: OrderedDict[str, list[bytes]] = OrderedDict()
        self._ids: dict[str, Release] = {}
        self._generation = -1
        self._top, self._bottom = _chrome(wire)

    def set_base_url(self, base_url: str) -> None:
        with self._lock:
            self.base_url = base_url
            self._details.clear()

    # ids and paths ------------------------------------------------------------------------

    def wire_id(self, release: Release) -> str:
        if self.wire == "globenewswire":
            return str(int(release.release_id) - _GNW_OFFSET)
        return f"{release.eastern:%Y%m%d}{int(release.release_id) % 1_000_000:06d}"

    def path(self, release: Release) -> str:
        rid = self.wire_id(release)
        if self.wire == "globenewswire":
            return f"/news-release/{release.eastern:%Y/%m/%d}/{rid}/0/en/{release.slug}.html"
        slug = "-".join(w.capitalize() for w in release.slug.split("-"))
        return f"/news/home/{rid}/en/{slug}/"

    def _by_wire_id(self, rid: str) -> Release | None:
        with self._lock:
            if self._generation != self.catalog.generation:
                self._ids = {self.wire_id(r): r for r in self.catalog.newest()}
                self._generation = self.catalog.generation
            return self._ids.get(rid)

    # routing ------------------------------------------------------------------------------

    def respond(self, path: str, query_string: str = "") -> Response:
        query = parse_qs(query_string)
        page = max(1, _int(query.get("page", ["1"])[0]))
        if path == "/robots.txt":
            return Response(200, [_ROBOTS[self.wire]], "text/plain; charset=utf-8", kind="robots")
        if self.wire == "globenewswire":
            return self._gnw(path, page)
        return self._bw(path, query, page)

    def _gnw(self, path: str, page: int) -> Response:
        parts = path.strip("/").split("/")
        if parts[0] == "news-release" and len(parts) >= 5:
            return self._detail(parts[4])
        if parts[:2] == ["search", "organization"] and len(parts) >= 3:
            return self._listing(self._room(parts[2]), page, f"/{'/'.join(parts)}")
        if parts[0] == "search" and len(parts) >= 3 and parts[1] in ("industry", "subject"):
            return self._listing(self._list(parts[2]), page, f"/{'/'.join(parts)}")
        if parts[0] == "RssFeed" and len(parts) >= 3:
            chosen = self._room(parts[2]) if parts[1] == "organization" else self._list(parts[2])
            return self._feed(chosen, path)
        return simple_page(404, "Page Not Found", "The page you requested could not be found.")

    def _bw(self, path: str, query: dict[str, list[str]], page: int) -> Response:
        parts = path.strip("/").split("/")
        if parts[:2] == ["news", "home"] and len(parts) >= 3:
            return self._detail(parts[2])
        company = query.get("company", [""])[0]
        industry = query.get("industry", query.get("rss", [""]))[0]
        chosen = self._room(company) if company else self._list(industry)
        if parts[0] == "newsroom":
            return self._listing(chosen, page, path)
        if parts[:2] == ["mrss", "home"]:
            return self._feed(self._room(industry) or chosen, path)
        return simple_page(404, "Page Not Found", "The page you requested could not be found.")

    def _room(self, slug: str) -> list[Release] | None:
        slug = slug.lower()
        return self.catalog.newest(company=slug) if slug in BY_SLUG else None

    def _list(self, name: str) -> list[Release] | None:
        key = ALL_NEWS if name in ("", "all") else industry_key(name)
        return self.catalog.newest(list_key=key) if key else None

    # pages --------------------------------------------------------------------------------

    def _page(self, title: str, head: str, main: str) -> list[bytes]:
        top = (
            f"<!-- SYNTHETIC: made up by replica ({_NAMES[self.wire]}-shaped; no real "
            f"page of this wire was available) -->\n{SYNTHETIC_MARK}\n<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>{head}'
            f"</head><body>{self._top}<main>"
        )
        return [top.encode(), main.encode(), f"</main>{self._bottom}</body></html>\n".encode()]

    def _listing(self, releases: list[Release] | None, page: int, path: str) -> Response:
        if releases is None:
            return simple_page(404, "Page Not Found", "The page you requested could not be found.")
        shown = releases[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        cards = "".join(
            f'<div class="newsLink"><a href="{esc(self.path(r))}">{esc(r.title)}</a>'
            f'<p class="company">{esc(r.company.name)}</p></div>'
            for r in shown
        )
        pages = (len(releases) + PAGE_SIZE - 1) // PAGE_SIZE
        pager = (
            '<ul class="ui-html-pager">'
            + "".join(
                f'<li><a href="{esc(path)}?page={n}">{n}</a></li>' for n in range(1, pages + 1)
            )
            + "</ul>"
        )
        main = f'<div class="results">{cards}</div>{pager}'
        return Response(200, self._page(f"{_NAMES[self.wire]} news", "", main), kind="listing")

    def _detail(self, rid: str) -> Response:
        release = self._by_wire_id(rid)
        if release is None:
            return simple_page(404, "Page Not Found", "The page you requested could not be found.")
        with self._lock:
            parts = self._details.get(rid)
        if parts is None:
            parts = self._render_detail(release)
            with self._lock:
                self._details[rid] = parts
                while len(self._details) > 1024:
                    self._details.popitem(last=False)
        return Response(200, parts, kind="detail")

    def dateline(self, release: Release) -> str:
        if self.wire == "globenewswire":
            when = release.eastern
            month = f"{when:%b}."
            return f"{release.dateline_city}, {month}  {when:%d}, {when:%Y}  (GLOBE NEWSWIRE) -- "
        return f"{release.dateline_city}--(BUSINESS WIRE)--"

    def _render_detail(self, release: Release) -> list[bytes]:
        url = self.base_url + self.path(release)
        company = release.company.name
        blocks = [f"<p>{esc(self.dateline(release) + lead_text(release))}</p>"]
        for text in release.paragraphs:
            if text.startswith("## "):
                blocks.append(f"<p><strong>{esc(text[3:])}</strong></p>")
            else:
                blocks.append(f"<p>{esc(text)}</p>")
        if self.wire == "businesswire":
            blocks.append("<p><strong>Contacts</strong></p>")
        else:
            blocks.append("<p>Contact Data</p>")
        blocks.append(f"<p>Media: communications@{release.company.slug}.example</p>")
        head = (
            f'<link rel="canonical" href="{esc(url)}">'
            f'<meta property="og:title" content="{esc(release.title)}">'
            f'<meta property="og:url" content="{esc(url)}">'
            '<meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{release.published.isoformat()}">'
            f'<meta name="author" content="{esc(company)}">'
        )
        if self.wire == "globenewswire":
            data = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "headline": release.title,
                "alternativeHeadline": list(release.subtitles),
                "datePublished": release.published.isoformat(),
                "author": {"@type": "Organization", "name": company},
                "publisher": {"@type": "Organization", "name": "GlobeNewswire"},
            }
            ld = json.dumps(data).replace("</", "<\\/")
            head += f'<script type="application/ld+json">{ld}</script>'
        main = (
            f'<article class="main-body-container"><h1>{esc(release.title)}</h1>'
            + "".join(f"<h2>{esc(s)}</h2>" for s in release.subtitles)
            + f'<div class="article-body">{"".join(blocks)}</div></article>'
        )
        return self._page(release.title, head, main)

    def _feed(self, releases: list[Release] | None, path: str) -> Response:
        if releases is None:
            return simple_page(404, "Page Not Found", "The page you requested could not be found.")
        items = "".join(self._item(r) for r in releases[:FEED_ITEMS])
        namespaces = (
            ' xmlns:dc="http://dublincore.org/documents/dcmi-namespace/"'
            if self.wire == "globenewswire"
            else ""
        )
        body = (
            f'<?xml version="1.0" encoding="utf-8"?>\n<!-- SYNTHETIC feed of replica -->\n'
            f'<rss version="2.0"><channel{namespaces}><title>{_NAMES[self.wire]}</title>'
            f"<link>{escape(self.base_url + path)}</link><description>synthetic</description>"
            f"{items}</channel></rss>\n"
        )
        return Response(200, [body.encode()], "application/rss+xml; charset=utf-8", kind="rss")

    def _item(self, release: Release) -> str:
        url = self.base_url + self.path(release)
        title = escape(release.title)
        lead = escape(self.dateline(release) + lead_text(release)[:300])
        if self.wire == "globenewswire":
            when = release.published
            return (
                f'<item><guid isPermaLink="true">{escape(url)}</guid><link>{escape(url)}</link>'
                f"<title>{title}</title><description><![CDATA[<p>{lead}</p>]]></description>"
                f"<pubDate>{when:%a, %d %b %Y %H:%M} GMT</pubDate>"
                f"<dc:identifier>{self.wire_id(release)}</dc:identifier><dc:language>en"
                f"</dc:language><dc:contributor>{escape(release.company.name)}</dc:contributor>"
                "</item>"
            )
        moment = release.published
        stamp = f"{moment:%a}, {moment.day} {moment:%b %Y %H:%M:%S} UT"
        # Business Wire double-escapes titles and links with a ?feedref= token.
        return (
            f"<item><title>{escape(title)}</title><pubDate>{stamp}</pubDate>"
            f"<description>{lead}</description>"
            f"<link>{escape(url)}?feedref=synthetic</link>"
            f'<guid isPermaLink="false">{self.wire_id(release)}en</guid></item>'
        )

    def layout_changed(self, path: str, normal: Response) -> Response:
        """A 200 page in a markup no parser knows: no release link, no metadata, no dateline."""
        body = (
            f"<!doctype html>\n{SYNTHETIC_MARK}\n<html><head><title>{_NAMES[self.wire]}</title>"
            f'</head><body><div id="app-root"><p>Loading…</p></div></body></html>\n'
        )
        return Response(200, [body.encode()], HTML, kind=normal.kind)


def lead_text(release: Release) -> str:
    """The lead as every wire prints it: with the ticker after the company's first mention
    (as the PR Newswire pages do, `detail._lead_html`)."""
    company = release.company
    lead = release.lead
    if company.ticker and f"({company.exchange}: {company.ticker})" not in lead:
        mention = f"{company.name} ({company.exchange}: {company.ticker})"
        lead = lead.replace(company.name, mention, 1)
    return lead


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1
