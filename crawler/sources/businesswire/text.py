"""Business Wire's text conventions (dateline, end of release, boilerplate).

Dateline, as seen in the real RSS descriptions: "WILMINGTON, Del.--(BUSINESS WIRE)--AstraZeneca
…" (no space before the text, no date), and with cashtags/hashtags between an extra pair of
dashes: "SEOUL, South Korea--(BUSINESS WIRE)---- $MX #MOSFET--Magnachip …". The release text
ends at the "Contacts" heading (the classic page keeps contacts in `.bw-release-contact`,
apart from the story). Copies of a Business Wire release on other sites end with "View source
version on businesswire.com: …", which is never release text.
"""

from __future__ import annotations

import re

from crawler.parsing.wire_conventions import COMMON_BOILERPLATE, WireConventions
from crawler.sources.businesswire.dates import EASTERN, TZINFOS
from crawler.sources.businesswire.urls import canonical_url, release_id

DATELINE = re.compile(
    r"^(?P<city>[^\n]{0,160}?)\s*-{1,2}\s*\(\s*BUSINESS\s+WIRE\s*\)\s*--"
    r"(?:\s*--\s*(?P<tags>(?:[$#][\w.]+\s*)+)--)?\s*",
    re.IGNORECASE,
)
END_OF_RELEASE = re.compile(r"^Contacts?\s*:?$")
BOILERPLATE = re.compile(rf"^(?:{COMMON_BOILERPLATE})", re.IGNORECASE)
NOISE = re.compile(r"^View source version on businesswire\.com", re.IGNORECASE)
_CASHTAG = re.compile(r"\$([A-Z][A-Z.]{0,9})\b")


def dateline_tags(block: str) -> list[str]:
    """The cashtags and hashtags of a dateline ("$MX", "#MOSFET"), in order."""
    match = DATELINE.match(block)
    return (match.group("tags") or "").split() if match else []


def cashtags(block: str) -> list[str]:
    """ "MX" from a dateline's "$MX" (a symbol without its exchange)."""
    return [tag[1:] for tag in dateline_tags(block) if _CASHTAG.fullmatch(tag)]


CONVENTIONS = WireConventions(
    name="businesswire",
    dateline=DATELINE,
    end_of_release=END_OF_RELEASE,
    boilerplate=BOILERPLATE,
    noise=NOISE,
    release_id=release_id,
    canonical_url=canonical_url,
    local_zone=EASTERN,
    tzinfos=TZINFOS,
    site_names=frozenset({"business wire", "businesswire", "business wire inc"}),
)
