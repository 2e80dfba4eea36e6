"""`wirewatch analyse [--all] [--send]`: run the current analyser over stored releases."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from alerts.analyse import ANALYSER_VERSION, AnalysisReport, Policy
from alerts.milestones.model import Extraction
from storage import releases
from storage.session import read_only
from wirewatch.analysis import analyse_pending
from wirewatch.app import App

PARALLEL_FROM = 400  # releases to analyse before extraction is spread over processes


@click.command("analyse")
@click.option("--all", "everything", is_flag=True, help="Re-analyse every stored release.")
@click.option("--send", is_flag=True, help="Events found may be mailed (else they are baseline).")
@click.pass_obj
def command(app: App, everything: bool, send: bool) -> None:
    """Analyse releases the current analyser has not seen yet (or --all of them).

    Re-analysis updates events in place: nothing already reported is reported again. Without
    --send, events it finds are baseline (stored, shown by `events`, never mailed).
    """
    app.ready_database()
    report = analyse_with_progress(
        app, send=send, everything=everything, processes=os.cpu_count() or 1
    )
    click.echo(report.describe())


def analyse_with_progress(
    app: App,
    *,
    send: bool,
    everything: bool = False,
    mode: str | None = None,
    policy: Policy | None = None,
    report: AnalysisReport | None = None,
    processes: int = 1,
    ahead: Mapping[str, Extraction] | None = None,
) -> AnalysisReport:
    """`analyse_pending` with a progress bar on a terminal (a backfill's analysis of thousands
    of releases takes a while: ~2.5 ms each, on one core)."""
    with read_only(app.session_factory) as session:
        total = releases.count_to_analyse(session, ANALYSER_VERSION, everything=everything)
    with Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        transient=True, disable=not sys.stdout.isatty(),
    ) as progress:  # fmt: skip
        task = progress.add_task("analyse", total=total or None)
        return analyse_pending(
            app, send=send, everything=everything, mode=mode, policy=policy, report=report,
            processes=processes if (total or 0) >= PARALLEL_FROM else 1,
            progress=lambda n: progress.advance(task, n), ahead=ahead,
        )  # fmt: skip
