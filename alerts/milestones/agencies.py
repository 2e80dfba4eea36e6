"""Recognise regulators in a sentence and map them to the contract's agency names."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Order matters: specific names first, their spans are masked before the generic ones run
# ("Taiwan Food and Drug Administration" is not the FDA; "Ministry of Health, Labour and Welfare"
# is Japan's, not a generic ministry; "Center for Drug Evaluation and Research" is the FDA's CDER).
_PATTERNS: list[tuple[str, str]] = [
    (
        "other",
        r"(?:Taiwan|Thai|Philippine|Saudi|Egyptian)\s+Food\s+and\s+Drug\s+(?:Administration|Authority)",
    ),
    (
        "other",
        r"\b(?:TFDA|SFDA|Swissmedic|ANVISA|COFEPRIS|MFDS|AEMPS|BfArM|ANSM|AIFA|Medsafe|CDSCO|DCGI|HSA)\b",
    ),
    (
        "other",
        r"Ministry\s+of\s+Food\s+and\s+Drug\s+Safety|Health\s+Sciences\s+Authority|Paul[- ]Ehrlich[- ]Institut\w*",
    ),
    (
        "other",
        r"Pharmaceutical\s+Administration\s+Bureau|Swiss\s+Agency\s+for\s+Therapeutic\s+Products",
    ),
    (
        "FDA",
        r"Center\s+for\s+(?:Drug\s+Evaluation\s+and\s+Research|Biologics\s+Evaluation\s+and\s+Research)|\bCDER\b|\bCBER\b",
    ),
    (
        "FDA",
        r"(?:U\.\s?S\.\s?|US\s|United\s+States\s)?Food\s+and\s+Drug\s+Administration|\b(?:US|U\.S\.)?\s?FDA\b|美国FDA",
    ),
    (
        "NMPA",
        r"National\s+Medical\s+Products\s+Administration|\bNMPA\b|Center\s+for\s+Drug\s+Evaluation|\bCDE\b|国家药品监督管理局|国家药监局|药审中心|\bCFDA\b",
    ),
    ("NHC", r"National\s+Health\s+Commission|\bNHC\b|卫健委|卫生健康委员会"),
    (
        "PMDA",
        r"Pharmaceuticals\s+and\s+Medical\s+Devices\s+Agency|\bPMDA\b|Ministry\s+of\s+Health,?\s+Labou?r\s+and\s+Welfare|\bMHLW\b",
    ),
    ("MHRA", r"Medicines\s+and\s+Healthcare\s+products\s+Regulatory\s+Agency|\bMHRA\b"),
    ("EC", r"European\s+Commission|\bEC\b"),
    (
        "EMA",
        r"European\s+Medicines\s+Agency|\bEMA\b|\bCHMP\b|\bCOMP\b|Committee\s+for\s+(?:Medicinal\s+Products|Orphan\s+Medicinal|Advanced\s+Therap)\w*(?:\s+\w+){0,3}",
    ),
    ("HealthCanada", r"Health\s+Canada"),
    ("TGA", r"Therapeutic\s+Goods\s+Administration|\bTGA\b"),
    (
        "other",
        r"Department\s+of\s+Health|Ministry\s+of\s+Health|\b[A-Z]\w+(?:'s)?\s+(?:health|regulatory|drug)\s+(?:authority|authorities|regulators?)\b",
    ),
]
_COMPILED = [(agency, re.compile(p)) for agency, p in _PATTERNS]

# A regulator named only by its country is "other" (rule 5); the map lets such a mention merge with
# the same event already found under the country's own regulator ("authorized in Canada").
COUNTRY_REGULATOR = {
    "united states": "FDA",
    "u.s.": "FDA",
    "us": "FDA",
    "china": "NMPA",
    "japan": "PMDA",
    "canada": "HealthCanada",
    "australia": "TGA",
    "united kingdom": "MHRA",
    "uk": "MHRA",
    "great britain": "MHRA",
    "europe": "EC",
    "eu": "EC",
    "european union": "EC",
    "american": "FDA",
    "chinese": "NMPA",
    "japanese": "PMDA",
    "canadian": "HealthCanada",
    "australian": "TGA",
    "british": "MHRA",
    "european": "EC",
}
# "Korean IND approval", "the Japanese regulator": a regulator named by its country's adjective.
_ADJECTIVE = re.compile(
    r"\b(American|Chinese|Japanese|Korean|Canadian|Australian|British|European|Swiss|Brazilian|"
    r"Indian|Taiwanese|Israeli|Mexican|Singaporean)\s+(?:[\w-]+\s+){0,2}?(?:IND|CTA|approvals?|"
    r"authori[sz]ations?|regulators?|regulatory|clearances?|marketing|health\s+authorit\w+)\b"
)
_COUNTRY = re.compile(
    r"\b(?:in|by|from)\s+(?:both\s+)?(?:the\s+)?(United\s+States|U\.S\.|US|China|Japan|Korea|"
    r"South\s+Korea|Hong\s+Kong|Macau|Macao|Taiwan|Europe|EU|European\s+Union|Canada|Australia|"
    r"United\s+Kingdom|UK|Great\s+Britain|Brazil|India|Singapore|Israel|Switzerland|Mexico)\b"
)


@dataclass(slots=True, frozen=True)
class AgencySpan:
    agency: str
    start: int
    end: int
    country_only: bool = False


# A literal each pattern above needs, in the same order: a pattern whose literals are all absent
# is not run (most sentences name one regulator or none).
_KEYS: list[tuple[str, ...]] = [
    ("Food",),
    ("TFDA", "SFDA", "Swissmedic", "ANVISA", "COFEPRIS", "MFDS", "AEMPS", "BfArM", "ANSM", "AIFA",
     "Medsafe", "CDSCO", "DCGI", "HSA"),
    ("Ministry", "Health", "Paul"),
    ("Pharmaceutical", "Swiss"),
    ("Center", "CDER", "CBER"),
    ("Food", "FDA"),
    ("National", "NMPA", "Center", "CDE", "国家", "药审", "CFDA"),
    ("National", "NHC", "卫"),
    ("Pharmaceuticals", "PMDA", "Ministry", "MHLW"),
    ("Medicines", "MHRA"),
    ("European", "EC"),
    ("European", "EMA", "CHMP", "COMP", "Committee"),
    ("Health",),
    ("Therapeutic", "TGA"),
    ("Department", "Ministry", "authorit", "regulator"),
]  # fmt: skip
assert len(_KEYS) == len(_PATTERNS)


def find_agencies(text: str) -> list[AgencySpan]:
    """Regulators named in the text, in order of appearance, without overlaps: specific names
    first, their spans masked before the generic ones run."""
    spans: list[AgencySpan] = []
    masked = text
    for (agency, pattern), keys in zip(_COMPILED, _KEYS, strict=True):
        if not any(key in text for key in keys):
            continue
        found = list(pattern.finditer(masked))
        if found:
            spans += [AgencySpan(agency, m.start(), m.end()) for m in found]
            masked = pattern.sub(lambda mt: "\0" * len(mt.group(0)), masked)
    return sorted(spans, key=lambda s: s.start)


_COUNTRY_NAME = _COUNTRY.pattern.split("(?:the\\s+)?", 1)[1]
_AND_COUNTRY = re.compile(r"^\s*(?:,|and|&|,\s*and)\s+(?:the\s+)?" + _COUNTRY_NAME)


def find_countries(text: str) -> list[AgencySpan]:
    """Country-only regulator references ("approved in Hong Kong and Macau"), agency "other"."""
    out: list[AgencySpan] = []
    for match in _COUNTRY.finditer(text):
        out.append(AgencySpan("other", match.start(1), match.end(1), True))
        end = match.end()
        while more := _AND_COUNTRY.match(text[end:]):
            out.append(AgencySpan("other", end + more.start(1), end + more.end(1), True))
            end += more.end()
    out += [AgencySpan("other", m.start(1), m.end(1), True) for m in _ADJECTIVE.finditer(text)]
    return sorted(out, key=lambda s: s.start)


def country_regulator(text: str) -> str | None:
    return COUNTRY_REGULATOR.get(re.sub(r"\s+", " ", text).lower())


# Words allowed between two regulators that share one action ("the U.S. FDA and China's NMPA").
_COORD_GAP = re.compile(
    r"^[\s,]*(?:(?:and|or|as\s+well\s+as|&|both|the|U\.S\.|US|China's|China|Chinese|Japan's|"
    r"Japanese|Korea's|European|UK|Australia's|Canada's|\(\w+\))[\s,]*)*$"
)


def coordinated(text: str, first: AgencySpan, second: AgencySpan) -> bool:
    if first.country_only or second.country_only:
        return first.country_only == second.country_only and bool(
            _COORD_GAP.match(text[first.end : second.start])
        )
    return first.agency == second.agency or bool(_COORD_GAP.match(text[first.end : second.start]))
