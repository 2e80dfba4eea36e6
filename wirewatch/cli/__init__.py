"""`wirewatch` command line: one module per command, errors as one line, fixed exit codes."""

from __future__ import annotations

import _thread
import contextlib
import importlib
import importlib.util
import logging
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, NoReturn

import click

from wirewatch.app import App, CommandError, log_file
from wirewatch.config import ConfigError

logger = logging.getLogger("wirewatch.cli")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 75
INTERRUPT_AGAIN_AFTER = 0.01  # seconds: see _interrupt_again


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

    _context: click.Context | None = None  # the root context of the current run

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
        finally:
            app = ctx.obj
            if isinstance(app, App):
                app.close()

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:  # fmt: skip
        ctx = super().make_context(info_name, args, parent, **extra)
        self._context = ctx
        return ctx

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Every run (the console script and CliRunner alike) goes through `handle_errors`."""
        kwargs["standalone_mode"] = False
        self._context = None

        def run() -> Any:
            return super(WirewatchGroup, self).main(*args, **kwargs)

        def app() -> App | None:
            obj = self._context.obj if self._context is not None else None
            return obj if isinstance(obj, App) else None

        handle_errors(run, app)


def _fail(message: str, code: int) -> None:
    with contextlib.suppress(OSError):  # stderr gone too: the exit code is all that is left
        click.echo(f"wirewatch: {message}", err=True)
    sys.exit(code)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _log_failure(app: App | None) -> str:
    """Log the exception with its traceback, to the log file only; say where it went.

    Before the configuration was loaded (or for `extract`, which needs none) there is no log
    yet: set it up from the configuration if that loads, else the traceback goes nowhere rather
    than to the terminal (Python's last-resort handler printed it there, red-team M3)."""
    if log_file() is None and app is not None:
        try:
            _ = app.config  # loads the configuration and sets up logging
        except Exception:  # noqa: BLE001 -- the original failure is what we report
            logger.debug("no log: the configuration does not load")
    path = log_file()
    if path is None:
        return "no log written"
    logger.error("command failed", exc_info=sys.exc_info())
    return f"details in {path}"


def handle_errors(run: Callable[[], Any], app_of: Callable[[], App | None]) -> NoReturn:
    """The single entry point for failures, before and after logging is set up: bad usage and
    configuration → one line, exit 2; a known failure → its line and code; anything else → one
    line naming the exception and the real log path, exit 1. Never a traceback."""
    previous = sys.unraisablehook
    sys.unraisablehook = partial(_interrupt_again, previous)
    try:
        _handle_errors(run, app_of)
    finally:
        sys.unraisablehook = previous


def _handle_errors(run: Callable[[], Any], app_of: Callable[[], App | None]) -> NoReturn:
    try:
        code = run()
        if isinstance(code, int) and code:  # click.exceptions.Exit, returned in this mode
            _flush_stdout()
            sys.exit(code)
    except SystemExit as exc:
        _flush_stdout()
        raise SystemExit(exc.code) from None
    except click.exceptions.Exit as exc:
        _flush_stdout()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        _fail(str(exc), EXIT_USAGE)
    except CommandError as exc:
        _fail(str(exc), exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _fail("interrupted", 130)
    except click.ClickException as exc:
        with contextlib.suppress(OSError):
            exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        _fail("the output was closed before everything was written", EXIT_FAILED)
    except Exception as exc:  # noqa: BLE001 -- the one place every other failure ends up
        _fail(f"{type(exc).__name__}: {_first_line(exc)} ({_log_failure(app_of())})", EXIT_FAILED)
    _flush_stdout()
    sys.exit(EXIT_OK)


def _interrupt_again(previous: Callable[[Any], object], unraisable: Any) -> None:
    """A Ctrl-C whose KeyboardInterrupt landed in a garbage-collection callback (SQLAlchemy has
    them) is printed by Python as "Exception ignored in …" with a traceback, and swallowed: the
    command would go on and exit 0. Raise it again in the main thread instead, silently: from
    another thread a moment later, since raised now it would land in this hook and be
    swallowed the same way (should it land in another callback, this runs again)."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        threading.Timer(INTERRUPT_AGAIN_AFTER, _thread.interrupt_main).start()
        return
    previous(unraisable)


def _flush_stdout() -> None:
    """Flush here, where a failure is still one line, not at interpreter exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Reading stopped early (`| head`): nothing more to say, and nothing to flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FAILED)
    except OSError as exc:
        _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_FAILED)


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
    # No handler until the log file is set up: Python's last resort would print tracebacks on
    # the terminal. The NullHandler stays silent; `setup_logging` adds the real one.
    logging.getLogger().addHandler(logging.NullHandler())
    try:
        cli(prog_name="wirewatch")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(EXIT_OK)


def _leave(code: int | str | None) -> NoReturn:
    """Exit as `sys.exit(code)` would, without tearing the interpreter down.

    Everything the command started is finished by now; what `sys.exit` adds is freeing every
    object and module one by one, ~0.15 s after a backfill (a fifth of its analysis). So the
    exit handlers run (log files flushed and closed, child processes reaped, temporary
    directories removed), then the streams are flushed and the process ends. A thread still
    running (none should be) gets the ordinary exit, which waits for it."""
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    alone = all(t.daemon or t is threading.main_thread() for t in threading.enumerate())
    if run_exit_handlers is None or not alone:
        sys.exit(code)
    if isinstance(code, str):
        with contextlib.suppress(OSError, ValueError):
            print(code, file=sys.stderr)
        code = EXIT_FAILED
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or EXIT_OK)
