"""Parser results as the JSON kept next to each fixture (`<fixture>.expected.json`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crawler.items import Listing, PressRelease


def release_as_json(release: PressRelease) -> dict[str, Any]:
    """asdict() with published_at as ISO 8601, without what `crawler.cleaning.prepare` derives
    later (never set by a parser)."""
    data = asdict(release)
    assert data.pop("cleaned") is None and data.pop("shingles") is None
    assert data.pop("watches") == set()  # crawl state: which watches listed it
    if release.published_at is not None:
        data["published_at"] = release.published_at.isoformat()
    return data


def listing_as_json(listing: Listing) -> dict[str, Any]:
    """asdict() with ISO 8601 times and tuples as lists (as JSON reads them back)."""
    data = asdict(listing)
    for entry in data["entries"]:
        if entry["published_at"] is not None:
            entry["published_at"] = entry["published_at"].isoformat()
        for key, value in entry.items():
            if isinstance(value, tuple):
                entry[key] = list(value)
    return data
