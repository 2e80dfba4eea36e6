"""`WatchSpider`: listing or feed → unseen links only → detail page, for any wire.

It decides what to fetch; what a wire's pages look like is its `WireSource`
(`crawler.sources.registry`), per-watch health and the known-releases store are the crawl's
state (`crawler.extensions.crawl_runs.crawl_state`), SQL is in `storage`. One watch's failure
never stops the others. Each wire's spider (`crawler/spiders/<wire>.py`) only names its source.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any, ClassVar

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler.extensions.crawl_runs import CrawlRunsExtension, crawl_state
from crawler.failures import failure_health
from crawler.health import WatchHealth
from crawler.items import Listing, ListingEntry, PressRelease
from crawler.offsite import Origin, allowed_origins, on_site, source_urls
from crawler.parse_pool import ParsePool
from crawler.parsing.errors import LayoutChanged, PageError
from crawler.sources.registry import wire_source
from crawler.sources.wire_source import WireSource
from crawler.watches import CrawlWatch, aware

logger = logging.getLogger(__name__)


class WatchSpider(scrapy.Spider):
    """Crawls every configured watch of its source once: incremental, or a backfill to a date."""

    source: ClassVar[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wire: WireSource = wire_source(self.source)
        # Which watches listed each release in this run. The set rides on the release item
        # (`PressRelease.watches`): a watch that lists it while its page is in flight is added
        # to the same set, so one fetch serves every watch.
        self.claimed: dict[str, set[str]] = {}
        self.parser = ParsePool(0, self.source)
        self.mode = "incremental"
        self.urls: dict[str, str] = {"base_url": self.wire_default_url()}
        self.max_pages = 20
        self.page_size = 25
        self.since: datetime | None = None
        self.until: datetime | None = None
        # Hooks for a distributed backfill (crawler.distributed.settings); these defaults are
        # the single-process crawl's behaviour.
        self.listing_dont_filter = True
        # A detail page is requested once per run by construction (`claimed`), so Scrapy's
        # duplicate filter (a canonicalised-URL hash per request) is redundant here; the
        # distributed backfill needs it across workers (WIREWATCH_FILTER_DETAILS).
        self.detail_dont_filter = True
        self.listing_priority = 0
        self.origins: frozenset[Origin] = frozenset()
        self.max_requests = 0  # 0: no budget
        self.requests_made = 0
        self.retry_links = 50

    @classmethod
    def wire_default_url(cls) -> str:
        from crawler.sources.registry import SOURCES

        return SOURCES[cls.source].base_url

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """This source's `[source.<name>]` values (WIREWATCH_SOURCES) over the common ones.

        One above "cmdline": `CrawlerProcess.crawl(crawler)` merges the process's settings
        into the crawler again, and a tie would give the common value back.
        """
        super().update_settings(settings)
        own = settings.getdict("WIREWATCH_SOURCES").get(cls.source) or {}
        settings.setdict(own, priority=SETTINGS_PRIORITIES["cmdline"] + 1)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WatchSpider:
        spider: WatchSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.parser = ParsePool(
            settings.getint("WIREWATCH_PARSE_WORKERS", 0),
            cls.source,
            settings.getlist("WIREWATCH_PARSE_WORKER_ARGS"),
        )
        crawler.signals.connect(spider.parser.close, signal=scrapy.signals.spider_closed)
        return spider

    def configure(self, settings: BaseSettings) -> None:
        """Read the crawl's settings: at `start()`, once `update_settings` has put this
        source's own values over the common ones (Scrapy applies it after `from_crawler`)."""
        base_url = settings.get("WIREWATCH_BASE_URL") or self.wire_default_url()
        self.urls = {
            "base_url": base_url.rstrip("/"),
            **{k: v.rstrip("/") for k, v in settings.getdict("WIREWATCH_EXTRA_URLS").items()},
        }
        self.mode = settings.get("WIREWATCH_MODE", "incremental")
        self.max_pages = settings.getint("WIREWATCH_MAX_PAGES", 20)
        self.page_size = settings.getint("WIREWATCH_PAGE_SIZE", 25)
        self.since = aware(settings.get("WIREWATCH_SINCE"))
        self.until = aware(settings.get("WIREWATCH_UNTIL"))
        self.listing_dont_filter = not settings.getbool("WIREWATCH_FILTER_LISTINGS", False)
        self.detail_dont_filter = not settings.getbool("WIREWATCH_FILTER_DETAILS", False)
        self.listing_priority = settings.getint("WIREWATCH_LISTING_PRIORITY", 0)
        self.origins = allowed_origins(source_urls(settings))
        if self.mode == "incremental":
            self.max_requests = settings.getint("WIREWATCH_MAX_REQUESTS", 0)
            self.retry_links = settings.getint("WIREWATCH_RETRY_LINKS", 50)
        else:
            self.retry_links = 0

    @property
    def state(self) -> CrawlRunsExtension:
        return crawl_state(self.crawler)

    @property
    def watches(self) -> list[CrawlWatch]:
        return self.state.watches

    def _health(self, watch: CrawlWatch) -> WatchHealth:
        return self.state.health[watch.name]

    async def start(self) -> AsyncIterator[Request]:
        self.configure(self.crawler.settings)
        for watch in self.watches:
            if self._spend(watch):
                yield self._listing_request(watch, 1)
        try:
            retries = [r for watch in self.watches for r in self._retries(watch)]
        except SQLAlchemyError as exc:
            self.state.database_failed(exc)
            return
        for request in retries:
            yield request

    def _spend(self, watch: CrawlWatch) -> bool:
        """Take one request from the crawl's budget; False once it is spent."""
        if self.max_requests and self.requests_made >= self.max_requests:
            self._health(watch).left_over += 1
            return False
        self.requests_made += 1
        return True

    # listings ---------------------------------------------------------------------------

    def _listing_request(self, watch: CrawlWatch, page: int) -> Request:
        url = self.wire.listing_url(self.urls, watch.kind, watch.path, page, self.page_size)
        return Request(
            url,
            callback=self.parse_listing_page,
            errback=self.listing_failed,
            cb_kwargs={"watch": watch, "page": page},
            meta={"watch": watch.name, "listing": True},
            priority=self.listing_priority,
            dont_filter=self.listing_dont_filter,
        )

    def parse_listing_page(
        self, response: Response, watch: CrawlWatch, page: int
    ) -> Iterator[Request]:
        health = self._health(watch)
        health.count("pages")
        try:
            if watch.kind == "rss":
                listing = self.wire.parse_feed(response.body, response.url)
            else:
                listing = self.wire.parse_listing(response.body, response.url)
        except LayoutChanged as exc:
            if page > 1 and watch.kind != "rss" and not self.wire.marks_listing_end:
                # Pages before this one were read, so the layout has not changed: on a wire
                # whose listings print no "no results" mark, this is the page past the last.
                logger.info("%s: no release on page %d: the end of the listing", watch.name, page)
                health.done_paging = True
                return
            health.problem(exc.health, f"{response.url}: {exc}")
            return
        except PageError as exc:
            health.problem(exc.health, f"{response.url}: {exc}")
            return
        health.listing_ok = True
        entries = self._in_window(listing)
        if not listing.entries:
            if page == 1:
                # An empty listing is a verdict, not an error.
                health.problem(
                    "empty", f"{response.url}: the listing shows no release", error=False
                )
            health.done_paging = True  # in a backfill, a page with no cards ends the listing
            return
        if self.mode == "incremental":
            newest = max((e.published_at for e in entries if e.published_at), default=None)
            if newest is not None and (
                health.newest_listed is None or newest > health.newest_listed
            ):
                health.newest_listed = newest
        yield from self._follow_entries(watch, entries)
        if self._should_page(watch, listing, page):
            self.state.known.save_backfill_cursor(watch.name, page, self.mode, self.state.window)
            if self._spend(watch):
                yield self._listing_request(watch, page + 1)
        else:
            health.done_paging = True

    def _span(self, entry: ListingEntry) -> tuple[datetime, datetime] | None:
        """When the entry may have been published: its time, else a day from its URL with a
        day of slack each way (the wire does not say in which zone), else unknown."""
        if entry.published_at is not None:
            return entry.published_at, entry.published_at
        day = self.wire.release_date(entry.url)
        if day is None:
            return None
        start = datetime.combine(day, time.min, tzinfo=UTC) - timedelta(days=1)
        return start, start + timedelta(days=3)

    def _in_window(self, listing: Listing) -> list[ListingEntry]:
        if self.mode != "backfill":
            return listing.entries
        kept = []
        for entry in listing.entries:
            span = self._span(entry)
            if span is not None and self.until is not None and span[0] > self.until:
                continue
            if span is not None and self.since is not None and span[1] < self.since:
                continue
            kept.append(entry)
        return kept

    def _should_page(self, watch: CrawlWatch, listing: Listing, page: int) -> bool:
        if watch.kind == "rss":
            return False  # feeds have no paging
        if self.mode == "backfill":
            spans = [span for e in listing.entries if (span := self._span(e)) is not None]
            oldest = min((latest for _, latest in spans), default=None)
            return oldest is None or self.since is None or oldest >= self.since
        known = self.state.known
        if not known.watch_has_history(watch.name):
            return False  # a watch's very first crawl reads one page; history is backfill's job
        # Listings are newest first. `listed_through` is how far down this watch has seen every
        # listed release (each one stored, filtered, or pending/failed and retried on its own),
        # so paging goes on until a page reaches it. Stopping at the first page holding any
        # settled release instead loses what a partial crawl left further down (a failed
        # listing page 2, a crawl cut short): nothing would ever list those releases again.
        if all(e.published_at is None for e in listing.entries):
            # Cards without times (GlobeNewswire, Business Wire listings): no mark to walk down
            # to, so paging stops at the first page showing a release this watch settled before
            # (what a failed fetch leaves is retried from `seen_link`, listed or not).
            ids = [e.release_id for e in listing.entries]
            reached = bool(known.settled(watch.name, ids))
        else:
            mark = known.listed_through(watch.name)
            reached = mark is None or any(
                e.published_at is not None and e.published_at <= mark for e in listing.entries
            )
        if not reached and page >= self.max_pages:
            self._health(watch).note(
                f"listing page {page} (max_pages) is still newer than what this watch has seen:"
                " older releases may be missing (a backfill finds them)"
            )
            logger.warning("watch %s: max_pages reached before its known releases", watch.name)
        return not reached and page < self.max_pages

    def _follow_entries(self, watch: CrawlWatch, entries: list[ListingEntry]) -> Iterator[Request]:
        entries = self._on_site(watch, entries)
        settled = self.state.known.settled(watch.name, [e.release_id for e in entries])
        unseen = [e for e in entries if e.release_id not in settled]
        self._health(watch).count("seen_items", len(entries) - len(unseen))
        yield from self._fetch(watch, unseen)

    def _fetch(self, watch: CrawlWatch, entries: list[ListingEntry]) -> Iterator[Request]:
        """Detail requests for releases this watch has not settled, within the budget."""
        known = self.state.known
        stored = known.stored(self.source, [e.release_id for e in entries])
        if stored:
            # Another watch stored them already: this watch has now seen them, no fetch needed.
            links = [(e.release_id, e.url) for e in entries if e.release_id in stored]
            known.mark_many(watch.name, links, "stored")
            self._health(watch).count("seen_items", len(links))
        wanted = [e for e in entries if e.release_id not in stored]
        if self.mode == "incremental":
            # Recorded before fetching: whatever stops this crawl early (a crash, a timeout, a
            # full disk, the budget) leaves them to be fetched again, listed or not.
            known.mark_pending(watch.name, [(e.release_id, e.url) for e in wanted])
        for entry in wanted:
            claimants = self.claimed.setdefault(entry.release_id, set())
            first = not claimants
            claimants.add(watch.name)
            if not first:
                continue
            if not self._spend(watch):
                del self.claimed[entry.release_id]  # not fetched: let a later page try again
                continue
            yield Request(
                entry.url,
                callback=self.parse_detail,
                errback=self.detail_failed,
                cb_kwargs={"watch": watch, "entry": entry},
                meta={"watch": watch.name},
                dont_filter=self.detail_dont_filter,
            )

    def _retries(self, watch: CrawlWatch) -> Iterator[Request]:
        """Failed and pending links of the watch, fetched again without their listing."""
        if not self.retry_links:
            return
        links = self.state.known.retry_due(watch.name, self.retry_links)
        entries = [ListingEntry(rid, url, "", None) for rid, url in links]
        entries = [e for e in self._on_site(watch, entries) if e.release_id not in self.claimed]
        if entries:
            logger.info("watch %s: retrying %d failed or pending link(s)", watch.name, len(entries))
        yield from self._fetch(watch, entries)

    def _on_site(self, watch: CrawlWatch, entries: list[ListingEntry]) -> list[ListingEntry]:
        """Drop (and remember as filtered) links leading off the configured site."""
        kept = [e for e in entries if on_site(e.url, self.origins)]
        if len(kept) < len(entries):
            off = [(e.release_id, e.url) for e in entries if not on_site(e.url, self.origins)]
            for _, url in off:
                logger.warning("watch %s: ignored an off-site link %s", watch.name, url[:300])
            self.state.known.mark_many(watch.name, off, "filtered", "off-site link")
            self._health(watch).count("filtered", len(off))
        return kept

    def listing_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        health = self._health(request.cb_kwargs["watch"])
        health_value, message = failure_health(failure)
        health.problem(health_value, f"{request.url}: {message}")
        if isinstance(failure.value, HttpError):
            retry_after = failure.value.response.headers.get(b"Retry-After")
            if retry_after and retry_after.isdigit():
                health.retry_after = int(retry_after)

    # details ----------------------------------------------------------------------------

    async def parse_detail(
        self, response: Response, watch: CrawlWatch, entry: ListingEntry
    ) -> list[PressRelease]:
        try:
            release = await self.parser.parse_release(response.body, response.url, entry)
        except PageError as exc:
            self._health(watch).problem(exc.health, f"{response.url}: {exc}")
            self.state.known.mark(watch.name, entry, "failed", reason=type(exc).__name__)
            return []
        if not on_site(release.url, self.origins):
            # The page names an off-site canonical URL: the one it was fetched from is on-site.
            release.url = self.wire.conventions.canonical_url(response.url, None)
        release.source = self.source
        release.watch = watch.name
        release.watches = self.claimed.setdefault(entry.release_id, {watch.name})
        return [release]

    def detail_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        watch: CrawlWatch = request.cb_kwargs["watch"]
        entry: ListingEntry = request.cb_kwargs["entry"]
        health_value, message = failure_health(failure)
        self._health(watch).problem(health_value, f"{request.url}: {message}")
        self.state.known.mark(watch.name, entry, "failed", reason=message[:200])
