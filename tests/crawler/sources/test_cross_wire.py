"""One announcement on two wires (the SYNTHETIC Kestrel pages): once each wire's dateline and
boilerplate are set aside, the news text is the same, so content fingerprints can fold the
later copy into the first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler import fingerprint as fingerprint_module
from crawler.fingerprint import fingerprint
from crawler.parsing.wire_conventions import news_text
from crawler.sources.businesswire.text import CONVENTIONS as BUSINESSWIRE
from crawler.sources.globenewswire.text import CONVENTIONS as GLOBENEWSWIRE
from crawler.sources.prnewswire.text import CONVENTIONS as PRNEWSWIRE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PRN_BODIES = sorted((FIXTURES / "prnewswire").glob("detail-*.expected.json"))


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


def test_a_pr_newswire_copy_has_the_same_news_text() -> None:
    gnw_dateline = "CAMBRIDGE, Mass., Oct. 05, 2026 (GLOBE NEWSWIRE) -- "
    assert GNW.startswith(gnw_dateline)
    prn = "CAMBRIDGE, Mass., Oct. 5, 2026 /PRNewswire/ -- " + GNW[len(gnw_dateline) :]
    assert news_text(PRNEWSWIRE, prn) == news_text(GLOBENEWSWIRE, GNW)


@pytest.mark.parametrize("path", PRN_BODIES, ids=[p.name.split(".")[0] for p in PRN_BODIES])
def test_pr_newswire_conventions_keep_todays_fingerprints(path: Path) -> None:
    # Moving fingerprints onto the wire's conventions must not change a stored PR Newswire one.
    body = json.loads(path.read_text(encoding="utf-8"))["body"]
    assert news_text(PRNEWSWIRE, body) == fingerprint_module.news_text(body)
