"""`WireEntry`: a ListingEntry with what the newer wires' feeds and listings say besides;
entries from a page's release links, and the page a listing URL asks for.

A subclass, so a spider that handles `ListingEntry` takes it unchanged; the extra fields
(GlobeNewswire's stock and ISIN categories, subjects, the release language, a listing card's
subtitle) are there for whoever wants them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from crawler.items import ListingEntry
from crawler.parsing.document import Element, squash, text_of


@dataclass(slots=True, frozen=True)
class WireEntry(ListingEntry):
    subtitle: str = ""
    language: str | None = None
    tickers: tuple[str, ...] = ()  # "EXCHANGE:SYMBOL" as the wire writes it ("Nasdaq:PGC")
    isins: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


def release_links(
    links: Iterable[Element],
    absolute: Callable[[str], str],
    release_id: Callable[[str], str | None],
    language: Callable[[str], str | None],
) -> list[WireEntry]:
    """One entry per release the links point to (`absolute`: an href to the wire's canonical
    release URL), titled by the longest text among the links to it (image links have none);
    company, teaser and time are left empty rather than guessed."""
    found: dict[str, tuple[str, str]] = {}  # id -> (url, longest link text)
    for link in links:
        url = absolute(link.get("href") or "")
        rid = release_id(url)
        if rid is None:
            continue
        text = squash(text_of(link))
        known = found.get(rid)
        if known is None or len(text) > len(known[1]):
            found[rid] = (known[0] if known else url, text)
    return [
        WireEntry(release_id=rid, url=url, title=text, published_at=None, language=language(url))
        for rid, (url, text) in found.items()
    ]


def page_number(url: str) -> int:
    """The listing page a URL asks for (`?page=N`), 1 when it names none or a bad one."""
    values = parse_qs(urlsplit(url).query).get("page", ["1"])
    try:
        return max(1, int(values[0]))
    except ValueError:
        return 1
