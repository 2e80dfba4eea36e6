"""The HTML pages: the events list, one company's timeline, one event in its release."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from alerts.vocabulary import AGENCIES, MILESTONE_TYPES, SEVERITY, label_of, wire_name
from storage import events as event_store
from wirewatch.web.context import WebContext
from wirewatch.web.evidence import paragraphs
from wirewatch.web.filters import BadQuery, Query, company_names
from wirewatch.web.rows import Row, day, make_row, point_of
from wirewatch.web.timeline import layout

PAGE_LIMIT = 200


def events_page(request: Request) -> Response:
    web = WebContext.of(request)
    try:
        query = Query.parse(request.query_params)
    except BadQuery as exc:
        return web.error(request, 400, "Bad filter", str(exc))
    with web.reading() as session:
        found = event_store.find_events(
            session, query.event_filter(web.config, limit=PAGE_LIMIT + 1)
        )
        companies = event_store.event_companies(session)
    rows = [make_row(e, r) for e, r in found[:PAGE_LIMIT]]
    return web.render(
        request,
        "events.html",
        {
            "query": query,
            "rows": rows,
            "more": len(found) > PAGE_LIMIT,
            "limit": PAGE_LIMIT,
            **_filter_choices(companies),
        },
    )


def company_page(request: Request) -> Response:
    web = WebContext.of(request)
    name = " ".join(request.path_params["name"].split())
    names = company_names(web.config, name)
    with web.reading() as session:
        found = event_store.find_events(session, event_store.EventFilter(companies=names))
    if not found:
        return web.error(request, 404, "No such company", f"No milestone stored for {name}.")
    rows = [make_row(e, r) for e, r in found]
    charted = [row for row in rows if row.news]
    shown = rows[0].company or name
    return web.render(
        request,
        "company.html",
        {
            "company": shown,
            "rows": rows,
            "chart": layout([point_of(row) for row in charted]),
            "charted": len(charted),
            "legend": _legend(charted),
            "first": day(min(r.at for r in rows)),
            "last": day(max(r.at for r in rows)),
            "feed_query": Query(company=shown).encoded(),
        },
    )


def event_page(request: Request) -> Response:
    web = WebContext.of(request)
    event_id: int = request.path_params["event_id"]
    with web.reading() as session:
        found = event_store.event_with_release(session, event_id)
    if found is None:
        return web.error(request, 404, "No such event", f"No milestone event has id {event_id}.")
    event, release = found
    row = make_row(event, release)
    body, located = paragraphs(release.body or "", event.evidence)
    return web.render(
        request,
        "event.html",
        {
            "row": row,
            "event": event,
            "release": release,
            "paragraphs": body,
            "located": located,
            "published": day(release.published_at),
            "detected": day(event.detected_at),
            "wire": wire_name(release.source),
        },
    )


def _legend(rows: list[Row]) -> list[tuple[str, str]]:
    """One key per colour, most severe first (the designations share one colour)."""
    present = {row.severity for row in rows}
    return [(s, label_of(s)) for s in SEVERITY if s in present]


def _filter_choices(companies: list[str]) -> dict[str, Any]:
    return {
        "companies": companies,
        "types": [(t, label_of(t)) for t in MILESTONE_TYPES],
        "agencies": list(AGENCIES),
    }
