"""Paths, paging and the detail template of the replica's pages."""

from __future__ import annotations

import json
import time
from datetime import datetime

from parsel import Selector

from replica import Replica
from replica.catalog import Catalog
from replica.generator import SEED_ID
from replica.model import SYNTHETIC_MARK
from tests.replica.conftest import fetch

SEED_PATH = (
    "/news-releases/xellsmarts-allogeneic-ipsc-derived-cell-therapies-for-parkinsons-disease-"
    "and-als-officially-approved-by-the-us-fda-for-phase-i-clinical-trials-302427583.html"
)
BIOTECH = "/news-releases/health-latest-news/biotechnology-list/"
EARNINGS = "/news-releases/financial-services-latest-news/earnings-list/"


def card_hrefs(text: str) -> list[str]:
    return Selector(text).css("div.row.newsCards a.newsreleaseconsolidatelink::attr(href)").getall()


def test_the_newsroom_lists_25_newest_releases_first_and_pages_back(replica: Replica) -> None:
    newest = replica.catalog.newest(company="xellsmart")
    first = fetch(replica.base_url, "/news/xellsmart/")
    second = fetch(replica.base_url, "/news/xellsmart/?page=2&pagesize=25")
    assert first.status == second.status == 200
    assert card_hrefs(first.text) == [r.path for r in newest[:25]]
    assert card_hrefs(second.text) == [r.path for r in newest[25:50]]
    times = [r.published for r in newest[:50]]
    assert times == sorted(times, reverse=True)


def test_page_size_can_be_chosen_up_to_100(replica: Replica) -> None:
    page = fetch(replica.base_url, "/news-releases/news-releases-list/?page=1&pagesize=100")
    assert len(card_hrefs(page.text)) == 100


def test_a_page_past_the_end_keeps_the_listing_structure_with_no_cards(replica: Replica) -> None:
    page = fetch(replica.base_url, "/news/xellsmart/?page=999&pagesize=25")
    assert page.status == 200
    selector = Selector(page.text)
    assert card_hrefs(page.text) == []
    assert selector.css("main div.card-list")
    assert selector.css("main ul.pagination")
    assert selector.css("main input#date")


def test_listing_cards_show_the_full_date_title_and_teaser(replica: Replica) -> None:
    page = Selector(fetch(replica.base_url, BIOTECH).text)
    card = page.css("div.row.newsCards")[0]
    newest = replica.catalog.newest(list_key="health-latest-news/biotechnology-list")[0]
    assert card.attrib["lang"] == "en-US"
    assert card.css("h3.no-top-margin small::text").get() == newest.printed_time
    assert newest.title in "".join(card.css("h3::text").getall())
    assert card.css("p.remove-outline::text").get()


def test_category_lists_hold_only_their_kind_of_release(replica: Replica) -> None:
    earnings = replica.catalog.newest(list_key="financial-services-latest-news/earnings-list")
    biotech = replica.catalog.newest(list_key="health-latest-news/biotechnology-list")
    assert earnings
    assert biotech
    assert all(r.company.field == "other" for r in earnings)
    assert all(r.company.field != "other" for r in biotech)
    hrefs = card_hrefs(fetch(replica.base_url, EARNINGS).text)
    assert hrefs == [r.path for r in earnings[:25]]


def test_the_seed_release_is_served_under_its_real_id_and_slug(replica: Replica) -> None:
    page = fetch(replica.base_url, SEED_PATH)
    assert page.status == 200
    selector = Selector(page.text)
    assert selector.css("header.release-header h1::text").get() == (
        "XellSmart's Allogeneic iPSC-derived Cell Therapies for Parkinson's Disease and ALS "
        "Officially Approved by the U.S. FDA for Phase I Clinical Trials"
    )
    assert selector.css("p.mb-no::text").get() == "Apr 15, 2025, 09:10 ET"
    assert selector.css("meta[name=date]::attr(content)").get() == "2025-04-15T09:10:00-04:00"
    dateline = "".join(selector.css("section.release-body p")[0].css("::text").getall())
    assert dateline.startswith("SUZHOU, China, April 15, 2025 /PRNewswire/ --\xa0In January 2025")
    assert str(SEED_ID) in SEED_PATH


def test_detail_pages_follow_the_2025_template(replica: Replica) -> None:
    release = next(r for r in replica.catalog.newest() if r.subtitles and r.company.ticker)
    page = fetch(replica.base_url, release.path)
    s = Selector(page.text)
    url = replica.base_url + release.path
    assert s.css("article.news-release header.release-header div.customHeadline h1")
    assert s.css("p.subtitle::text").getall() == list(release.subtitles)
    assert s.css("header.release-header h2.meta::text").get() == "News provided by"
    link = s.css(f'header.release-header a[href="/news/{release.company.slug}/"]')
    assert link.css("strong::text").get().strip() == release.company.name
    assert s.xpath(
        '//section[@class="release-body container "]/div[@class="row"]'
        '/div[@class="col-lg-10 col-lg-offset-1"]'
    )
    assert s.css("section.release-body span.legendSpanClass::text").getall() == [
        release.dateline_city,
        release.dateline_date,
    ]
    assert s.css("section.release-body a.ticket-symbol::text").get() == release.company.ticker
    assert f"SOURCE {release.company.name}" in s.css("section.release-body p::text").getall()
    assert s.css('section.release-body img[src^="https://rt.prnewswire.com/rt.gif"]')
    assert s.css("section.release-body .prnNewsLetterWidgetSection .valueText")
    assert s.css("link[rel=canonical]::attr(href)").get() == url
    assert s.css("meta[property='og:url']::attr(content)").get() == url
    assert s.css("meta[property='og:title']::attr(content)").get() == release.title
    ld = json.loads(s.css("script[type='application/ld+json']::text").get())
    assert ld["@type"] == "NewsArticle"
    assert ld["mainEntityOfPage"]["@id"] == url
    also = s.css("div.source-section a.omniture-news-release-readMore-clicks::attr(href)").getall()
    assert also
    assert all(not h.startswith("/") and h.endswith(".html") for h in also)
    assert s.css("div.explore-section p.img-title a::text").getall()
    assert s.css("input#prop26::attr(value)").get() == release.printed_time
    assert s.css("input#companies::attr(value)").get() == release.company.name
    assert s.css("input#prop35::attr(value)").get()
    assert s.css("input#prop37::attr(value)").get() is not None


def test_published_times_are_printed_in_eastern_time_with_dst(replica: Replica) -> None:
    releases = replica.catalog.newest()
    winter = next(r for r in releases if r.published.month == 1)
    summer = next(r for r in releases if r.published.month == 7)
    for release, offset in ((winter, "-05:00"), (summer, "-04:00")):
        s = Selector(fetch(replica.base_url, release.path).text)
        stamp = s.css("meta[name=date]::attr(content)").get()
        assert stamp.endswith(offset)
        assert datetime.fromisoformat(stamp) == release.published
        assert s.css("p.mb-no::text").get() == datetime.fromisoformat(stamp).strftime(
            "%b %d, %Y, %H:%M ET"
        )


def test_detail_pages_weigh_what_real_pages_weigh(replica: Replica) -> None:
    releases = replica.catalog.newest()
    sample = releases[::10] + [r for r in releases if r.tables == 3][:3]
    sizes = [len(fetch(replica.base_url, r.path).body) for r in sample]
    assert all(170_000 <= size <= 440_000 for size in sizes), (min(sizes), max(sizes))
    assert max(sizes) > 300_000


def test_every_made_up_page_is_marked_synthetic(replica: Replica) -> None:
    release = replica.catalog.newest()[3]
    for path in (release.path, "/news/xellsmart/", BIOTECH, "/rss/news-releases-list.rss"):
        assert SYNTHETIC_MARK in fetch(replica.base_url, path).text


def test_release_ids_are_nine_digits_and_increase_with_publish_time() -> None:
    releases = Catalog(releases=500, seed=3).newest()[::-1]
    ids = [int(r.release_id) for r in releases]
    assert all(len(r.release_id) == 9 for r in releases)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert [r.published for r in releases] == sorted(r.published for r in releases)
    assert any(r.release_id == str(SEED_ID) for r in releases)


def test_the_same_seed_gives_the_same_releases() -> None:
    first = [(r.release_id, r.title, r.lead) for r in Catalog(200, seed=7).newest()]
    again = [(r.release_id, r.title, r.lead) for r in Catalog(200, seed=7).newest()]
    other = [(r.release_id, r.title, r.lead) for r in Catalog(200, seed=8).newest()]
    assert first == again
    assert first != other


def test_5000_releases_build_in_a_few_seconds() -> None:
    started = time.perf_counter()
    with Replica(releases=5000) as big:
        assert len(big.catalog) == 5000
        newest = big.catalog.newest()[0]
        assert fetch(big.base_url, newest.path).status == 200
    assert time.perf_counter() - started < 10


def test_robots_txt_disallows_search_like_the_real_one(replica: Replica) -> None:
    robots = fetch(replica.base_url, "/robots.txt")
    assert robots.status == 200
    assert robots.headers["content-type"].startswith("text/plain")
    assert "User-Agent: *\nDisallow: /search/\n" in robots.text
    assert "Disallow: /news" not in robots.text
    assert "Disallow: /rss" not in robots.text


def test_unknown_pages_are_404_and_a_wrong_slug_redirects(replica: Replica) -> None:
    assert fetch(replica.base_url, "/news/no-such-company/").status == 404
    assert fetch(replica.base_url, "/news-releases/nothing-here-123456789.html").status == 404
    moved = fetch(replica.base_url, "/news-releases/old-slug-302427583.html")
    assert moved.status == 301
    assert moved.headers["location"] == SEED_PATH


def test_newsroom_urls_work_without_the_trailing_slash(replica: Replica) -> None:
    with_slash = card_hrefs(fetch(replica.base_url, "/news/xellsmart/").text)
    assert card_hrefs(fetch(replica.base_url, "/news/xellsmart").text) == with_slash
