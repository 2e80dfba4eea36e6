"""`wirewatch serve [--host 127.0.0.1] [--port 8080]`: the read-only web view."""

from __future__ import annotations

import socket

import click

from wirewatch.app import App, CommandError
from wirewatch.web.security import is_loopback


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port, printed at start).",
)
@click.pass_obj
def command(app: App, host: str, port: int) -> None:
    """Serve the stored milestone history: pages, Atom feed, JSON API, health check."""
    import uvicorn

    from wirewatch.web.app import create_app

    token = app.config.web.token
    if not is_loopback(host) and not token:
        raise CommandError(
            f"serving on {host} (not loopback) requires web.token in the configuration "
            "(or $WIREWATCH_WEB_TOKEN); clients send it as Authorization: Bearer <token>",
            exit_code=2,
        )
    app.ready_database()
    sock = _bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    click.echo(f"wirewatch: serving http://{shown}:{bound_port}/ (Ctrl-C to stop)")
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(app.config, app.session_factory, token=token),
            log_config=None,  # uvicorn's records go to var/log/wirewatch.log like ours
            access_log=True,
            server_header=False,
            proxy_headers=False,
            lifespan="off",
        )
    )
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn stops gracefully, then re-raises the Ctrl-C it caught: that is a normal stop.
        click.echo("wirewatch: stopped")


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as exc:
        raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock
