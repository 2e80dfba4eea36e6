"""Product names of one release: codes (XS-411), brand names (ZELVORA™) and INNs (paxalisertib).

Real releases name approved and late-stage products by brand and INN rather than by code
("KRESLADI™ (marnetegragene autotemcel)", "Ryoncil (remestemcel-L)"). A brand is recognised where
the release marks it (™ / ®) or pairs it with an INN in brackets; afterwards its bare mentions count
too. A brand and the INN or code in brackets after it are one product.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from alerts.milestones.products import code_key, find_products

# INN stems common in biotech releases: antibodies, kinase inhibitors, gene and cell therapies.
_INN_WORD = (
    r"[A-Za-z][a-z]{3,}(?:mab|nib|tib|sib|parib|vec|cel|leucel|temcel|gene|stim|rsen|siran|"
    r"platin|cogin)(?:-[A-Za-z]{1,4})?"
)
_INN_TAIL = r"[A-Za-z][a-z]{2,}(?:vec|cel|leucel|temcel|gene|parvovec)(?:-[A-Za-z]{1,4})?"
_INN = re.compile(rf"\b{_INN_WORD}(?:\s{_INN_TAIL})?\b")
_NOT_INN = {"transgene", "oncogene", "antigene", "excel", "parcel", "cancel"}
_MARKED = re.compile(r"\b([A-Z][A-Za-z0-9]{2,}(?:[- ](?:[A-Z]{1,4}|\d{1,3}))?)\s?[™®]")
_PAIRED = re.compile(rf"\b([A-Z][A-Za-z]{{3,}})\s?[™®]?\s+\(({_INN_WORD}(?:\s{_INN_TAIL})?)")
_BRACKET = re.compile(r"^\s?[™®]?\s*\(\s*$")


def _inns(text: str) -> list[tuple[str, int, int]]:
    return [
        (m.group(0), m.start(), m.end())
        for m in _INN.finditer(text)
        if m.group(0).split()[0].lower() not in _NOT_INN
    ]


class ProductNames:
    """The product vocabulary of one release, with brand ↔ INN / code aliases."""

    def __init__(self, texts: Iterable[str], company: str | None = None) -> None:
        # The company's own name is never its product ("Neurogene" reads like an INN).
        self._company = {w.lower() for w in re.findall(r"[A-Za-z][\w-]{3,}", company or "")}
        brands: set[str] = set()
        pairs: list[tuple[str, str]] = []
        texts = list(texts)
        # One scan of all the texts: no match of either pattern can hold the NUL between them,
        # so the matches are exactly those found text by text, for one call instead of one a
        # sentence.
        joined = "\0".join(texts)
        brands.update(match.group(1) for match in _MARKED.finditer(joined))
        brands.update(match.group(1) for match in _PAIRED.finditer(joined))
        self._brand = (
            re.compile(
                r"\b(?:" + "|".join(sorted(map(re.escape, brands), key=len, reverse=True)) + r")\b",
                re.IGNORECASE,
            )
            if brands
            else None
        )
        self._alias: dict[str, str] = {}
        self._found: dict[str, list[tuple[str, int, int]]] = {}
        for text in texts:
            found = self.find(text)
            for (first, _, end), (second, start, _) in itertools.pairwise(found):
                if _BRACKET.match(text[end:start]):
                    pairs.append((first, second))
        for first, second in pairs:
            self._alias.setdefault(code_key(second), self.key(first))

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Products named in the text, in order: (as written, start, end), without overlaps."""
        if text in self._found:
            return list(self._found[text])
        found = find_products(text)
        extra = _inns(text)
        if self._brand:
            extra += [(m.group(0), m.start(), m.end()) for m in self._brand.finditer(text)]
        extra = [e for e in extra if e[0].lower() not in self._company]
        for item in sorted(extra, key=lambda f: (f[1], -f[2])):
            if all(item[2] <= s or item[1] >= e for _, s, e in found):
                found.append(item)
        found.sort(key=lambda f: f[1])
        self._found[text] = found
        return list(found)

    def key(self, written: str) -> str:
        key = code_key(written)
        return self._alias.get(key, key)
