"""`wirewatch demo`: the loopback replicas (PR Newswire, GlobeNewswire, Business Wire), two
crawls, analysis, a cross-wire copy folded, a digest preview, delivery.

Delivery goes to every channel: e-mail as .eml files in var/outbox/ (or your [smtp] url), and a
Slack and a webhook subscriber added for the demo, posting to a loopback receiver that stands in
for Slack and for your webhook endpoint (it checks the signature and keeps what it received in
var/demo/received/).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from wirewatch.app import App
from wirewatch.config import load_config
from wirewatch.demo import (
    FINANCING_BODY,
    FINANCING_TITLE,
    IND_BODY,
    IND_TITLE,
    ORPHAN_BODY,
    ORPHAN_TITLE,
    RMAT_BODY,
    RMAT_TITLE,
    WIRE_WATCHES,
)
from wirewatch.output import console

SLACK_PATH = "/services/DEMO/SLACK/stand-in"
WEBHOOK_PATH = "/webhooks/demo"
DEMO_SECRET = "demo-secret-not-for-production"  # noqa: S105 (the demo receiver's, published)
DEMO_SUBSCRIBERS = """
[[subscriber]]                    # added by `wirewatch demo`: a Slack channel (stand-in)
slack = "{slack}"
name = "demo-slack"
digest = "daily 08:00 Asia/Shanghai"
immediate = ["approval", "crl", "clinical_hold", "ind_clearance"]

[[subscriber]]                    # added by `wirewatch demo`: a signed webhook (stand-in)
webhook = "{webhook}"
webhook_secret = "{secret}"
name = "demo-webhook"
digest = "daily 08:00 Asia/Shanghai"
immediate = ["approval", "crl", "clinical_hold", "ind_clearance"]
"""


@dataclass(frozen=True)
class DemoUrls:
    """Where each wire's replica listens."""

    prnewswire: str
    globenewswire: str
    businesswire: str


@click.command("demo")
@click.option("--releases", default=300, show_default=True, help="Releases on the replica.")
@click.option("--keep-running", is_flag=True, help="Keep the replica up until Ctrl-C.")
@click.pass_obj
def command(app: App, releases: int, keep_running: bool) -> None:
    """Run a full cycle against the bundled loopback replica (no internet)."""
    from replica import Replica
    from wirewatch.receiver import Receiver

    base = load_config(app.config_file)
    state = Path(base.daemon.state_dir)
    received = state / "demo" / "received"
    shutil.rmtree(received, ignore_errors=True)
    # GlobeNewswire's replica carries PR Newswire's releases (the same seed): each of its
    # releases is a cross-wire copy. Business Wire's has releases of its own.
    with (
        Replica(releases=releases, seed=2025) as replica,
        Replica(releases=releases // 3, seed=2025, wire="globenewswire") as gnw,
        Replica(releases=releases // 3, seed=2026, wire="businesswire") as bw,
        Receiver(save_to=received) as hooks,
    ):
        console.print(
            f"[bold]1.[/] replicas (synthetic) of PR Newswire on {replica.base_url} "
            f"({releases} releases), GlobeNewswire on {gnw.base_url}, Business Wire on "
            f"{bw.base_url}; a stand-in for Slack and a webhook endpoint on {hooks.base_url}"
        )
        hooks.expect_secret(WEBHOOK_PATH, DEMO_SECRET)
        demo = _demo_app(
            app,
            DemoUrls(replica.base_url, gnw.base_url, bw.base_url),
            state,
            hooks.url(SLACK_PATH),
            hooks.url(WEBHOOK_PATH),
        )
        from wirewatch.cli.crawl import crawl_once, exit_with

        demo.upgrade()
        console.print("[bold]2.[/] first crawl: every watch reads its first listing page")
        first = crawl_once(demo, None)
        console.print(
            "   (releases older than 24 h before a watch's first crawl are baseline: stored, never mailed)"
        )
        replica.publish(1, company="xellsmart", title=IND_TITLE, body=IND_BODY)
        replica.publish(1, company="xellsmart", title=FINANCING_TITLE, body=FINANCING_BODY)
        gnw.publish(1, company="xellsmart", title=IND_TITLE, body=IND_BODY)
        gnw.publish(1, company="xellsmart", title=RMAT_TITLE, body=RMAT_BODY)
        bw.publish(1, company="xellsmart", title=ORPHAN_TITLE, body=ORPHAN_BODY)
        console.print(
            "[bold]3.[/] fresh XellSmart news: an IND clearance on PR Newswire and, the same "
            "text, on GlobeNewswire; an RMAT designation on GlobeNewswire; an orphan drug "
            "designation on Business Wire. Crawl again"
        )
        second = crawl_once(demo, None)
        _show_events(demo)
        _show_copies(demo)
        preview = state / "demo" / "preview"
        _mail(demo, preview)
        _show_received(hooks, received)
        console.print(
            f"\n[bold]Where to look[/]\n  database  {demo.database_label}\n"
            f"  previews  {preview}/ (.html .txt .eml, .slack.json .webhook.json)\n"
            f"  outbox    {state / 'outbox'}/ (e-mail)\n  received  {received}/ (Slack, webhook)\n"
            f"  logs      {state / 'log'}/\n  try       WIREWATCH_DATABASE_URL="
            f"{os.environ['WIREWATCH_DATABASE_URL']} .venv/bin/wirewatch events"
        )
        if keep_running:
            console.print(f"replicas stay up on {replica.base_url}; Ctrl-C to stop")
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    if first.unhealthy or second.unhealthy:
        exit_with(second)


def _demo_app(app: App, urls: DemoUrls, state: Path, slack_url: str, webhook_url: str) -> App:
    """The configured (or built-in) PR Newswire watches and subscribers, pointed at the
    replica; the other wires' watches replaced by the demo's (the replicas' companies are
    synthetic); plus a Slack and a webhook subscriber posting to the loopback receiver."""
    directory = state / "demo"
    directory.mkdir(parents=True, exist_ok=True)
    source = app.config_file or os.environ.get("WIREWATCH_CONFIG")
    lines = []
    if source and Path(source).exists():
        lines.append(Path(source).read_text(encoding="utf-8"))
    else:
        from importlib import resources

        lines.append(resources.files("wirewatch").joinpath("default.toml").read_text("utf-8"))
    lines.append(DEMO_SUBSCRIBERS.format(slack=slack_url, webhook=webhook_url, secret=DEMO_SECRET))
    text = _without_other_wires("\n".join(lines))
    text += WIRE_WATCHES + (
        f'\n[source.globenewswire]\nbase_url = "{urls.globenewswire}"\n'
        f'\n[source.businesswire]\nbase_url = "{urls.businesswire}"\n'
        f'feed_url = "{urls.businesswire}"\n'
    )
    config_path = directory / "wirewatch.toml"
    config_path.write_text(text, encoding="utf-8")
    os.environ["WIREWATCH_PRNEWSWIRE_BASE_URL"] = urls.prnewswire
    os.environ["WIREWATCH_DATABASE_URL"] = f"sqlite:///{(directory / 'wirewatch.db').resolve()}"
    # Fast and polite enough for a loopback server: no delay, no AutoThrottle.
    os.environ["WIREWATCH_SCRAPY_SETTINGS"] = json.dumps(
        {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY_JITTER": 0}
    )
    for old in directory.glob("wirewatch.db*"):
        old.unlink()
    return App(str(config_path))


def _show_received(hooks: Any, received: Path) -> None:
    posts = hooks.received()
    signed = [p for p in posts if p.path == WEBHOOK_PATH]
    console.print(
        f"[bold]8.[/] the stand-in received {len(posts) - len(signed)} Slack message(s) and "
        f"{len(signed)} webhook post(s), "
        f"{sum(1 for p in signed if p.signature_ok)} with a valid signature: {received}/"
    )


def _without_other_wires(text: str) -> str:
    """The TOML text less its GlobeNewswire/Business Wire watches and source tables (blocks
    separated by blank lines, as in the built-in configuration)."""
    kept = []
    for block in text.split("\n\n"):
        body = "\n".join(
            line for line in block.strip().splitlines() if not line.startswith("#")
        ).strip()
        other = 'source = "globenewswire"' in body or 'source = "businesswire"' in body
        if (body.startswith("[[watch]]") and other) or body.startswith(
            ("[source.globenewswire]", "[source.businesswire]")
        ):
            continue
        kept.append(block)
    return "\n\n".join(kept)


def _show_copies(app: App) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import aliased

    from storage.models import Release

    original = aliased(Release)
    with app.session_factory() as session:
        stmt = (
            select(Release, original)
            .join(original, Release.duplicate_of == original.id)
            .where(Release.source != original.source)
            .order_by(Release.id.desc())
        )
        rows = session.execute(stmt).all()
    console.print(
        f"[bold]5.[/] cross-wire copies folded: {len(rows)} release(s) stored as a duplicate "
        "of the same text on another wire (never alerted again), e.g."
    )
    for copy, first in rows[:3]:
        console.print(
            f"   {copy.source} {copy.release_id} = {first.source} {first.release_id}: "
            f"{copy.title[:70]}"
        )


def _show_events(app: App) -> None:
    from storage import events as event_store
    from wirewatch.cli.events import _table, event_json

    with app.session_factory() as session:
        rows = [event_json(e, r) for e, r in event_store.list_events(session, limit=8)]
    console.print("[bold]4.[/] newest milestone events (`wirewatch events`)")
    _table(rows)


def _mail(app: App, preview: Path) -> None:
    """Preview every due message, then send them: to var/outbox/ as .eml without SMTP."""
    from datetime import UTC, datetime

    from wirewatch.cli.digest import _show
    from wirewatch.mailing import mailer_for

    mailer = mailer_for(app)
    now = datetime.now(UTC)
    console.print("[bold]6.[/] digest preview (`wirewatch digest --preview DIR --now`)")
    planned = mailer.cycle(now, force_due=True, compose=False, send=False)
    preview.mkdir(parents=True, exist_ok=True)
    _show(mailer, planned, preview, now)
    console.print("[bold]7.[/] send (`wirewatch digest --now`): " + escape(mailer.describe()))
    for line in mailer.cycle(now, force_due=True, force_send=True).lines():
        console.print(f"   {escape(line)}")
