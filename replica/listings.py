"""Listing pages: company newsrooms, category lists and the all-news list (reference §4a).

The structure a parser can rely on (also on a page past the end, which has no cards):
`<main>` holding `div.card-list` (the card column), `ul.pagination` and `<input id="date">`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from replica import chrome
from replica.chrome import esc
from replica.model import EASTERN, SYNTHETIC_MARK, Release

PAGE_SIZES = (25, 50, 75, 100)


def _card(release: Release) -> str:
    return (
        '<div class="row newsCards" lang="en-US">'
        '<div class="col-sm-12 card">'
        f'<a class="newsreleaseconsolidatelink display-outline w-100" href="{esc(release.path)}"'
        ' role="group" aria-label="News Release">'
        f'<h3 class="no-top-margin remove-outline"><small>{release.printed_time}</small> '
        f"{esc(release.title)}</h3>"
        f'<p class="remove-outline">{esc(release.teaser)}</p>'
        "</a></div></div>\n"
    )


def _pagination(page: int, pagesize: int, total: int) -> str:
    last = max(1, -(-total // pagesize))
    items: list[str] = []
    if page > 1:
        items.append(f'<li><a href="?page={page - 1}&amp;pagesize={pagesize}">&laquo;</a></li>')
    else:
        items.append('<li class="disabled"><span>&laquo;</span></li>')
    for n in range(max(1, page - 2), min(last, page + 2) + 1):
        active = ' class="active"' if n == page else ""
        items.append(f'<li{active}><a href="?page={n}&amp;pagesize={pagesize}">{n}</a></li>')
    if page < last:
        items.append(f'<li><a href="?page={page + 1}&amp;pagesize={pagesize}">&raquo;</a></li>')
    else:
        items.append('<li class="disabled"><span>&raquo;</span></li>')
    options = "".join(
        f'<option value="{n}"{" selected" if n == pagesize else ""}>{n}</option>'
        for n in PAGE_SIZES
    )
    return (
        '<div class="row"><div class="col-sm-12">'
        '<nav aria-label="Page navigation"><ul class="pagination">' + "".join(items) + "</ul></nav>"
        '<div class="items-per-page"><label for="pagesize">Items per page:</label>'
        f'<select id="pagesize" name="pagesize">{options}</select></div>'
        "</div></div>\n"
    )


def render(
    *,
    path: str,
    heading: str,
    description: str,
    releases: list[Release],
    page: int,
    pagesize: int,
    total: int,
    base_url: str,
    newsroom: bool = False,
) -> list[bytes]:
    """One listing page as byte chunks (the chrome chunks are shared)."""
    today = datetime.now(UTC).astimezone(EASTERN).strftime("%m/%d/%Y")
    cards = "".join(_card(r) for r in releases)
    kind = "news" if newsroom else "news-releases"
    head = f"""<!doctype html>
{SYNTHETIC_MARK}
<html lang="en">
<head>{chrome.COMMON_HEAD}
    <title>{esc(heading)} | PR Newswire</title>
    <meta name="description" content="{esc(description)}"/>
    <link rel="canonical" href="{esc(base_url + path)}"/>
    <meta property="og:title" content="{esc(heading)}"/>
    <meta property="og:url" content="{esc(base_url + path)}"/>
</head>
{chrome.BODY_OPEN.format(template=kind + "-list")}"""
    main = f"""  <main role="main" id="main">
    <section class="container news-list-header">
      <div class="row"><div class="col-sm-12">
        <h1>{esc(heading)}</h1>
        <p>{esc(description)}</p>
      </div></div>
    </section>
    <section class="container">
      <div class="row"><div class="col-sm-12 card-list card-list-hr">
{cards}      </div></div>
{_pagination(page, pagesize, total)}    </section>
    <input type="hidden" id="date" value="{today}"/>
  </main>
        <input type="hidden" id="pageName" value="www.prnewswire.com_{esc(heading)}"/>
        <input type="hidden" id="channel" value="PRN News Releases"/>
"""
    return [head.encode(), chrome.top(), main.encode(), chrome.bottom(), chrome.TAIL]
