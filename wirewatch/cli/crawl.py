"""`wirewatch crawl [--watch NAME]`: one incremental crawl of every enabled watch, then analysis."""

from __future__ import annotations

import click

from wirewatch.app import App, CommandError
from wirewatch.crawling import CrawlOutcome, crawl_settings, record_unrecorded, run_crawl
from wirewatch.output import print_crawl_summary


@click.command("crawl")
@click.option("--watch", "watch_name", default=None, help="Crawl only this watch.")
@click.pass_obj
def command(app: App, watch_name: str | None) -> None:
    """Crawl every enabled watch once (or just --watch NAME) and analyse what is new."""
    outcome = crawl_once(app, watch_name)
    exit_with(outcome)


def crawl_once(app: App, watch_name: str | None) -> CrawlOutcome:
    config = app.config
    watches = [config.watch_named(watch_name)] if watch_name else config.enabled_watches
    if not watches:
        raise CommandError("no enabled watch in the configuration", exit_code=2)
    app.ready_database()
    settings = crawl_settings(config, watches, log_file=app.state_dir / "log" / "crawl.log")
    outcome = run_crawl(settings, config.daemon.state_dir)
    record_unrecorded(app.session_factory, outcome, watches, "incremental")
    print_crawl_summary(outcome)
    if outcome.watches and not outcome.error:
        # After a database failure the analysis would fail the same way; the next crawl
        # analyses whatever this one stored.
        from wirewatch.analysis import analyse_pending

        report = analyse_pending(app, send=False, mode="crawl")
        click.echo(report.describe())
    return outcome


def exit_with(outcome: CrawlOutcome) -> None:
    for line in outcome.lines():
        click.echo(f"wirewatch: {line}", err=True)
    if outcome.locked and not outcome.watches:
        raise SystemExit(75)
    if outcome.failed:
        raise SystemExit(1)
