"""Event identity across releases: keys, baseline and the "already reported" rule. Pure."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

_PRODUCT_NOISE = re.compile(r"[\s\-‐‑–_/.]+")


def product_key(product: str | None) -> str:
    """XS-411, XS 411 and xs411 are one product."""
    return _PRODUCT_NOISE.sub("", product or "").upper()


def agency_key(agency: str | None) -> str:
    return agency or "-"


def indication_key(indication: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (indication or "").casefold().replace("'s", "")).strip()


def same_indication(first: str | None, second: str | None) -> bool:
    """One condition written two ways: "amyotrophic lateral sclerosis (ALS)" = "ALS", "Parkinson's
    disease" = "Parkinson disease", "relapsed multiple myeloma" ⊇ "multiple myeloma"."""
    a, b = indication_key(first), indication_key(second)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    words = long.split()
    if " " not in short and short == "".join(w[0] for w in words if w not in _MINOR):
        return True
    return bool(short) and f" {short} " in f" {long} "


_MINOR = {"of", "the", "and", "with", "in", "to", "for"}


def company_key(company: str | None) -> str:
    return re.sub(r"\s+", " ", (company or "").casefold()).strip()


def event_key(
    company: str | None, product: str | None, indication: str | None, agency: str | None,
    type_: str, status: str,
) -> str:  # fmt: skip
    """company | product (or the indication when no product is named) | agency | type | status."""
    subject = product_key(product) or f"indication:{indication_key(indication)}"
    return "|".join((company_key(company), subject, agency_key(agency), type_, status))


def is_baseline(published_at: datetime | None, reference: datetime, grace: timedelta) -> bool:
    """Published more than `grace` before the reference moment (first crawl or run start)."""
    if published_at is None:
        return False
    return published_at < reference - grace


def conflict_note(product: str, here: str, other: str, other_release_id: str) -> str:
    return f"{product}: {here} here, {other} in {other_release_id}"
