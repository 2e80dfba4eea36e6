"""NormalizePipeline: tidy strings, map company aliases, compute the content fingerprint."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.cleaning import canonical_company, clean_text, company_aliases
from crawler.fingerprint import fingerprint_and_shingles
from crawler.items import PressRelease
from crawler.pipelines.base import CrawlerPipeline


class NormalizePipeline(CrawlerPipeline):
    """Every changed field bumps `wirewatch/<watch>/normalized_<field>`.

    A release the parse worker prepared (`crawler.cleaning.prepare`) arrives tidied, with its
    fingerprint and the list of fields tidying changed; any other is tidied here.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.aliases = company_aliases(crawler.settings.getlist("WIREWATCH_COMPANIES"))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PressRelease):
            return item
        changed = item.cleaned if item.cleaned is not None else clean_text(item)
        company = canonical_company(self.aliases, item.company)
        if company != item.company:
            item.company = company
            changed = [*changed, "company"]
        for field in changed:
            self.count(item, f"normalized_{field}")
        if item.cleaned is None or item.fingerprint is None:
            item.fingerprint, item.shingles = fingerprint_and_shingles(item.body, item.source)
        return item
