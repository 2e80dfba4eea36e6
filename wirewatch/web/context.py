"""What every endpoint needs: the configuration, sessions and the templates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.templating import Jinja2Templates

from storage.session import read_only
from wirewatch.config import Config


def template_environment() -> Environment:
    return Environment(
        loader=PackageLoader("wirewatch.web", "templates"),
        autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(slots=True)
class WebContext:
    config: Config
    session_factory: sessionmaker[Session]
    templates: Jinja2Templates

    @staticmethod
    def of(request: Request) -> WebContext:
        web: WebContext = request.app.state.web
        return web

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Every page only reads: no write lock, so a crawl or the mailer never waits on it."""
        with read_only(self.session_factory) as session:
            yield session

    def render(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def error(self, request: Request, status: int, title: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return self.render(request, "error.html", {"title": title, "message": message}, status)
