"""RSS 2.0 feeds shaped like /rss/news-releases-list.rss (reference §5): 20 newest items."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from replica.model import INDUSTRIES, SUBJECTS, SYNTHETIC_MARK, Release

ITEMS = 20
_NAMESPACES = (
    'xmlns:taxo="http://purl.org/rss/1.0/modules/taxonomy/" '
    'xmlns:prn="http://www.prnewswire.com/ns/0.1/#" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:media="http://search.yahoo.com/mrss/" '
    'xmlns:atom="http://www.w3.org/2005/Atom"'
)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(moment: datetime) -> str:
    """ "Mon, 5 Oct 2026 18:28:00 +0000" (unpadded day, like the real feed)."""
    text = format_datetime(moment.astimezone(UTC))
    text = text.replace("-0000", "+0000")
    weekday, day, rest = text.split(" ", 2)
    return f"{weekday} {int(day)} {rest}"


def _description(release: Release) -> str:
    if release.subtitles:
        text = release.subtitles[0]
    else:
        lead = release.lead if len(release.lead) <= 280 else release.lead[:280] + "..."
        text = f"{release.dateline_city}, {release.dateline_date} /PRNewswire/ -- {lead}"
    return f"<p>{escape(text)}</p>"


def _item(release: Release, base_url: str) -> str:
    url = escape(base_url + release.path)
    parts = [
        f"<item><title>{escape(release.title)}</title><link>{url}</link><guid>{url}</guid>",
        f"<pubDate>{rfc822(release.published)}</pubDate>",
        f"<description>{_cdata(_description(release))}</description>",
    ]
    for code in release.company.industries:
        parts.append(f"<prn:industry>{_cdata(INDUSTRIES[code][0])}</prn:industry>")
        parts.append(f"<prn:industry>{_cdata(code)}</prn:industry>")
    for code in release.subjects:
        parts.append(f"<prn:subject>{_cdata(SUBJECTS[code][0] + ' ')}</prn:subject>")
    for code in release.subjects:
        parts.append(f"<dc:subject>{_cdata(code)}</dc:subject>")
    parts.append(f"<dc:contributor>{_cdata(release.company.name)}</dc:contributor>")
    parts.append("<dc:language>en-US</dc:language>")
    parts.append("<dc:publisher>PR Newswire Association LLC.</dc:publisher></item>")
    return "".join(parts)


def render(
    *, path: str, title: str, description: str, releases: list[Release], base_url: str
) -> bytes:
    """The feed for `path` with the newest `ITEMS` of `releases` (given newest first)."""
    items = releases[:ITEMS]
    now = rfc822(datetime.now(UTC))
    built = rfc822(items[0].published) if items else now
    feed_url = escape(base_url + path)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {_NAMESPACES}><channel>'
        f"{SYNTHETIC_MARK}"
        f'<link>{feed_url}</link><atom:link rel="self" href="{feed_url}" '
        f'type="application/rss+xml"/><title>{escape(title)}</title>'
        f"<description>{escape(description)}</description><language>en-us</language>"
        f"<pubDate>{now}</pubDate><lastBuildDate>{built}</lastBuildDate>"
        + "".join(_item(r, base_url) for r in items)
        + "</channel></rss>"
    ).encode("utf-8")
