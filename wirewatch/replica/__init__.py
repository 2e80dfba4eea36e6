"""A loopback replica of PR Newswire for tests, the demo and benchmarks (synthetic content)."""

from wirewatch.replica.server import Replica, RequestRecord

__all__ = ["Replica", "RequestRecord"]
