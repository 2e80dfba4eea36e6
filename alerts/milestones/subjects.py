"""What an event is about: the regulator acting, the product, the condition (from the sentence).

Pure helpers of extract.py: given a trigger in a sentence, pick the nearest regulator (and those
coordinated with it), the nearest product (and those coordinated with it), and the condition
the sentence states for that product.
"""

from __future__ import annotations

import re

from alerts.milestones.agencies import AgencySpan, coordinated, country_regulator
from alerts.milestones.context import ProductContext
from alerts.milestones.patterns import Trigger
from alerts.milestones.products import find_indication, find_indications

_PRODUCT_GAP = re.compile(
    r"^[\s,]*(?:(?:and|or|as\s+well\s+as|&|the|its|both)[\s,]+)*$", re.IGNORECASE
)


# Schemes and application types that belong to one regulator: named alone, they name it.
_IMPLIED = [
    (re.compile(p, re.IGNORECASE), agency)
    for p, agency in (
        (r"SAKIGAKE", "PMDA"),
        (r"\bPRIME\b|priority\s+medicines", "EMA"),
        (r"\bILAP\b|innovation\s+passport", "MHRA"),
        (r"\bRMAT\b|regenerative\s+medicine\s+advanced", "FDA"),
        (r"\bQIDP\b|qualified\s+infectious", "FDA"),
        (r"rare\s+p(?:a)?ediatric", "FDA"),
        (r"\bs?BLAs?\b|biologics?\s+license", "FDA?"),
        (r"complete\s+response\s+letter|\bCRL\b|refus\w*\s+to\s+file", "FDA?"),
        (r"notice\s+of\s+compliance|\bNOC\b", "HealthCanada"),
        (r"\bARTG\b", "TGA"),
    )
]
# A device approval or clearance (PMA, 510(k), De Novo, CE mark, "the RECELL System") is not a
# drug milestone (realcases README; ARCHITECTURE rule 3 lists what is not a milestone).
DEVICE = re.compile(
    r"\b(?:medical\s+)?devices?\b|\bPMA\b|pre-?market\s+approval|\b510\s*\(k\)|\bDe\s+Novo\b|"
    r"\bCE\s+mark|\binvestigational\s+device|\bIDE\b|\b[A-Z]{3,}[A-Za-z]*[®™]?\s+System\b"
)
# An approval of a plant or site ("the FDA approved its new manufacturing facility").
FACILITY = re.compile(
    r"\b(?:approv\w*|authori[sz]\w*|clear\w*|licen[sc]\w*)\s+(?:[\w-]+\s+){0,4}(?:manufacturing\s+|"
    r"production\s+)?(?:facility|facilities|site|sites|plant|plants)\b",
    re.IGNORECASE,
)
DEVICE_TYPES = {"approval", "ind_clearance", "filing", "breakthrough_therapy"}


def implied_agency(trigger_text: str, opening: set[str]) -> str | None:
    """The regulator a scheme names by itself; an application type ("FDA?") names the FDA only
    when the release's opening names no other regulator (China has BLAs too)."""
    agency = next((agency for p, agency in _IMPLIED if p.search(trigger_text)), None)
    if agency and agency.endswith("?"):
        agency = agency[:-1] if opening <= {agency[:-1]} else None
    return agency


_FOR_PRODUCT = re.compile(
    r"^[\s,]*(?:\([^)]{0,40}\)[\s,]*)?(?:for|in|targeting|to\s+treat)\s+(?:(?:the\s+)?"
    r"(?:treatment|prevention)\s+of\s+)?(?:(?:patients|adults|children)\s+with\s+)?$",
    re.IGNORECASE,
)


def indication_for(
    text: str, product: str | None, codes: list[tuple[str, int, int]], products: ProductContext
) -> str | None:
    """The condition this sentence states for `product`. With several products, only when the
    sentence pairs them ("XS411 and XS228, for Parkinson's disease and ALS": one each, in order)."""
    first: dict[str, int] = {}
    for written, start, _ in codes:
        first.setdefault(products.key(written), start)
    if len(first) <= 1:
        return find_indication(text)
    found = find_indications(text)
    key = products.key(product) if product else None
    named: list[str] = []
    for ind, _ in found:
        if ind.lower() not in (n.lower() for n in named):
            named.append(ind)
    order = sorted(first, key=first.__getitem__)
    if key is None:
        return None
    if len(named) == len(first) and key in order:
        return named[order.index(key)]
    for written, _, end in codes:  # "XS-411 for Parkinson's disease and XS228 for ALS"
        if products.key(written) == key:
            for ind, at in found:
                if end <= at <= end + 60 and _FOR_PRODUCT.match(text[end:at]):
                    return ind
    return None


def _distance(trigger: Trigger, span: AgencySpan) -> int:
    if span.end <= trigger.start:
        return trigger.start - span.end
    if span.start >= trigger.end:
        return span.start - trigger.end
    return 0


def _nearest(trigger: Trigger, spans: list[AgencySpan]) -> AgencySpan:
    return min(spans, key=lambda s: _distance(trigger, s))


def pick_agencies(text: str, trigger: Trigger, spans: list[AgencySpan]) -> list[AgencySpan]:
    """The regulator acting in this event: the nearest one, plus any coordinated with it."""
    if not spans:
        return []
    ordered = sorted(spans, key=lambda s: s.start)
    i = ordered.index(_nearest(trigger, ordered))
    group = [ordered[i]]
    j = i
    while j > 0 and coordinated(text, ordered[j - 1], ordered[j]):
        j -= 1
        group.insert(0, ordered[j])
    j = i
    while j + 1 < len(ordered) and coordinated(text, ordered[j], ordered[j + 1]):
        j += 1
        group.append(ordered[j])
    seen: dict[str, AgencySpan] = {}
    for span in group:
        seen.setdefault(text[span.start : span.end] if span.country_only else span.agency, span)
    return list(seen.values())


def prefer_country(
    text: str,
    trigger: Trigger,
    chosen: list[AgencySpan],
    agencies: list[AgencySpan],
    countries: list[AgencySpan],
) -> list[AgencySpan]:
    """An approval "… in the European Union" names its regulator by country when the country is
    nearer to the verb than any regulator the sentence names (the EC, not the CHMP further on)."""
    if not chosen or not countries:
        return chosen
    country = _nearest(trigger, countries)
    regulator = country_regulator(text[country.start : country.end])
    named = [a for a in agencies if a.agency == regulator]
    if named and _distance(trigger, country) < min(_distance(trigger, c) for c in chosen):
        return [_nearest(trigger, named)]
    return chosen


def nearest_codes(
    text: str, trigger: Trigger, codes: list[tuple[str, int, int]], products: ProductContext
) -> list[str]:
    """The product the event is about, plus products coordinated with it ("HX-101 and HX-102")."""

    def dist(code: tuple[str, int, int]) -> int:
        _, start, end = code
        if end <= trigger.start:
            return trigger.start - end
        return max(0, start - trigger.end)

    i = codes.index(min(codes, key=dist))
    group = [codes[i]]
    j = i
    while j > 0 and _PRODUCT_GAP.match(text[codes[j - 1][2] : codes[j][1]]):
        j -= 1
        group.insert(0, codes[j])
    j = i
    while j + 1 < len(codes) and _PRODUCT_GAP.match(text[codes[j][2] : codes[j + 1][1]]):
        j += 1
        group.append(codes[j])
    out: dict[str, str] = {}
    for written, _, _ in group:
        out.setdefault(products.key(written), written)
    return list(out.values())
