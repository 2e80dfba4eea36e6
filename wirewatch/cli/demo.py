"""`wirewatch demo`: the loopback replica, two crawls, analysis, a digest preview, delivery.

Delivery goes to every channel: e-mail as .eml files in var/outbox/ (or your [smtp] url), and a
Slack and a webhook subscriber added for the demo, posting to a loopback receiver that stands in
for Slack and for your webhook endpoint (it checks the signature and keeps what it received in
var/demo/received/).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from wirewatch.app import App
from wirewatch.config import load_config
from wirewatch.demo import FINANCING_BODY, FINANCING_TITLE, IND_BODY, IND_TITLE
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


@click.command("demo")
@click.option("--releases", default=300, show_default=True, help="Releases on the replica.")
@click.option("--keep-running", is_flag=True, help="Keep the replica up until Ctrl-C.")
@click.pass_obj
def command(app: App, releases: int, keep_running: bool) -> None:
    """Run a full cycle against the bundled loopback replica (no internet)."""
    from wirewatch.receiver import Receiver
    from wirewatch.replica import Replica

    base = load_config(app.config_file)
    state = Path(base.daemon.state_dir)
    received = state / "demo" / "received"
    shutil.rmtree(received, ignore_errors=True)
    with Replica(releases=releases, seed=2025) as replica, Receiver(save_to=received) as hooks:
        console.print(
            f"[bold]1.[/] replica of PR Newswire on {replica.base_url} ({releases} releases); "
            f"a stand-in for Slack and a webhook endpoint on {hooks.base_url}"
        )
        hooks.expect_secret(WEBHOOK_PATH, DEMO_SECRET)
        demo = _demo_app(
            app, replica.base_url, state, hooks.url(SLACK_PATH), hooks.url(WEBHOOK_PATH)
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
        console.print("[bold]3.[/] the replica publishes two fresh XellSmart releases; crawl again")
        second = crawl_once(demo, None)
        _show_events(demo)
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
            console.print(f"replica stays up on {replica.base_url}; Ctrl-C to stop")
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    if first.unhealthy or second.unhealthy:
        exit_with(second)


def _demo_app(app: App, base_url: str, state: Path, slack_url: str, webhook_url: str) -> App:
    """The configured (or built-in) watches and subscribers, pointed at the replica, plus a
    Slack and a webhook subscriber posting to the loopback receiver."""
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
    config_path = directory / "wirewatch.toml"
    config_path.write_text("\n".join(lines), encoding="utf-8")
    os.environ["WIREWATCH_PRNEWSWIRE_BASE_URL"] = base_url
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
        f"[bold]7.[/] the stand-in received {len(posts) - len(signed)} Slack message(s) and "
        f"{len(signed)} webhook post(s), "
        f"{sum(1 for p in signed if p.signature_ok)} with a valid signature: {received}/"
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
    console.print("[bold]5.[/] digest preview (`wirewatch digest --preview DIR --now`)")
    planned = mailer.cycle(now, force_due=True, compose=False, send=False)
    preview.mkdir(parents=True, exist_ok=True)
    _show(mailer, planned, preview, now)
    console.print("[bold]6.[/] send (`wirewatch digest --now`): " + escape(mailer.describe()))
    for line in mailer.cycle(now, force_due=True, force_send=True).lines():
        console.print(f"   {escape(line)}")
