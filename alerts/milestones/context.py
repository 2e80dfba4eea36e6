"""Which product a sentence is about, from its own names or from the rest of the release."""

from __future__ import annotations

import re

from alerts.milestones.agencies import find_agencies
from alerts.milestones.names import ProductNames
from alerts.milestones.products import find_indication, find_indications, find_phase
from alerts.milestones.sentences import Sentence


class ProductContext:
    """Where a sentence names no product code, find the one it is about from its surroundings."""

    def __init__(self, sentences: list[Sentence], company: str | None = None) -> None:
        self.names = ProductNames((s.text for s in sentences), company)
        self.by_paragraph: dict[int, dict[str, str]] = {}  # paragraph → {product key: as written}
        self.by_indication: dict[str, str] = {}
        self.first_written: dict[str, str] = {}
        self.headline_phase: str | None = None
        self.headline_indication: str | None = None
        codes_in_lead: list[str] = []
        self._opening = [s.text for s in sentences if s.role in ("headline", "subtitle", "lead")]
        self._opening_agencies: set[str] | None = None
        self.headline_products: set[str] = set()
        # A product's own description: the first sentence naming it alone with a condition.
        self.own_indication: dict[str, str] = {}
        for sentence in sentences:
            found = [c for c, _, _ in self.names.find(sentence.text)]
            for code in found:
                self.first_written.setdefault(self.key(code), code)
            keys = {self.key(c) for c in found}
            if len(keys) == 1:
                own = find_indication(sentence.text)
                if own:
                    self.own_indication.setdefault(next(iter(keys)), own)
            if sentence.role == "background":
                continue
            in_paragraph = self.by_paragraph.setdefault(sentence.paragraph, {})
            for code in found:
                in_paragraph.setdefault(self.key(code), code)
            if sentence.role in ("headline", "subtitle", "lead"):
                codes_in_lead += found
            indication = find_indication(sentence.text)
            if indication and len(set(map(self.key, found))) == 1:
                self.by_indication.setdefault(_norm(indication), found[0])
            if sentence.role == "headline":
                self.headline_phase = find_phase(sentence.text)
                named = {_norm(i) for i, _ in find_indications(sentence.text)}
                # The headline's condition stands for a product only when it names one condition.
                self.headline_indication = indication if len(named) == 1 else None
                self.headline_products = {self.key(c) for c in found}
        keys = {self.key(c) for c in codes_in_lead}
        self.sole = codes_in_lead[0] if len(keys) == 1 else None

    @property
    def opening_agencies(self) -> set[str]:
        """Regulators the headline, sub-headlines and lead name (for schemes that imply one)."""
        if self._opening_agencies is None:
            self._opening_agencies = {
                a.agency
                for text in self._opening
                for a in find_agencies(text)
                if a.agency != "other"
            }
        return self._opening_agencies

    def key(self, written: str) -> str:
        return self.names.key(written)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        return self.names.find(text)

    def written(self, product: str, evidence: str) -> str:
        """The product as the evidence sentence writes it, else as the release first wrote it."""
        for name, _, _ in self.find(evidence):
            if self.key(name) == self.key(product):
                return name
        return self.first_written.get(self.key(product), product)

    def resolve(self, sentence: Sentence, text: str) -> str | None:
        indication = find_indication(text)
        if indication and _norm(indication) in self.by_indication:
            return self.by_indication[_norm(indication)]
        in_paragraph = self.by_paragraph.get(sentence.paragraph, {})
        if len(in_paragraph) == 1 and sentence.paragraph >= 0:
            return next(iter(in_paragraph.values()))
        return self.sole

    def indication(self, sentence: Sentence, product: str | None = None) -> str | None:
        """The condition of a product whose sentence names none for it: its own description, else
        the headline's single condition when the headline is about that product (or none)."""
        key = self.key(product) if product else None
        if key and key in self.own_indication:
            return self.own_indication[key]
        if sentence.role == "background":
            return None
        if key and self.headline_products and key not in self.headline_products:
            return None
        return self.headline_indication

    def phase(self, type_: str) -> str | None:
        return self.headline_phase if type_ in ("ind_clearance", "trial_start") else None


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())
