"""`WireEntry`: a ListingEntry with what the newer wires' feeds and listings say besides.

A subclass, so a spider that handles `ListingEntry` takes it unchanged; the extra fields
(GlobeNewswire's stock and ISIN categories, subjects, the release language, a listing card's
subtitle) are there for whoever wants them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.items import ListingEntry


@dataclass(slots=True, frozen=True)
class WireEntry(ListingEntry):
    subtitle: str = ""
    language: str | None = None
    tickers: tuple[str, ...] = ()  # "EXCHANGE:SYMBOL" as the wire writes it ("Nasdaq:PGC")
    isins: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
