"""Re-issue detection (`crawler.reissues.Originals`) on SQLite and PostgreSQL, in both modes.

Every scenario runs as an incremental crawl (`span=None`: per-release queries) and as a backfill
(`span=(start, end)`: one preload), which must give the same answers. Bodies are generated from
a seeded random generator, so unrelated releases share no 5-word shingle; an "edited re-issue"
changes three words of an original's news text (overlap ~0.9 >= 0.85). Scenarios are grouped
(several companies or several runs per test) to keep the number of migrated databases small.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from crawler.fingerprint import OVERLAP_THRESHOLD, fingerprint, news_text, overlap, shingles
from crawler.items import PressRelease
from crawler.reissues import WINDOW, Originals
from storage import releases
from tests.support.releases import release_row

BASE = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
SLUG = "xellsmart"
COMPANY = "XellSmart"

VOCABULARY = [
    "cell",
    "therapy",
    "clinical",
    "trial",
    "patients",
    "results",
    "company",
    "announced",
    "today",
    "phase",
    "study",
    "primary",
    "endpoint",
    "safety",
    "efficacy",
    "data",
    "regulatory",
    "approval",
    "investigational",
    "new",
    "drug",
    "application",
    "manufacturing",
    "platform",
    "pluripotent",
    "stem",
    "derived",
    "dopaminergic",
    "neurons",
    "disease",
    "treatment",
    "program",
    "partnership",
    "agreement",
    "agency",
    "review",
    "milestone",
    "revenue",
    "quarter",
    "growth",
    "market",
    "launch",
    "product",
    "pipeline",
    "candidate",
    "dose",
    "cohort",
    "enrolled",
    "first",
    "second",
    "third",
    "global",
    "sites",
    "china",
    "united",
    "states",
    "europe",
    "research",
    "development",
    "team",
    "scientific",
    "advisory",
    "board",
    "chief",
    "executive",
    "officer",
    "said",
    "believe",
    "significant",
    "progress",
    "strategy",
    "expansion",
    "facility",
    "production",
    "capacity",
    "collaboration",
    "license",
    "rights",
    "territory",
    "payment",
    "upfront",
    "royalties",
    "financing",
    "round",
    "investors",
    "capital",
    "proceeds",
    "fund",
    "operations",
    "preclinical",
    "models",
    "demonstrated",
    "durable",
    "response",
    "tolerability",
    "profile",
    "adverse",
    "events",
    "observed",
    "median",
    "follow",
    "months",
    "patient",
    "population",
    "unmet",
    "medical",
    "need",
    "standard",
    "care",
    "therapies",
    "options",
    "physicians",
    "hospitals",
    "network",
    "registration",
    "pivotal",
    "designation",
    "orphan",
    "fast",
    "track",
    "breakthrough",
    "submission",
    "expected",
    "complete",
    "enrollment",
    "year",
    "end",
    "interim",
    "analysis",
    "presented",
    "conference",
    "annual",
    "meeting",
    "society",
    "poster",
    "oral",
    "session",
]


def words(seed: int, count: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


def render(text: Sequence[str], *, sentence: int = 12, paragraph: int = 5) -> str:
    """Words as sentences and paragraphs (punctuation does not change the words)."""
    sentences = [
        " ".join(text[i : i + sentence]).capitalize() + "." for i in range(0, len(text), sentence)
    ]
    return "\n\n".join(
        " ".join(sentences[i : i + paragraph]) for i in range(0, len(sentences), paragraph)
    )


# What every XellSmart release repeats after its news: long enough that, were it counted, two
# different announcements would overlap by more than OVERLAP_THRESHOLD.
BOILERPLATE = (
    f"About XellSmart\n\n{render(words(10_000, 1300))}\n\n"
    f"Forward-Looking Statements\n\n{render(words(10_001, 200))}\n\n"
    "Media Contact\n\nJane Doe, media@xellsmart.example"
)


def body(news: Sequence[str], *, dated: str = "March 2, 2026") -> str:
    return f"SUZHOU, China, {dated} /PRNewswire/ -- {render(news)}\n\n{BOILERPLATE}"


def edited(news: Sequence[str], positions: Sequence[int] = (40, 140, 240)) -> list[str]:
    """The same news with a few words changed (a corrected figure, a new headline word)."""
    changed = list(news)
    for n, position in enumerate(positions):
        changed[position] = f"revised{n}"
    return changed


def item(
    release_id: str,
    text: str,
    *,
    published_at: datetime | None = BASE,
    slug: str | None = SLUG,
    company: str | None = COMPANY,
) -> PressRelease:
    return PressRelease(
        release_id=release_id,
        url=f"https://www.prnewswire.com/news-releases/r-{release_id}.html",
        title=f"Release {release_id}",
        subtitles=[],
        published_at=published_at,
        company=company,
        company_slug=slug,
        company_url=None,
        dateline_city="SUZHOU, China",
        body=text,
        watch="xellsmart",
        fingerprint=fingerprint(text),
    )


def row(release_id: str, **extra: Any) -> dict[str, Any]:
    return release_row(release_id, BASE, **extra)


def stored(release_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A stored release row with `text` as its body and its real fingerprint."""
    return row(release_id, body=text, fingerprint=fingerprint(text), **extra)


def store(session_factory: sessionmaker[Session], *rows: dict[str, Any]) -> dict[str, int]:
    """Insert `rows` one by one, in this order (so their primary keys follow it)."""
    pks: dict[str, int] = {}
    with session_factory.begin() as session:
        for one in rows:
            pks.update(releases.insert_releases(session, [one]))
    assert len(pks) == len(rows)
    return pks


def originals(
    session_factory: sessionmaker[Session],
    mode: str,
    items: Sequence[PressRelease],
    also: Sequence[datetime] = (),
) -> Originals:
    """An incremental crawl, or a backfill whose span covers the items' dates (and `also`)."""
    if mode == "incremental":
        return Originals(session_factory)
    dates = [i.published_at for i in items if i.published_at is not None] + list(also)
    if not dates:
        dates = [BASE]
    return Originals(session_factory, (min(dates), max(dates)))


def run(
    session_factory: sessionmaker[Session],
    mode: str,
    items: Sequence[PressRelease],
    also: Sequence[datetime] = (),
) -> list[str | None]:
    """The release id of `original_of` of each item (all on PR Newswire), in order, in one run."""
    index = originals(session_factory, mode, items, also)
    found = [index.original_of(i) for i in items]
    assert all(key is None or key[0] == "prnewswire" for key in found)
    return [key[1] if key else None for key in found]


@pytest.fixture(params=["incremental", "backfill"])
def mode(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


def days(n: float) -> timedelta:
    return timedelta(days=n)


# The generated bodies are what the tests assume ---------------------------------------------


def test_generated_bodies_overlap_as_the_scenarios_need() -> None:
    original = words(1)
    a = shingles(body(original))
    assert all(overlap(a, shingles(body(words(seed)))) < 0.05 for seed in range(2, 12))
    # An edited re-issue: above the threshold, not an exact copy; also against a version
    # edited elsewhere (the "two close originals" scenarios).
    reissue = body(edited(original))
    assert OVERLAP_THRESHOLD <= overlap(a, shingles(reissue)) < 0.95
    assert fingerprint(reissue) != fingerprint(body(original))
    for other_edit in [(100,), (200,)]:
        assert overlap(shingles(reissue), shingles(body(edited(original, other_edit)))) >= 0.85
    # Two re-issues edited in different places are not close to each other.
    twice = shingles(body(edited(original, (50, 150, 250))))
    assert overlap(shingles(reissue), twice) < OVERLAP_THRESHOLD <= overlap(a, twice)
    # A heavier rewrite is below the threshold.
    rewrite = body(edited(original, range(10, 300, 25)))
    assert overlap(a, shingles(rewrite)) < OVERLAP_THRESHOLD
    # A re-issue a day later only changes the dateline's date: the same fingerprint.
    assert fingerprint(body(original, dated="March 3, 2026")) == fingerprint(body(original))
    # Two 100-word announcements sharing the boilerplate: alike as raw text, unrelated as news.
    first, second = body(words(7, 100)), body(words(8, 100))
    assert news_text(second).strip() == render(words(8, 100))
    raw = [re.findall(r"\w+", text.lower()) for text in (first, second)]
    raw_shingles = [{" ".join(w[i : i + 5]) for i in range(len(w) - 4)} for w in raw]
    common = len(raw_shingles[0] & raw_shingles[1])
    assert common / len(raw_shingles[0] | raw_shingles[1]) >= OVERLAP_THRESHOLD
    assert overlap(shingles(first), shingles(second)) < 0.05


def test_the_window_is_45_days() -> None:
    assert timedelta(days=45) == WINDOW


# 1. Exact copies -----------------------------------------------------------------------------


def test_an_exact_copy_of_a_stored_original_any_company_any_date(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news, reissued = words(1), words(2)
    pks = store(
        session_factory,
        stored("1001", body(words(3)), published_at=BASE - days(1)),
        stored("1002", body(news), published_at=BASE),
        stored("1011", body(reissued), published_at=BASE, company_slug="a"),
    )
    store(
        session_factory,
        # An earlier re-issue of 1002 with the same text: never an original, never returned.
        stored(
            "1000",
            body(news, dated="February 1, 2026"),
            published_at=BASE - days(30),
            company="Elsewhere",
            company_slug="elsewhere",
            duplicate_of=pks["1002"],
        ),
        # An edited re-issue of 1011, stored as such.
        stored(
            "1012",
            body(edited(reissued)),
            published_at=BASE + days(5),
            company_slug="a",
            duplicate_of=pks["1011"],
        ),
    )
    copy = item(
        "2001",
        body(news, dated="October 1, 2026"),
        published_at=BASE + days(200),
        slug="another-company",
        company="Another Company",
    )
    undated_copy = item("2002", body(news), published_at=None, slug=None, company=None)
    assert run(session_factory, mode, [copy]) == ["1002"]
    assert run(session_factory, mode, [undated_copy]) == ["1002"]
    # The exact text of the re-issue 1012 is no original's: of the same company it is still
    # close to 1011, of another company it matches nothing.
    same = item("2003", body(edited(reissued)), published_at=BASE + days(6), slug="a")
    other = item("2004", body(edited(reissued)), published_at=BASE + days(6), slug="b")
    assert run(session_factory, mode, [same], also=[BASE]) == ["1011"]
    assert run(session_factory, mode, [other], also=[BASE]) == [None]


# 2. (and 4.) Edited re-issues of stored originals, shared boilerplate ------------------------------------------------------


def test_an_edited_reissue_of_a_stored_original(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news = words(1)
    store(
        session_factory,
        stored("1000", body(words(2)), published_at=BASE - days(2)),
        stored("1001", body(news)),
        stored("1002", body(words(3)), published_at=BASE + days(3)),
        stored("1003", body(words(7, 100)), published_at=BASE + days(1)),
    )
    reissue = body(edited(news))
    rewrite = body(edited(news, range(10, 300, 25)))
    cases = {
        "10 days later": (item("2001", reissue, published_at=BASE + days(10)), "1001"),
        "44 days later": (item("2001", reissue, published_at=BASE + days(44)), "1001"),
        "20 days earlier": (item("2001", reissue, published_at=BASE - days(20)), "1001"),
        "same slug, other name": (
            item("2001", reissue, published_at=BASE + days(10), company="XellSmart Co., Ltd."),
            "1001",
        ),
        "46 days later": (item("2001", reissue, published_at=BASE + days(46)), None),
        "60 days later": (item("2001", reissue, published_at=BASE + days(60)), None),
        "other slug, same name": (
            item("2001", reissue, published_at=BASE + days(10), slug="another"),
            None,
        ),
        "other company": (
            item("2001", reissue, published_at=BASE + days(10), slug="b", company="B Inc."),
            None,
        ),
        "heavy rewrite": (item("2001", rewrite, published_at=BASE + days(10)), None),
        # 1003's and its news differ: only the long boilerplate is the same.
        "another announcement": (
            item("2001", body(words(8, 100)), published_at=BASE + days(3)),
            None,
        ),
    }
    # One run per case; the backfill's span also covers the stored original, so that its date
    # (not the preload's bounds) decides.
    results = {
        name: run(session_factory, mode, [reissue_item], also=[BASE])[0]
        for name, (reissue_item, _) in cases.items()
    }
    assert results == {name: expected for name, (_, expected) in cases.items()}


def test_a_company_is_its_slug_else_its_name(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    acme, unnamed = words(1), words(2)
    store(
        session_factory,
        stored("1001", body(acme), company_slug=None, company="Acme Corp"),
        stored("1002", body(unnamed), company_slug=None, company=None),
    )
    later = BASE + days(3)
    same_name = item("2001", body(edited(acme)), published_at=later, slug=None, company="Acme Corp")
    other_name = item("2002", body(edited(acme)), published_at=later, slug=None, company="Acme AG")
    with_slug = item(
        "2003", body(edited(acme)), published_at=later, slug="acme", company="Acme Corp"
    )
    # A release of no known company is only ever matched exactly.
    no_company = item("2004", body(edited(unnamed)), published_at=later, slug=None, company=None)
    no_company_copy = item("2005", body(unnamed), published_at=later, slug=None, company=None)
    results = [
        run(session_factory, mode, [one])[0]
        for one in [same_name, other_name, with_slug, no_company, no_company_copy]
    ]
    assert results == ["1001", None, None, None, "1002"]


def test_a_release_without_slug_is_compared_with_its_companys_originals_that_have_one(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    """A page without the newsroom link: its company name finds the originals with a slug."""
    news = words(1)
    store(session_factory, stored("1001", body(news)))  # slug "xellsmart", name "XellSmart"
    no_slug = item("2001", body(edited(news)), published_at=BASE + days(3), slug=None)
    assert run(session_factory, mode, [no_slug]) == ["1001"]


# 3. Originals of this run (not stored yet) ----------------------------------------------------


def test_originals_of_this_run_count_before_they_are_stored(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news = words(1)
    # An unrelated stored original of the company, so that 2001 has a candidate when it is
    # processed (and without one: see the test below).
    store(session_factory, stored("1001", body(words(2))))
    first = item("2001", body(news), published_at=BASE + days(1))
    unrelated = item("2002", body(words(3)), published_at=BASE + days(2))
    reissue = item("2003", body(edited(news)), published_at=BASE + days(3))
    copy = item(
        "2004",
        body(news, dated="March 9, 2026"),
        published_at=BASE + days(7),
        slug="another-company",
        company="Another Company",
    )
    copy_of_reissue = item(
        "2005", body(edited(news)), published_at=BASE + days(300), slug="third", company="Third"
    )
    too_late = item("2006", body(edited(news, (60, 160, 260))), published_at=BASE + days(60))
    results = run(
        session_factory, mode, [first, unrelated, reissue, copy, copy_of_reissue, too_late]
    )
    assert results == [None, None, "2001", "2001", "2001", None]


def test_exact_copies_of_this_runs_first_original_and_the_next_run(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news = words(4)
    first = item("3001", body(news), slug="solo")  # the company's first release
    copy = item("3002", body(news, dated="March 3, 2026"), published_at=BASE + days(1))
    assert run(session_factory, mode, [first, copy]) == [None, "3001"]
    # Once stored, the next run compares with it.
    store(session_factory, stored("3001", first.body, company_slug="solo"))
    reissue = item("3003", body(edited(news)), published_at=BASE + days(2), slug="solo")
    assert run(session_factory, mode, [reissue], also=[BASE]) == ["3001"]


def test_an_edited_reissue_of_this_runs_first_original(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news = words(1)
    first = item("2001", body(news))  # no candidate: the company's first release
    unrelated = item("2002", body(words(2)), published_at=BASE + days(1))
    reissue = item("2003", body(edited(news)), published_at=BASE + days(2))
    index = originals(session_factory, mode, [first, unrelated, reissue])
    assert index.original_of(first) is None
    assert index.original_of(unrelated) is None
    assert index.original_of(reissue) == ("prnewswire", "2001")
    # Still so once the batch with 2001 is written (a re-issue edited elsewhere than 2003).
    store(session_factory, stored("2001", first.body))
    again = item("2004", body(edited(news, (50, 150, 250))), published_at=BASE + days(3))
    assert index.original_of(again) == ("prnewswire", "2001")


# 5. The earliest qualifying original ----------------------------------------------------------


def test_the_earliest_qualifying_original_wins(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    a, b, c, d = words(1), words(2), words(3), words(4)
    # Each pair stored in the other order than published: the date decides, then storage order.
    store(
        session_factory,
        stored("1002", body(edited(a, (100,))), published_at=BASE + days(5), company_slug="a"),
        stored("1001", body(edited(a, (200,))), published_at=BASE, company_slug="a"),
        stored("1009", body(edited(b, (100,))), published_at=BASE, company_slug="b"),
        stored("1003", body(edited(b, (200,))), published_at=BASE, company_slug="b"),
        stored("1005", body(c), published_at=BASE + days(5), company_slug="c1"),
        stored("1004", body(c), published_at=BASE, company_slug="c2"),
        stored("1006", body(edited(d, (100,))), published_at=BASE, company_slug="d"),
        stored("1007", body(d), published_at=BASE + days(5), company_slug="d"),
    )
    cases = {
        "two close originals": (
            item("2001", body(edited(a)), published_at=BASE + days(10), slug="a"),
            "1001",
        ),
        "published together": (
            item("2002", body(edited(b)), published_at=BASE + days(1), slug="b"),
            "1009",
        ),
        "two with the same text": (
            item("2003", body(c), published_at=BASE + days(100), slug="c3"),
            "1004",
        ),
        "an exact copy before an earlier close one": (
            item("2004", body(d), published_at=BASE + days(10), slug="d"),
            "1007",
        ),
    }
    results = {
        name: run(session_factory, mode, [one], also=[BASE])[0] for name, (one, _) in cases.items()
    }
    assert results == {name: expected for name, (_, expected) in cases.items()}


# 6. Undated releases --------------------------------------------------------------------------


def test_an_undated_release_is_compared_with_the_companys_originals(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    news, run_news = words(1), words(2)
    store(
        session_factory,
        stored("1000", body(words(3)), published_at=BASE - days(10)),
        stored("1001", body(news), published_at=BASE),
    )
    undated = item("2001", body(edited(news)), published_at=None)
    elsewhere = item("2002", body(edited(news)), published_at=None, slug="another-company")
    assert run(session_factory, mode, [undated], also=[BASE]) == ["1001"]
    assert run(session_factory, mode, [elsewhere], also=[BASE]) == [None]
    # This run's undated original is compared with dated and undated releases alike (the
    # backfill's span covers 1000/1001, so that 2003 has candidates: see the test above).
    in_run = [
        item("2003", body(run_news), published_at=None),
        item("2004", body(edited(run_news)), published_at=BASE + days(100)),
        item("2005", body(edited(run_news, (50, 150, 250))), published_at=None),
        item("2006", body(words(4)), published_at=None),
    ]
    assert run(session_factory, mode, in_run, also=[BASE]) == [None, "2003", "2003", None]


@pytest.mark.parametrize("published_at", [None, BASE], ids=["undated", "dated"])
def test_a_release_is_compared_with_a_stored_undated_original(
    session_factory: sessionmaker[Session], mode: str, published_at: datetime | None
) -> None:
    news = words(1)
    store(session_factory, stored("1001", body(news), published_at=None))
    reissue = item("2001", body(edited(news)), published_at=published_at)
    assert run(session_factory, mode, [reissue]) == ["1001"]


# 7. A release is never its own original -------------------------------------------------------


def test_a_stored_release_seen_again_is_not_its_own_original(
    session_factory: sessionmaker[Session], mode: str
) -> None:
    a, b, c = words(1), words(2), words(3)
    store(
        session_factory,
        stored("1001", body(a), company_slug="a"),
        stored("1011", body(b), published_at=BASE, company_slug="b"),
        # Stored as an original (before it was recognised) although it re-issues 1011.
        stored("1012", body(edited(b)), published_at=BASE + days(2), company_slug="b"),
        # The same text under its own id first, and under another company's later.
        stored("1021", body(c), published_at=BASE, company_slug="c"),
        stored("1022", body(c), published_at=BASE + days(2), company_slug="other"),
    )
    again = item("1001", body(a), slug="a")
    assert run(session_factory, mode, [again]) == [None]
    # ... twice in one run (the pipeline drops that, the index must not care either).
    assert run(session_factory, mode, [again, item("1001", body(a), slug="a")]) == [None, None]
    # Not its own original, but still that of the original it re-issues.
    reissue = item("1012", body(edited(b)), published_at=BASE + days(2), slug="b")
    assert run(session_factory, mode, [reissue]) == ["1011"]
    assert run(session_factory, mode, [item("1021", body(c), slug="c")]) == [None]


# Both modes agree on a mixed crawl --------------------------------------------------------------


def test_both_modes_give_the_same_answers_on_a_mixed_crawl(
    session_factory: sessionmaker[Session],
) -> None:
    rng = random.Random(7)
    companies = [SLUG, "b", "c"]
    store(
        session_factory,
        *(
            stored(
                f"10{n:02d}",
                body(words(100 + n)),
                published_at=BASE + days(rng.randint(-60, 60)),
                company_slug=rng.choice(companies),
            )
            for n in range(12)
        ),
    )
    items = []
    for n in range(30):
        text = words(rng.randint(100, 125))  # a stored original's (100..111), or not
        kind = rng.choice(["exact", "edited", "edited", "new"])
        if kind == "edited":
            text = edited(text, rng.sample(range(10, 290), 2))
        elif kind == "new":
            text = words(1000 + n)
        items.append(
            item(
                f"20{n:02d}",
                body(text),
                published_at=BASE + days(rng.randint(-30, 30)) if n % 7 else None,
                slug=rng.choice(companies),
            )
        )
    incremental = run(session_factory, "incremental", items)
    backfill = run(session_factory, "backfill", items)
    assert incremental == backfill
    assert sum(r is not None for r in incremental) >= 8  # the crawl does exercise re-issues


# Backfill: one preload, no per-release query ----------------------------------------------------


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` meanwhile."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize(
    "same_company",
    [
        False,
        True,
    ],
    ids=["companies", "one-company"],
)
def test_a_backfill_queries_once_not_per_release(
    engine: Engine, session_factory: sessionmaker[Session], same_company: bool
) -> None:
    # Stored originals of other companies in the window (preloaded, never near), and one of
    # the items' company far outside it.
    store(
        session_factory,
        *(stored(f"10{n:02d}", body(words(100 + n)), company_slug=f"other{n}") for n in range(5)),
        stored("1099", body(words(99)), published_at=BASE - days(200)),
    )
    items = [
        item(
            f"20{n:02d}",
            body(words(200 + n)),
            published_at=BASE + days(n),
            slug=SLUG if same_company else f"company{n}",
        )
        for n in range(20)
    ]
    span = (BASE, BASE + days(19))

    with counting(engine) as one_release:
        assert Originals(session_factory, span).original_of(items[0]) is None
    backfill = Originals(session_factory, span)
    with counting(engine) as statements:
        assert backfill.original_of(items[0]) is None
        after_first = len(statements)
        assert [backfill.original_of(i) for i in items[1:]] == [None] * 19
    assert after_first == len(one_release) > 0
    assert statements[after_first:] == []  # nothing per release after the preload

    # The same items in an incremental crawl do query per release (the counter sees them).
    incremental = Originals(session_factory)
    with counting(engine) as per_release:
        assert [incremental.original_of(i) for i in items] == [None] * 20
    assert len(per_release) >= 2 * len(items)
