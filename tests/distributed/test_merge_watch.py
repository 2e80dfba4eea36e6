"""How the coordinator folds the workers' shares of one watch into its crawl_run verdict."""

from __future__ import annotations

from crawler.summary import WatchSummary, watch_summary
from wirewatch.distributed import merge_watch


def share(health: str = "ok", *, listing_ok: bool = False, **counts: int) -> WatchSummary:
    return watch_summary(
        watch="w", source="prnewswire", health=health, messages=[], counts=counts,
        listing_ok=listing_ok,
    )  # fmt: skip


def test_counts_add_up_and_one_worker_reading_the_listing_is_enough() -> None:
    row = merge_watch(
        "w", [share(listing_ok=True, pages=3, new_items=40), share(new_items=55, requests=55)]
    )
    assert row["health"] == "ok"
    assert (row["pages"], row["new_items"], row["requests"]) == (3, 95, 55)


def test_the_worst_health_of_any_worker_wins() -> None:
    blocked = share("blocked", listing_ok=True)
    blocked["messages"] = ["HTTP 429 after retries"]
    blocked["retry_after"] = 30
    row = merge_watch("w", [share(listing_ok=True), blocked, share("failed")])
    assert row["health"] == "blocked"
    assert row["messages"] == ["HTTP 429 after retries"]
    assert row["retry_after"] == 30


def test_no_worker_reading_a_listing_page_is_a_failed_watch() -> None:
    row = merge_watch("w", [share(), share()])
    assert row["health"] == "failed"
    assert row["messages"] == ["no worker read a listing page"]
