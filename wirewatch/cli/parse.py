"""`wirewatch parse FILE_OR_URL [--url URL] [--json]`: one detail page and its milestones."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
from rich.markup import escape

from alerts.milestones.extract import extract
from alerts.milestones.model import Milestone, ReleaseText
from crawler.cleaning import canonical_company, company_aliases
from crawler.items import PressRelease
from crawler.parsing.errors import PageError
from crawler.sources.registry import source_of_url, wire_source
from storage.redaction import redact_secrets
from wirewatch.app import App, CommandError
from wirewatch.config import Config
from wirewatch.output import console


@click.command("parse")
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--url", "original_url", default=None, help="The page's original URL (for a file).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--explain", is_flag=True, help="Say why each event was judged so, and what was dropped."
)
@click.pass_obj
def command(app: App, source: str, original_url: str | None, as_json: bool, explain: bool) -> None:
    """Parse one saved (or fetched) detail page and show the release and its milestones."""
    config = app.config
    html, url = _load(source, original_url, config)
    try:
        wire = source_of_url(url)
        release = wire_source(wire).parse_detail(html, url, None)
        release.source = wire
    except PageError as exc:
        raise CommandError(f"{source}: {exc.health}: {exc}") from None
    aliases = company_aliases(c.model_dump() for c in config.company)
    release.company = canonical_company(aliases, release.company)
    data = release_json(release, explain=explain)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print(data)


def release_json(release: PressRelease, *, explain: bool = False) -> dict[str, Any]:
    extraction = extract(
        ReleaseText(
            id=release.release_id,
            title=release.title,
            body=release.body,
            subtitles=tuple(release.subtitles),
            published=release.published_at.isoformat() if release.published_at else None,
            company=release.company,
            dateline=release.dateline_city,
        )
    )
    data = asdict(release)
    out = {
        "source": data["source"],
        "release_id": data["release_id"],
        "url": data["url"],
        "title": data["title"],
        "subtitles": data["subtitles"],
        "published_at": release.published_at.isoformat() if release.published_at else None,
        "company": data["company"],
        "company_slug": data["company_slug"],
        "dateline_city": data["dateline_city"],
        "body": data["body"],
        "tickers": data["tickers"],
        "tags": data["tags"],
        "also_from_source": data["also_from_source"],
        "template": data["template"],
        "milestones": [_milestone(m, with_novelty=False) for m in extraction.milestones],
        "mentions": [_milestone(m, with_novelty=True) for m in extraction.mentions],
    }
    if explain:
        for key, events in (
            ("milestones", extraction.milestones),
            ("mentions", extraction.mentions),
            ("dropped", extraction.dropped),
        ):
            out[key] = [
                {**_milestone(m, with_novelty=key == "mentions"), "explain": m.explain}
                for m in events
            ]
    if extraction.capped:
        out["capped"] = True
    return out


def _milestone(m: Milestone, *, with_novelty: bool) -> dict[str, Any]:
    out = {
        "type": m.type,
        "agency": m.agency,
        "product": m.product,
        "indication": m.indication,
        "phase": m.phase,
        "status": m.status,
    }
    if with_novelty:
        out["novelty"] = m.novelty
    out["evidence"] = m.evidence
    return out


def _load(source: str, original_url: str | None, config: Config) -> tuple[bytes, str]:
    if urlsplit(source).scheme in ("http", "https"):
        return _fetch(source, config), source
    path = Path(source)
    try:
        html = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {source}: {exc.strerror or exc}", exit_code=2) from None
    url = original_url or f"https://www.prnewswire.com/news-releases/{path.stem}.html"
    return html, url


def _fetch(url: str, config: Config) -> bytes:
    agent = config.source.prnewswire.user_agent
    parts = urlsplit(url)
    robots = urllib.robotparser.RobotFileParser(f"{parts.scheme}://{parts.netloc}/robots.txt")
    try:
        robots.read()
    except (urllib.error.URLError, OSError) as exc:
        # Not a robots.txt verdict: the site cannot be reached at all.
        raise CommandError(f"{url}: cannot reach the site: {_reason(exc)}") from None
    if not robots.mtime() and not getattr(robots, "disallow_all", False):
        robots.parse([])  # a robots.txt the server fails to serve (5xx) restricts nothing
    if not robots.can_fetch(agent, url):
        raise CommandError(f"{url}: disallowed by the site's robots.txt", exit_code=2)
    request = urllib.request.Request(url, headers={"User-Agent": agent})  # noqa: S310 (http(s) checked)
    opener = urllib.request.build_opener(_SameOriginRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        raise CommandError(f"{url}: HTTP {exc.code}{_off_site(exc)}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise CommandError(f"{url}: {_reason(exc)}") from None


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port (never file://, never away)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            fp.close()
            raise urllib.error.HTTPError(newurl, code, "off-site redirect", headers, None)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _off_site(exc: urllib.error.HTTPError) -> str:
    if exc.msg == "off-site redirect":
        return f": redirected off the site to {redact_secrets(str(exc.filename))[:200]}, refused"
    return ""


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "reason", None) or exc)


def _print(data: dict[str, Any]) -> None:
    # Scraped text is data, never Rich markup (`[/]` in a headline crashed this, red-team M5).
    e = escape
    console.print(f"[bold]{e(str(data['title']))}[/]")
    for subtitle in data["subtitles"]:
        console.print(f"  {e(subtitle)}")
    console.print(
        e(
            f"{data['company']} · {data['dateline_city']} · {data['published_at']} · "
            f"release {data['release_id']}\n{data['url']}"
        )
    )
    if not data["milestones"] and not data["mentions"]:
        console.print("no regulatory milestone")
    for m in data["milestones"]:
        console.print(f"[green]NEW[/] {e(_line(m))}\n    “{e(str(m['evidence']))}”")
        _print_why(m)
    for m in data["mentions"]:
        console.print(f"[dim]{e(str(m['novelty']))}[/] {e(_line(m))}")
        _print_why(m)
    for m in data.get("dropped", []):
        console.print(f"[red]dropped[/] {e(_line(m))}\n    “{e(str(m['evidence']))}”")
        _print_why(m)


def _print_why(m: dict[str, Any]) -> None:
    why = m.get("explain")
    if why:
        console.print(
            f"    why: {why['rule']} (trigger “{why['trigger']}”, {why['sentence_role']})",
            markup=False,
        )


def _line(m: dict[str, Any]) -> str:
    parts = [m["type"], m["agency"] or "?", m["product"] or "", m["indication"] or ""]
    return " · ".join(p for p in parts if p)
