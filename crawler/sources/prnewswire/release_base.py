"""The release parser shared by every template era (fundus style).

`ReleaseParser` holds the extraction pipeline; each era subclass only sets the XPath
selectors that differ (release_2015 → release_2016 → release_2020 → release_2025). XPaths
are compiled once per class and evaluated on the release root (`article.news-release`, or
`div.news-release-detail` in 2015); selectors starting with `//` reach the rest of the page
(Explore, "Also from this source"), which sits outside the article.

Body boundaries: from the dateline paragraph (the first block containing `/PRNewswire…/`,
so pre-dateline summary bullets are left out) up to, but not including, the `SOURCE …`
line, whose company is the fallback for `company`. Paragraphs are separated by one blank
line (see text.py for what counts as a block).
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta
from typing import ClassVar

from lxml import etree

from crawler.items import PressRelease
from crawler.parsing.document import Element, elements, first_string, squash, strings, text_of
from crawler.parsing.errors import LayoutChanged
from crawler.parsing.tickers import tickers, unique
from crawler.sources.prnewswire.body_text import iter_blocks, prepare
from crawler.sources.prnewswire.dates import DateParseError, eastern_wall_clock, parse_prn_datetime
from crawler.sources.prnewswire.fields import (
    DATELINE_MARK,
    SOURCE_LINE,
    canonical_url,
    company_slug,
    company_url,
    dateline_city,
    release_id,
)

NOTHING = etree.XPath("self::*[false()]")
_META_KEYS = ("date", "author", "keywords", "news_keywords", "geo.region", "og:title", "og:url")
_HEAD_META = etree.XPath(
    "/html/head/meta[@content]["
    + " or ".join(f"@name='{k}' or @property='{k}'" for k in _META_KEYS)
    + "]"
)
_CANONICAL = etree.XPath("/html/head/link[@rel='canonical']/@href")
_PIXEL = etree.XPath(".//img[contains(@src, 'Transmission_Id=')]/@src")
_TICKER_LINKS = etree.XPath(".//a[contains(@class, 'ticket-symbol')]")
_TRANSMISSION_TIME = re.compile(r"(?:^|Transmission_Id=)(\d{12})")
_TWELVE_HOURS = timedelta(hours=12)


class ReleaseParser:
    """Extraction pipeline; subclasses set the selectors of their template era."""

    template: ClassVar[str]
    version: ClassVar[str]
    marker: ClassVar[etree.XPath]  # non-empty on the release root of this era
    title: ClassVar[etree.XPath]
    subtitles: ClassVar[etree.XPath]
    printed_date: ClassVar[etree.XPath]
    company_name: ClassVar[etree.XPath]
    company_link: ClassVar[etree.XPath]  # @href values
    body: ClassVar[etree.XPath]  # body containers, joined in order
    tag_links: ClassVar[etree.XPath]
    also_from: ClassVar[etree.XPath]  # @href values
    transmission: ClassVar[etree.XPath]  # hidden inputs holding the transmission id
    # 2015 and 2016/17 pages write the ET wall clock into meta[name=date] with a "Z".
    meta_date_is_et: ClassVar[bool] = False

    def __init__(self, release_root: Element, page_url: str) -> None:
        self.root = release_root
        self.page_url = page_url
        self.containers = elements(self.body(release_root))
        # Read the rt.gif pixel before prepare() drops images from the body.
        self.pixels = [src for box in self.containers for src in strings(_PIXEL(box))]
        for container in self.containers:
            prepare(container)
        self.meta: dict[str, str] = {}
        for meta in elements(_HEAD_META(release_root)):
            key = (meta.get("name") or meta.get("property") or "").lower()
            content = squash(meta.get("content") or "")
            if key and content and key not in self.meta:
                self.meta[key] = content

    @classmethod
    def matches(cls, release_root: Element) -> bool:
        return bool(elements(cls.marker(release_root)))

    def parse(self) -> PressRelease:
        url = self._url()
        rid = release_id(url) or release_id(canonical_url(self.page_url))
        if rid is None:
            raise LayoutChanged(f"no release id in {url!r}")
        title = first_string(self.root, self.title) or self.meta.get("og:title", "")
        if not title:
            raise LayoutChanged("release has no title")
        blocks = [block for container in self.containers for block in iter_blocks(container)]
        start = next((i for i, block in enumerate(blocks) if DATELINE_MARK.search(block)), None)
        end = next(
            (
                i
                for i in range(len(blocks) - 1, (start or 0) - 1, -1)
                if SOURCE_LINE.match(blocks[i])
            ),
            None,
        )
        if end is None:
            raise LayoutChanged("release body has no SOURCE line")
        body_blocks = blocks[start or 0 : end]
        body = "\n\n".join(body_blocks)
        source_match = SOURCE_LINE.match(blocks[end])
        source = squash(source_match.group(1)) if source_match else ""
        company = first_string(self.root, self.company_name) or source or self.meta.get("author")
        href = first_string(self.root, self.company_link)
        slug = company_slug(href) if href else None
        return PressRelease(
            release_id=rid,
            url=url,
            title=title,
            subtitles=[squash(text_of(p)) for p in elements(self.subtitles(self.root))],
            published_at=self._published_at(),
            company=company or None,
            company_slug=slug,
            company_url=company_url(slug, url) if slug else None,
            dateline_city=dateline_city(blocks[start]) if start is not None else None,
            body=body,
            tickers=self._tickers(body),
            tags=self._tags(company),
            also_from_source=self._also_from(url),
            template=self.template,
            parser_version=self.version,
        )

    def _url(self) -> str:
        for candidate in (*strings(_CANONICAL(self.root)), self.meta.get("og:url", "")):
            if candidate.strip():
                return canonical_url(candidate, self.page_url)
        return canonical_url(self.page_url)

    def _published_at(self) -> datetime:
        """Publication time, cross-checked against the wire transmission id.

        The transmission id ("201604251539PR_NEWS_USPR_____SF80697", hidden input or rt.gif
        pixel) starts with the ET wall clock of the transmission. The 2024 template prints
        "25 Apr, 2016, 03:39 ET" (12-hour clock, no PM) and derives meta[name=date] from it,
        so a page time exactly 12 h before the transmission time is taken as that PM time.
        """
        candidates: list[datetime] = []
        machine = self.meta.get("date")
        if machine:
            try:
                parsed = parse_prn_datetime(machine)
            except DateParseError:
                pass
            else:
                if self.meta_date_is_et and machine.rstrip().endswith("Z"):
                    parsed = eastern_wall_clock(parsed.replace(tzinfo=None))
                candidates.append(parsed)
        printed = first_string(self.root, self.printed_date)
        if printed:
            with contextlib.suppress(DateParseError):
                candidates.append(parse_prn_datetime(printed))
        transmitted = self._transmission_time()
        if transmitted is not None:
            if transmitted in candidates:
                return transmitted
            if any(transmitted - value == _TWELVE_HOURS for value in candidates):
                return transmitted
        if candidates:
            return candidates[0]
        if transmitted is not None:
            return transmitted
        raise LayoutChanged("release has no readable publication date")

    def _transmission_time(self) -> datetime | None:
        values = [*strings(self.transmission(self.root)), *self.pixels]
        for value in values:
            match = _TRANSMISSION_TIME.search(value)
            if match:
                try:
                    wall = datetime.strptime(match.group(1), "%Y%m%d%H%M")  # noqa: DTZ007
                except ValueError:
                    continue
                return eastern_wall_clock(wall)
        return None

    def _tickers(self, body: str) -> list[str]:
        links: list[tuple[str, str]] = []
        for container in self.containers:
            for link in elements(_TICKER_LINKS(container)):
                previous = link.getprevious()
                parent = link.getparent()
                before = (
                    previous.tail
                    if previous is not None
                    else (parent.text if parent is not None else "")
                )
                links.append((before or "", squash(text_of(link))))
        return tickers(body, links)

    def _tags(self, company: str | None) -> list[str]:
        names = [squash(text_of(a)) for a in elements(self.tag_links(self.root))]
        keywords = self.meta.get("news_keywords") or self.meta.get("keywords") or ""
        if company:  # 2026: "W.W. Grainger, Inc.,Construction & Building,…" (comma in the name)
            keywords = keywords.replace(company, "")
        excluded = {(company or "").casefold()}
        excluded.update(
            part.strip().casefold() for part in self.meta.get("geo.region", "").split(",")
        )
        names.extend(
            word
            for word in keywords.split(",")
            if ":" not in word and squash(word).casefold() not in excluded
        )
        return unique(names)

    def _also_from(self, own_url: str) -> list[str]:
        urls = []
        for href in strings(self.also_from(self.root)):
            absolute = canonical_url(href, own_url)
            if release_id(absolute) and absolute != own_url:
                urls.append(absolute)
        return list(dict.fromkeys(urls))
