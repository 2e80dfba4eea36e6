"""Deterministic (seeded) synthetic biotech press releases, plus the real XellSmart seed text."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from replica import texts
from replica.companies import BY_SLUG, COMPANIES, FORWARD_LOOKING
from replica.model import (
    ALL_NEWS,
    EASTERN,
    Company,
    Release,
    ap_date,
    slugify,
    utc,
)

WINDOW_START = utc(2024, 10, 1)
WINDOW_END = utc(2026, 10, 31)
SEED_ID = 302427583
SEED_TIME = utc(2025, 4, 15, 13, 10)  # Apr 15, 2025, 09:10 ET
IDS_PER_HOUR = 35.3  # the real site: 302427583 (Apr 2025) .. 302676819 (Feb 2026)

_HEALTH = "health-latest-news/"
_COMPANY_WEIGHTS = {c.slug: (12 if c.slug == "xellsmart" else 6) for c in COMPANIES}
_HOME_AGENCIES = {
    "CN": ("FDA", "NMPA"),
    "JP": ("PMDA", "FDA"),
    "EU": ("EMA", "FDA"),
    "KR": ("MFDS", "FDA"),
    "US": ("FDA",),
}
_PHASES = ("Phase I", "Phase 1/2a", "Phase II")
_DATELINE = re.compile(r"^.{0,80}?/PRNewswire[^/]*/\s*-{1,2}\s*")


def id_for(moment: datetime) -> int:
    """The release id PR Newswire would have given at that time (about 35 ids an hour)."""
    return SEED_ID + int((moment - SEED_TIME).total_seconds() / 3600 * IDS_PER_HOUR)


def make_rng(*parts: int) -> random.Random:
    # synthetic test data, not security: a seeded PRNG is what we want
    return random.Random(":".join(str(p) for p in parts))  # noqa: S311


def generate(count: int, seed: int) -> list[Release]:
    """`count` releases (the seed release included) in publish order, ids increasing."""
    if not 1 <= count <= 200_000:
        raise ValueError(f"releases must be between 1 and 200000, not {count}")
    rng = make_rng(seed, 0)
    span_minutes = int((WINDOW_END - WINDOW_START).total_seconds() // 60)
    chosen: set[datetime] = {SEED_TIME}
    while len(chosen) < max(count, 1):
        day = WINDOW_START + timedelta(minutes=rng.randrange(span_minutes))
        local = day.astimezone(EASTERN).replace(
            hour=rng.randint(6, 18), minute=rng.choice((0, 0, 5, 10, 15, 30, 45, rng.randrange(60)))
        )
        when = local.astimezone(UTC).replace(second=0, microsecond=0)
        if WINDOW_START <= when < WINDOW_END:
            chosen.add(when)
    moments = sorted(chosen)
    ids = assign_ids(moments)
    slugs = list(_COMPANY_WEIGHTS)
    weights = list(_COMPANY_WEIGHTS.values())
    out: list[Release] = []
    for index, (when, rid) in enumerate(zip(moments, ids, strict=True)):
        if when == SEED_TIME:
            out.append(seed_release())
            continue
        company = BY_SLUG[rng.choices(slugs, weights)[0]]
        out.append(make_release(make_rng(seed, 1, index), company, when, str(rid)))
    return out


def assign_ids(moments: list[datetime]) -> list[int]:
    ids: list[int] = []
    for when in moments:
        rid = id_for(when)
        if ids and rid <= ids[-1]:
            rid = ids[-1] + 1
        ids.append(rid)
    if SEED_TIME in moments and ids[moments.index(SEED_TIME)] != SEED_ID:
        raise RuntimeError("too many releases before the seed release for its real id")
    return ids


def seed_release() -> Release:
    """The real XellSmart release of Apr 15, 2025 (text from the saved page)."""
    raw = resources.files("replica").joinpath("data/seed_xellsmart_302427583.txt")
    title, *paragraphs = [p for p in raw.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    lead = _DATELINE.sub("", paragraphs[0].strip())
    return Release(
        release_id=str(SEED_ID),
        slug=slugify(title),
        title=title.strip(),
        subtitles=(),
        company=BY_SLUG["xellsmart"],
        published=SEED_TIME,
        lead=lead,
        paragraphs=tuple(p.strip() for p in paragraphs[1:]),
        lists=(
            ALL_NEWS,
            _HEALTH + "health-latest-news-list",
            _HEALTH + "biotechnology-list",
            _HEALTH + "fda-approval-list",
            _HEALTH + "international-medical-approval-list",
            _HEALTH + "clinical-trials-medical-discoveries-list",
        ),
        subjects=("FDA", "IMA", "CTM"),
        alt_title=(
            "XellSmart Secures FDA Clearance for Phase I INDs of Allogeneic iPSC-Derived Cell "
            "Therapies for Parkinson's Disease and ALS"
        ),
        dateline_city="SUZHOU, China",
        dateline_date="April 15, 2025",
    )


def _values(rng: random.Random, company: Company, when: datetime, kind: str) -> dict[str, Any]:
    product = rng.choice(company.products) if company.products else None
    agency = "FDA" if kind in texts.US_ONLY else rng.choice(_HOME_AGENCIES[company.home])
    quarter = rng.randrange(4)
    billions = rng.randint(12, 58) / 10
    return {
        "co": company.name,
        "p": product.code if product else "",
        "mod": product.modality if product else "",
        "ind": product.indication if product else "",
        "ag": agency,
        "agl": texts.AGENCY_LONG[agency],
        "ph": rng.choice(_PHASES),
        "amt": f"${rng.randint(2, 30) * 5} million"
        if company.field != "other"
        else f"${billions:.1f} billion",
        "conf": rng.choice(texts.CONFERENCES),
        "partner": rng.choice(texts.PARTNERS),
        "q": f"{texts.QUARTERS[quarter]} {when.year}",
        "Q": texts.QUARTERS[quarter].upper(),
        "y": str(when.year),
        "pct": f"{rng.randint(10, 95) / 10:.1f}",
        "margin": f"{rng.randint(80, 190) / 10:.1f}",
        "eps": f"{rng.randint(50, 1200) / 100:.2f}",
        "ex": company.exchange or "NYSE",
        "tk": company.ticker or "",
    }


def _lists(company: Company, kind: str, agency: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lists = [ALL_NEWS]
    subjects: list[str] = []
    if company.field == "other":
        lists.append("financial-services-latest-news/earnings-list")
        subjects.append({"earnings": "ERN", "dividend": "DIV"}.get(kind, "PDT"))
        return tuple(lists), tuple(subjects)
    lists += [_HEALTH + "health-latest-news-list", _HEALTH + "biotechnology-list"]
    if company.field == "biotech":
        lists.append(_HEALTH + "pharmaceuticals-list")
    if kind in texts.REGULATORY:
        if agency == "FDA":
            lists.append(_HEALTH + "fda-approval-list")
            subjects.append("FDA")
        else:
            lists.append(_HEALTH + "international-medical-approval-list")
            subjects.append("IMA")
    if kind in texts.CLINICAL:
        lists.append(_HEALTH + "clinical-trials-medical-discoveries-list")
        subjects.append("CTM")
    if kind == "financing":
        lists.append("financial-services-latest-news/venture-capital-list")
        subjects.append("VEN")
    subjects.append({"conference": "TDS", "webinar": "TDS", "partnership": "JVN"}.get(kind, ""))
    return tuple(lists), tuple(s for s in subjects if s)


def make_release(
    rng: random.Random,
    company: Company,
    when: datetime,
    release_id: str,
    *,
    title: str | None = None,
    body: str | None = None,
) -> Release:
    """One release of `company` published at `when` (aware). `body`: plain text paragraphs."""
    weights = texts.OTHER_WEIGHTS if company.field == "other" else texts.BIO_WEIGHTS
    kind = rng.choices(list(weights), list(weights.values()))[0]
    titles, subs, leads, extras = texts.KINDS[kind]
    v = _values(rng, company, when, kind)
    head = title or rng.choice(titles).format(**v)
    others = [t.format(**v) for t in titles if t.format(**v) != head]
    alt_title = others[0] if others else f"{company.name} Provides Update: {head}"
    n_subs = rng.randint(1, 2) if subs else 0
    subtitles = tuple(s.format(**v) for s in rng.sample(subs, min(n_subs, len(subs))))
    if body is not None:
        parts = [p.strip() for p in body.split("\n\n") if p.strip()] or [""]
        lead = _DATELINE.sub("", parts[0])
        paragraphs = parts[1:]
        subtitles = () if title else subtitles
    else:
        lead = rng.choice(leads).format(**v)
        paragraphs = [e.format(**v) for e in extras]
        if company.field != "other":
            picks = rng.sample(texts.BACKGROUND, rng.randint(1, len(texts.BACKGROUND)))
            paragraphs += [b.format(**v) for b in picks]
            paragraphs.append(texts.QUOTE.format(**v))
    paragraphs += [f"## About {company.name}", *company.about]
    if company.ticker or company.field != "other":
        paragraphs += ["## Forward-Looking Statements", FORWARD_LOOKING]
    paragraphs.append(f"Media contact: Investor Relations, {company.legal_name}")
    lists, subjects = _lists(company, kind, v["ag"])
    return Release(
        release_id=release_id,
        slug=slugify(head),
        title=head,
        subtitles=subtitles,
        company=company,
        published=when,
        lead=lead,
        paragraphs=tuple(paragraphs),
        lists=lists,
        subjects=subjects,
        alt_title=alt_title,
        dateline_city=company.city,
        dateline_date=ap_date(when),
        tables=rng.randint(1, 3) if kind == "earnings" else 0,
    )
