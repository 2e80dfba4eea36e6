from __future__ import annotations

from datetime import date

import pytest

from crawler.sources.businesswire.urls import (
    canonical_url,
    release_date,
    release_id,
    split_guid,
    unwrap_smartlink,
)

FEED_LINK = (
    "http://www.businesswire.com/news/home/20260930550483/fr/?feedref=1-6SMMw3HgudSqfciOInFAT1a"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (FEED_LINK, "20260930550483"),
        (
            "https://www.businesswire.com/news/home/20261005363276/en/AstraZeneca-opens/",
            "20261005363276",
        ),
        ("https://www.businesswire.com/news/home/20261005363276", "20261005363276"),
        ("https://www.businesswire.com/news/home/2026100536327/en/", None),
        ("https://www.businesswire.com/portal/site/home/news/", None),
    ],
)
def test_release_id_is_the_14_digits_after_news_home(url: str, expected: str | None) -> None:
    assert release_id(url) == expected


def test_release_date_is_the_ids_first_eight_digits() -> None:
    assert release_date(FEED_LINK) == date(2026, 9, 30)


def test_canonical_url_drops_feedref_and_uses_https() -> None:
    assert canonical_url(FEED_LINK) == "https://www.businesswire.com/news/home/20260930550483/fr/"


def test_guid_splits_into_id_and_language() -> None:
    assert split_guid("20261005363276en") == ("20261005363276", "en")
    assert split_guid("not-a-guid") is None


def test_smartlinks_are_unwrapped_to_their_target() -> None:
    smartlink = (
        "https://cts.businesswire.com/ct/CT?id=smartlink&url=https%3A%2F%2Fwww.kestrel.example"
        "%2Fpipeline&esheet=1&newsitemid=20261005512345&lan=en-US"
    )
    assert unwrap_smartlink(smartlink) == "https://www.kestrel.example/pipeline"
    assert unwrap_smartlink("https://www.kestrel.example/") == "https://www.kestrel.example/"
