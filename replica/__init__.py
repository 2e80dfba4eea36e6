"""A loopback replica of PR Newswire, GlobeNewswire and Business Wire for tests, the demo and
benchmarks (synthetic content). Its own top-level package: nothing of wirewatch imports it
but the demo."""

from replica.server import Replica, RequestRecord

__all__ = ["Replica", "RequestRecord"]
