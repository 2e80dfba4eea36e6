"""`wirewatch` command line: one module per command, errors as one line, fixed exit codes."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from typing import Any

import click

from wirewatch.app import App, CommandError
from wirewatch.config import ConfigError

logger = logging.getLogger("wirewatch.cli")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 75


COMMANDS = {
    "db": "wirewatch.cli.db",
    "crawl": "wirewatch.cli.crawl",
    "backfill": "wirewatch.cli.backfill",
    "analyse": "wirewatch.cli.analyse",
    "digest": "wirewatch.cli.digest",
    "run": "wirewatch.cli.run",
    "status": "wirewatch.cli.status",
    "parse": "wirewatch.cli.parse",
    "extract": "wirewatch.cli.extract",
    "events": "wirewatch.cli.events",
    "demo": "wirewatch.cli.demo",
    "feed": "wirewatch.cli.feed",
    "serve": "wirewatch.cli.serve",
}


class WirewatchGroup(click.Group):
    """Loads each command's module on use (a health check must not import Scrapy), and turns
    every failure into one line on stderr and an exit code; details go to the log."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, module in COMMANDS.items() if importlib.util.find_spec(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None or importlib.util.find_spec(module) is None:
            return None
        command: click.Command = importlib.import_module(module).command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except ConfigError as exc:
            _fail(str(exc), EXIT_USAGE)
        except CommandError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except Exception as exc:
            logger.exception("command failed")
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            _fail(f"{type(exc).__name__}: {first} (details in var/log/wirewatch.log)", EXIT_FAILED)
        finally:
            app = ctx.obj
            if isinstance(app, App):
                app.close()


def _fail(message: str, code: int) -> None:
    click.echo(f"wirewatch: {message}", err=True)
    sys.exit(code)


@click.group(cls=WirewatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML file (else $WIREWATCH_CONFIG, else ./wirewatch.toml, else built-in defaults).",
)
@click.version_option(package_name="wirewatch")
@click.pass_context
def cli(ctx: click.Context, config_file: str | None) -> None:
    """Watch PR Newswire for new regulatory milestones and e-mail digests."""
    ctx.obj = App(config_file)


def main() -> None:
    cli(prog_name="wirewatch")
