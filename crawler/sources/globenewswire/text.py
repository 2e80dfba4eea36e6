"""GlobeNewswire's text conventions (dateline, end of release, boilerplate).

Dateline, as seen in the real RSS descriptions: "BEDMINSTER, N.J., Oct.  05, 2026  (GLOBE
NEWSWIRE) -- " — two spaces after the dotted month and before the marker; no time. Releases
by non-US issuers (European regulatory news) often have no dateline at all.
The end-of-release headings ("Attachments", "Related Links", "Tags", "Contact Data") are
what public scraper code expects after the body; no real detail page was available to
confirm them, so they only cut a block that is exactly such a heading.
"""

from __future__ import annotations

import re

from crawler.parsing.wire_conventions import COMMON_BOILERPLATE, WireConventions
from crawler.sources.globenewswire.dates import EASTERN, TZINFOS
from crawler.sources.globenewswire.urls import canonical_url, release_id

# The date is English ("Oct.  05, 2026") or day-first ("05 oct. 2026", French releases).
_DATE = r"(?:[^\W\d_]+\.?\s+\d{1,2},?|\d{1,2}\.?\s+[^\W\d_]+\.?)\s+\d{4}"
_MARKER = r"\(\s*GLOBE\s*NEWSWIRE\s*\)"
# The lookahead only lets a line holding the marker in: without it a paragraph costs ~30 µs
# of backtracking through every city length and date form (a tenth of an lxml parse for the
# few blocks before the dateline), with it ~1 µs.
DATELINE = re.compile(
    rf"^(?=[^\n]*?{_MARKER})(?P<city>[^\n]{{0,160}}?),?\s*(?P<date>{_DATE})?\s*{_MARKER}\s*-{{1,2}}\s*",
    re.IGNORECASE,
)
END_OF_RELEASE = re.compile(r"^(?:Attachments?|Related Links|Tags|Contact Data)\s*:?$")
BOILERPLATE = re.compile(rf"^(?:{COMMON_BOILERPLATE}|attachments?$)", re.IGNORECASE)

CONVENTIONS = WireConventions(
    name="globenewswire",
    dateline=DATELINE,
    end_of_release=END_OF_RELEASE,
    boilerplate=BOILERPLATE,
    noise=None,
    release_id=release_id,
    canonical_url=canonical_url,
    local_zone=EASTERN,
    tzinfos=TZINFOS,
    site_names=frozenset({"globenewswire", "globenewswire inc", "globe newswire", "notified"}),
)
