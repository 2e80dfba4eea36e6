from __future__ import annotations

from datetime import date

import pytest

from crawler.sources.globenewswire.urls import canonical_url, release_date, release_id

RELEASE = (
    "https://www.globenewswire.com/news-release/2026/10/05/3374933/0/en/"
    "peapack-private-appoints-ana-parra-as-senior-managing-director-group-director.html"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (RELEASE, "3374933"),
        ("https://www.globenewswire.com/news-release/2021/03/02/3030128/9375/en/x.html", "3030128"),
        ("https://www.globenewswire.com/en/news-release/2024/01/08/2805632/0/en/x.html", "2805632"),
        ("/news-release/2018/03/19/1442286/0/is/N1-hf-%C3%81rssk%C3%BDrsla-2017.html", "1442286"),
        ("https://www.globenewswire.com/en/search/organization/Kestrel", None),
        ("https://www.globenewswire.com/Tracker?data=abc", None),
    ],
)
def test_release_id_is_the_segment_after_the_date(url: str, expected: str | None) -> None:
    assert release_id(url) == expected


def test_release_date_comes_from_the_url_path() -> None:
    assert release_date(RELEASE) == date(2026, 10, 5)
    assert release_date("https://www.globenewswire.com/") is None


def test_canonical_url_is_https_www_without_query() -> None:
    assert (
        canonical_url(
            "/news-release/2018/03/19/1442291/0/en/First-Liberty.html?x=1#top",
            "http://globenewswire.com/",
        )
        == "https://www.globenewswire.com/news-release/2018/03/19/1442291/0/en/First-Liberty.html"
    )


def test_canonical_url_keeps_the_replica_host_and_scheme() -> None:
    assert canonical_url("/news-release/2026/10/05/1/0/en/x.html", "http://127.0.0.1:8081/") == (
        "http://127.0.0.1:8081/news-release/2026/10/05/1/0/en/x.html"
    )
