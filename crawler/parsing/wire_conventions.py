"""What the generic detail parser needs to know about a wire: its text conventions.

Each source (`crawler/sources/<wire>/text.py`) fills one `WireConventions`: how its
dateline reads, where its release text ends, which paragraphs are boilerplate, how to read
a release id from a URL, and the zone its unlabelled times are in. The functions here apply
those conventions to text blocks and are the same for every wire.

* `dateline`: matched at the start of a block; group `city` is the place, and the match
  ends where the news text starts ("CITY, Oct.  05, 2026  (GLOBE NEWSWIRE) -- ").
* `end_of_release`: a block at which the release text ends, not included (PR Newswire's
  "SOURCE <company>", Business Wire's "Contacts"); its optional group `company` names the
  issuer.
* `noise`: a block that is never release text wherever it appears (PR Newswire's hidden
  "To view the original version on PR Newswire, visit: …" line, which only a stylesheet hides).
* `boilerplate`: the first paragraph of what every release of a company repeats (About …,
  forward-looking statements, contacts): left out of content fingerprints, so a release put
  out on two wires fingerprints the same and two announcements never match on boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from crawler.parsing.document import squash

# Shared by every wire; a wire adds its own (GlobeNewswire's "Attachments" heading).
COMMON_BOILERPLATE = (
    r"about\s|forward[- ]looking|cautionary|safe harbou?r|media contacts?\b|contacts?:?$"
    r"|investor (?:relations|contacts?)|for more information|for further information"
)


@dataclass(frozen=True, slots=True)
class WireConventions:
    name: str
    dateline: re.Pattern[str]
    end_of_release: re.Pattern[str]
    boilerplate: re.Pattern[str]
    noise: re.Pattern[str] | None
    release_id: Callable[[str], str | None]
    canonical_url: Callable[[str, str | None], str]
    local_zone: tzinfo  # zone of times printed without one ("2026-10-05T08:00:00")
    tzinfos: Mapping[str, tzinfo]  # zone names the wire prints ("ET", "UT", …)
    site_names: frozenset[str]  # casefolded names of the wire itself: never a company


def without_noise(wire: WireConventions, blocks: Sequence[str]) -> list[str]:
    """The blocks less the wire's noise blocks."""
    noise = wire.noise
    return [b for b in blocks if noise is None or not noise.match(b)]


def dateline_index(wire: WireConventions, blocks: Sequence[str]) -> int | None:
    """Index of the first block that opens with the wire's dateline."""
    return next((i for i, block in enumerate(blocks) if wire.dateline.match(block)), None)


def dateline_city(wire: WireConventions, block: str) -> str | None:
    """ "BEDMINSTER, N.J." from "BEDMINSTER, N.J., Oct.  05, 2026  (GLOBE NEWSWIRE) -- …"."""
    match = wire.dateline.match(block)
    if match is None:
        return None
    city = squash(match.group("city") or "").strip(" ,")
    return city or None


def strip_dateline(wire: WireConventions, text: str) -> str:
    """The text without its leading dateline (for fingerprints: the dateline's date and
    city differ between two wires' copies of one release)."""
    return wire.dateline.sub("", text.lstrip(), count=1)


def end_index(wire: WireConventions, blocks: Sequence[str], start: int) -> int | None:
    """Index of the first block from `start` on where the release text ends."""
    return next(
        (i for i in range(start, len(blocks)) if wire.end_of_release.match(blocks[i])), None
    )


def issuer(wire: WireConventions, block: str) -> str | None:
    """The company an end-of-release block names ("SOURCE W.W. Grainger, Inc.")."""
    match = wire.end_of_release.match(block)
    if match is None or "company" not in match.re.groupindex:
        return None
    return squash(match.group("company") or "") or None


def news_text(wire: WireConventions, body: str) -> str:
    """The body without its dateline and from its first boilerplate paragraph on."""
    kept = []
    for paragraph in re.split(r"\n\s*\n", strip_dateline(wire, body)):
        if wire.boilerplate.match(paragraph.strip()):
            break
        kept.append(paragraph)
    return "\n\n".join(kept).strip() or body


# "Kestrel Neurotherapeutics, Inc. (Nasdaq: KSTL), a …", "AstraZeneca today announced …":
# the issuer opens nearly every release. Last resort only (a regulator can open one too).
_LEAD_COMPANY = re.compile(
    r"^(?P<name>[A-Z][^\n()]{1,90}?)"
    r"(?=\s*\([A-Z][A-Za-z\- ]{1,40}:\s*[A-Z0-9]|,\s+(?:a|an|the)\s+[a-z]|\s+today\b"
    r"|\s+announced\b)"
)


def lead_company(wire: WireConventions, text: str) -> str | None:
    """The issuer named at the start of the release text (after the dateline), if any."""
    match = _LEAD_COMPANY.match(strip_dateline(wire, text))
    return squash(match.group("name")).rstrip(",") if match else None


def is_wire_name(wire: WireConventions, name: str) -> bool:
    """True for the wire's own name ("Cision PR Newswire", "GlobeNewswire Inc.")."""
    return squash(name).casefold().rstrip(".") in wire.site_names
