"""Tickers and de-duplicated name lists, as every wire's releases write them.

Tickers are "EXCHANGE:SYMBOL" with the exchange upper-cased and inner spaces kept
("NYSE:GWW", "NASDAQ:IDEX", "HKEX:2259"), from "(EXCHANGE: SYMBOL)" mentions in the text and
from symbol links (PR Newswire's `a.ticket-symbol`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.parsing.document import squash

_EXCHANGES = (
    r"NYSE American|NYSE MKT|NYSE Arca|NYSE|NASDAQ|Nasdaq(?:GS|GM|CM)?|OTCQX|OTCQB|OTC Pink|OTC"
    r"|TSX-V|TSXV|TSX|CSE|NEO|ASX|LSE|AIM|HKEX|HKSE|SEHK|SSE|SZSE|KOSDAQ|KRX|TSE|SGX"
    r"|Euronext|SIX|TASE|Cboe|BATS"
)
# Only inside "(…)" lists: "(NYSE: GWW)", "(NASDAQ: ABCD; HKEX: 2259)".
_TICKER = re.compile(rf"[(;,]\s*({_EXCHANGES})\s*:\s*([A-Z0-9][A-Z0-9.\-]{{0,9}})\b")
_TRAILING_EXCHANGE = re.compile(rf"\b({_EXCHANGES})\s*:\s*$")


def tickers(body: str, symbol_links: Iterable[tuple[str, str]]) -> list[str]:
    """Tickers from `(EXCHANGE: SYMBOL)` mentions and `a.ticket-symbol` links.

    `symbol_links` are (text before the link, link text) pairs; the text before supplies
    the exchange ("(NYSE:&nbsp;" + "GWW").
    """
    found: list[str] = []
    for before, symbol in symbol_links:
        symbol = symbol.strip()
        if not symbol:
            continue
        exchange = _TRAILING_EXCHANGE.search(squash(before) + " ")
        found.append(f"{_exchange(exchange.group(1))}:{symbol}" if exchange else symbol)
    for exchange_name, symbol in _TICKER.findall(body):
        found.append(f"{_exchange(exchange_name)}:{symbol}")
    qualified = {item.split(":", 1)[1] for item in found if ":" in item}
    return unique(item for item in found if ":" in item or item not in qualified)


def _exchange(name: str) -> str:
    return squash(name).upper()


def unique(values: Iterable[str]) -> list[str]:
    """Whitespace-collapsed, non-empty, de-duplicated case-insensitively, order kept."""
    seen: set[str] = set()
    result: list[str] = []
    for value in values:
        cleaned = squash(value)
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return result
