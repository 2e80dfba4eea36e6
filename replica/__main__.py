"""`python -m replica`: serve the replica until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from replica.server import Replica


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m replica", description="Serve the PR Newswire replica."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        replica = Replica(args.releases, args.seed, args.host, args.port)
        url = replica.start()
    except ValueError as exc:
        print(f"replica: bad option: {exc}", file=sys.stderr, flush=True)
        return 2
    except OSError as exc:
        print(f"replica: cannot start: {exc}", file=sys.stderr, flush=True)
        return 1
    print(f"replica listening on {url}", flush=True)
    try:
        while not stop.wait(0.2):
            pass
    finally:
        replica.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
