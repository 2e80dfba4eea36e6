"""CrawlRunsExtension on its own: per-watch state, crawl_run rows, the typed summary."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.extensions.crawl_runs import crawl_state
from crawler.spiders.globenewswire import GlobenewswireSpider
from crawler.summary import WatchSummary
from storage.models import CrawlRun
from tests.crawler.components.conftest import MakeCrawler


def test_a_crawler_owns_only_the_watches_of_its_source(make_crawler: MakeCrawler) -> None:
    assert [w.name for w in crawl_state(make_crawler()).watches] == ["xellsmart", "biotech"]
    gnw = crawl_state(make_crawler(GlobenewswireSpider))
    assert [(w.name, w.source) for w in gnw.watches] == [("gnw-peers", "globenewswire")]


def test_responses_count_for_their_watch_and_the_close_records_each_run(
    make_crawler: MakeCrawler, sessions: sessionmaker[Session]
) -> None:
    crawler = make_crawler()
    state = crawl_state(crawler)
    request = Request("https://www.prnewswire.com/news/xellsmart/", meta={"watch": "xellsmart"})
    state.response_received(HtmlResponse(request.url, request=request), request, None)
    state.health["xellsmart"].listing_ok = True
    state.health["xellsmart"].count("pages")
    state.health["biotech"].problem("blocked", "HTTP 403 after retries")
    state.spider_closed(None, "finished")
    assert crawler.stats is not None
    summary: list[WatchSummary] = crawler.stats.get_value("wirewatch/summary")
    by_watch = {row["watch"]: row for row in summary}
    assert by_watch["xellsmart"]["health"] == "ok"
    assert (by_watch["xellsmart"]["requests"], by_watch["xellsmart"]["pages"]) == (1, 1)
    assert by_watch["biotech"]["health"] == "blocked"
    assert by_watch["biotech"]["message"] == "HTTP 403 after retries"
    assert all(row["recorded"] and row["source"] == "prnewswire" for row in summary)
    with sessions() as session:
        runs = {r.watch: r for r in session.scalars(select(CrawlRun))}
    assert (runs["xellsmart"].health, runs["xellsmart"].requests) == ("ok", 1)
    assert (runs["biotech"].health, runs["biotech"].errors) == ("blocked", 1)
