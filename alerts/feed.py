"""The Atom feed (RFC 4287) of alertable milestone events. Pure: rows and `now` in, bytes out.

Entry ids are tag URIs (RFC 4151) built from what identifies an event across re-analysis —
the source, the release id printed in its URL, type, agency and product — not from the row
id, which a new analyser version may replace. A feed reader therefore never shows an event
twice after `wirewatch analyse --all`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from alerts.digest import EventView, describe
from alerts.sanitize import one_line, safe_url
from alerts.vocabulary import label_of, wire_name
from storage.models import MilestoneEvent, Release

ATOM = "http://www.w3.org/2005/Atom"
TAG_PREFIX = "tag:wirewatch,2026:"
TYPE_SCHEME = f"{TAG_PREFIX}milestone-type"
AGENCY_SCHEME = f"{TAG_PREFIX}agency"
WIRE_SCHEME = f"{TAG_PREFIX}wire"
# XML 1.0 forbids most control characters even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    entry_id: str
    event_id: int
    title: str
    type: str
    label: str
    agency: str | None
    company: str | None
    headline: str
    evidence: str
    release_url: str | None
    published_at: datetime | None
    updated_at: datetime
    source: str = ""  # the wire the release came out on

    @classmethod
    def from_rows(cls, event: MilestoneEvent, release: Release, source: str) -> FeedEntry:
        view = EventView.from_rows(event, release)
        return cls(
            entry_id=entry_id(source, release.release_id, event),
            event_id=event.id,
            title=describe(view),
            type=event.type,
            label=label_of(event.type),
            agency=event.agency,
            company=view.company,
            headline=one_line(release.title),
            evidence=one_line(event.evidence),
            release_url=safe_url(release.url),
            published_at=view.published_at,
            updated_at=event.detected_at,
            source=source,
        )


def entry_id(source: str, release_id: str, event: MilestoneEvent) -> str:
    parts = (source, release_id, event.type, event.agency_key, event.product_key or "-")
    return TAG_PREFIX + "event/" + "/".join(quote(p, safe="-._~") for p in parts)


@dataclass(frozen=True, slots=True)
class FeedMeta:
    """The feed's own id (stable per filter set), title and links."""

    feed_id: str
    title: str
    subtitle: str
    self_url: str | None = None
    site_url: str | None = None
    event_url: str | None = None  # "{base}/events/{id}" pattern, when a web view serves them


def feed_id(query: str) -> str:
    """One id per filter combination: a reader subscribed to two filtered feeds sees two."""
    return TAG_PREFIX + "feed" + (f"?{quote(query, safe='=&')}" if query else "")


def render_atom(meta: FeedMeta, entries: Sequence[FeedEntry], now: datetime) -> bytes:
    # Unqualified tags under a literal default namespace: ElementTree would otherwise invent
    # "ns0:" prefixes, or need a process-wide register_namespace().
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", meta.feed_id)
    _text(feed, "title", meta.title)
    _text(feed, "subtitle", meta.subtitle)
    newest = max((e.updated_at for e in entries), default=now)
    _text(feed, "updated", _stamp(newest))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "wirewatch")
    _text(feed, "generator", "wirewatch")
    if meta.self_url:
        _link(feed, meta.self_url, "self", "application/atom+xml")
    if meta.site_url:
        _link(feed, meta.site_url, "alternate", "text/html")
    for entry in entries:
        _entry(feed, entry, meta)
    ET.indent(feed)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _entry(feed: ET.Element, entry: FeedEntry, meta: FeedMeta) -> None:
    node = ET.SubElement(feed, "entry")
    _text(node, "id", entry.entry_id)
    title = f"{entry.company}: {entry.title}" if entry.company else entry.title
    _text(node, "title", title)
    _text(node, "updated", _stamp(entry.updated_at))
    if entry.published_at is not None:
        _text(node, "published", _stamp(entry.published_at))
    if entry.release_url:
        _link(node, entry.release_url, "alternate", "text/html", entry.headline)
    if meta.event_url:
        _link(node, meta.event_url.format(id=entry.event_id), "related", "text/html")
    if entry.company:
        author = ET.SubElement(node, "author")
        _text(author, "name", entry.company)
    _category(node, entry.type, TYPE_SCHEME, entry.label)
    if entry.agency:
        _category(node, entry.agency, AGENCY_SCHEME, entry.agency)
    on = ""
    if entry.source:
        wire = wire_name(entry.source)
        _category(node, entry.source, WIRE_SCHEME, wire)
        on = f" on {wire}"
    summary = f"{entry.evidence}\n\nRelease{on}: {entry.headline}"
    _text(node, "summary", summary).set("type", "text")


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    node = ET.SubElement(parent, name)
    node.text = _clean(value)
    return node


def _link(parent: ET.Element, href: str, rel: str, type_: str, title: str | None = None) -> None:
    node = ET.SubElement(parent, "link", {"href": _clean(href), "rel": rel, "type": type_})
    if title:
        node.set("title", _clean(title))


def _category(parent: ET.Element, term: str, scheme: str, label: str) -> None:
    ET.SubElement(
        parent, "category", {"term": _clean(term), "scheme": scheme, "label": _clean(label)}
    )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
