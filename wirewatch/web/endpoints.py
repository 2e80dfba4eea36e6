"""The machine-readable endpoints: `/feed.atom`, `/api/events` and `/healthz`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from storage import events as event_store
from wirewatch.cli.events import event_json
from wirewatch.status import gather
from wirewatch.web.context import WebContext
from wirewatch.web.feed import atom_feed
from wirewatch.web.filters import BadQuery, Query

logger = logging.getLogger(__name__)

API_LIMIT = 1000
API_MAX = 10_000
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def feed(request: Request) -> Response:
    web = WebContext.of(request)
    try:
        query = Query.parse(request.query_params)
    except BadQuery as exc:
        return Response(f"{exc}\n", status_code=400, media_type="text/plain")
    base = str(request.base_url).rstrip("/")
    with web.reading() as session:
        body = atom_feed(session, web.config, query, datetime.now(UTC), base)
    return Response(body, media_type=ATOM_TYPE)


def api_events(request: Request) -> Response:
    """The `wirewatch events --json` shape, the same filters, newest first, `limit` rows."""
    web = WebContext.of(request)
    try:
        query = Query.parse(request.query_params)
        limit = _limit(request.query_params.get("limit"))
    except BadQuery as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    with web.reading() as session:
        rows = event_store.find_events(session, query.event_filter(web.config, limit=limit))
        return JSONResponse([event_json(event, release) for event, release in rows])


def healthz(request: Request) -> Response:
    """200 when `wirewatch status --check` would exit 0 (a live daemon heartbeat), else 503."""
    web = WebContext.of(request)
    now = datetime.now(UTC)
    try:
        with web.reading() as session:
            status = gather(session, web.config, now)
    except SQLAlchemyError as exc:
        logger.warning("healthz: database unavailable: %s", exc)
        return JSONResponse({"status": "database unavailable", "heartbeat_at": None}, 503)
    alive = status.daemon_alive(now)
    return JSONResponse(
        {
            "status": "ok" if alive else "daemon heartbeat is stale",
            "heartbeat_at": status.heartbeat_at.isoformat() if status.heartbeat_at else None,
        },
        status_code=200 if alive else 503,
    )


def _limit(value: str | None) -> int:
    if value is None or value == "":
        return API_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= API_MAX:
        raise BadQuery(f"limit: must be a whole number from 1 to {API_MAX}")
    return int(value)
