"""One announcement on two wires (the SYNTHETIC Kestrel pages): once each wire's dateline and
boilerplate are set aside, the news text is the same, so content fingerprints can fold the
later copy into the first."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.fingerprint import fingerprint
from crawler.parsing.wire_conventions import news_text
from crawler.sources.businesswire.text import CONVENTIONS as BUSINESSWIRE
from crawler.sources.globenewswire.text import CONVENTIONS as GLOBENEWSWIRE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def body(path: str) -> str:
    body: str = json.loads((FIXTURES / path).read_text(encoding="utf-8"))["body"]
    return body


GNW = body("globenewswire/detail-2026-synthetic-kestrel-3375001.expected.json")
BW = body("businesswire/detail-2026-synthetic-kestrel-20261005512345.expected.json")


def test_the_two_copies_differ_as_printed() -> None:
    assert GNW != BW


def test_news_text_is_the_same_on_both_wires() -> None:
    gnw, bw = news_text(GLOBENEWSWIRE, GNW), news_text(BUSINESSWIRE, BW)
    assert gnw == bw
    assert gnw.startswith("Kestrel Neurotherapeutics, Inc. (Nasdaq: KSTL)")
    assert "About Kestrel" not in gnw


def test_content_fingerprints_of_the_news_text_match() -> None:
    assert fingerprint(news_text(GLOBENEWSWIRE, GNW)) == fingerprint(news_text(BUSINESSWIRE, BW))
