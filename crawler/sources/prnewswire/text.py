"""PR Newswire's text conventions, for the generic detail parser and fingerprints.

Built from the same patterns as the site-specific parser (`crawler.sources.prnewswire.fields`), so the
generic path can be checked against it on the real pages (tests/crawler/parsing/
test_generic_release_prnewswire.py). Dateline: "SUZHOU, China, April 15, 2025 /PRNewswire/ --",
also "/PRNewswire-PRWeb/ -" and, in some `og:description`s, a bare "/PRNewswire/ --".
The release text ends at "SOURCE <company>".
"""

from __future__ import annotations

import re
from datetime import UTC

from crawler.parsing.wire_conventions import COMMON_BOILERPLATE, WireConventions
from crawler.sources.prnewswire.dates import EASTERN
from crawler.sources.prnewswire.fields import canonical_url, release_id

# The lookahead lets only a line holding the marker in: without it, every block before the
# dateline (a results release prints a dozen highlights first) costs up to ~15 µs of
# backtracking through city lengths and date forms.
DATELINE = re.compile(
    r"^(?=[^\n]*?/\s*PRNewswire)"
    r"(?P<city>[^\n]{0,160}?)"
    r",?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})?"
    r"\s*/\s*PRNewswire[^/]{0,40}/\s*-{1,2}\s*",
)
END_OF_RELEASE = re.compile(r"^SOURCE\s+(?P<company>.+)$", re.DOTALL)
BOILERPLATE = re.compile(rf"^(?:{COMMON_BOILERPLATE})", re.IGNORECASE)
NOISE = re.compile(r"^To view the original version on PR Newswire", re.IGNORECASE)

CONVENTIONS = WireConventions(
    name="prnewswire",
    dateline=DATELINE,
    end_of_release=END_OF_RELEASE,
    boilerplate=BOILERPLATE,
    noise=NOISE,
    release_id=release_id,
    canonical_url=canonical_url,
    local_zone=EASTERN,
    tzinfos={"ET": EASTERN, "EST": EASTERN, "EDT": EASTERN, "UTC": UTC, "GMT": UTC},
    site_names=frozenset({"pr newswire", "cision pr newswire", "prnewswire"}),
)
