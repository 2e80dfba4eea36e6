"""The Starlette application of `wirewatch serve`: read-only, no JavaScript anywhere."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from wirewatch.config import Config
from wirewatch.web import endpoints, pages
from wirewatch.web.context import WebContext, template_environment
from wirewatch.web.security import BearerToken, SecurityHeaders


def create_app(
    config: Config, session_factory: sessionmaker[Session], *, token: str | None = None
) -> Starlette:
    """The web view; with `token`, every data path needs `Authorization: Bearer <token>`."""
    static = Path(str(resources.files("wirewatch.web").joinpath("static")))
    app = Starlette(
        routes=[
            Route("/", pages.events_page, name="events"),
            Route("/companies/{name:path}", pages.company_page, name="company"),
            Route("/events/{event_id:int}", pages.event_page, name="event"),
            Route("/feed.atom", endpoints.feed, name="feed"),
            Route("/api/events", endpoints.api_events, name="api_events"),
            Route("/healthz", endpoints.healthz, name="healthz"),
            Mount("/static", StaticFiles(directory=static), name="static"),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    templates = Jinja2Templates(env=template_environment())
    app.state.web = WebContext(config, session_factory, templates)
    if token:
        app.add_middleware(BearerToken, token=token)
    app.add_middleware(SecurityHeaders)
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {404: "Not found", 405: "Method not allowed"}
    return WebContext.of(request).error(
        request, exc.status_code, titles.get(exc.status_code, "Error"), exc.detail
    )
