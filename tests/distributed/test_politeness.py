"""SharedDelayMiddleware: one download_delay across workers, on a real redis-server."""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from types import SimpleNamespace

import redis
from scrapy.http import Request
from scrapy.settings import Settings

from crawler.distributed.keys import RunKeys
from crawler.distributed.politeness import SharedDelayMiddleware


def worker(redis_url: str, run: str, number: int, delay: float) -> SharedDelayMiddleware:
    settings = Settings(
        {
            "WIREWATCH_SHARED_DELAY": delay,
            "WIREWATCH_RUN_ID": run,
            "WIREWATCH_WORKER": number,
            "REDIS_URL": redis_url,
        }
    )
    return SharedDelayMiddleware(SimpleNamespace(settings=settings))  # type: ignore[arg-type]


def request_times(middlewares: list[SharedDelayMiddleware], each: int) -> list[float]:
    sent: list[float] = []

    async def send(middleware: SharedDelayMiddleware) -> None:
        for _ in range(each):
            await middleware.process_request(Request("http://127.0.0.1/"))
            sent.append(time.monotonic())

    async def all_workers() -> None:
        await asyncio.gather(*(send(m) for m in middlewares))

    asyncio.run(all_workers())
    return sorted(sent)


def granted_leases(middleware: SharedDelayMiddleware, leases: list[tuple[float, float]]) -> None:
    """Record (just before, just after) each SET that took the lease.

    Redis grants a lease somewhere inside that interval, so the true gap between two grants is
    at most `later.after - earlier.before`: a bound that a busy machine can only widen, never
    shrink (client-side times taken after the reply are not: a reply read late looks like an
    early next grant).
    """
    take = middleware.server.set

    def recorded(*args: object, **kwargs: object) -> object:
        before = time.monotonic()
        taken = take(*args, **kwargs)  # type: ignore[arg-type]
        if taken:
            leases.append((before, time.monotonic()))
        return taken

    middleware.server.set = recorded  # type: ignore[method-assign]


def test_three_workers_together_send_no_faster_than_one_download_delay(redis_url: str) -> None:
    run = uuid.uuid4().hex
    middlewares = [worker(redis_url, run, n, delay=0.05) for n in range(3)]
    leases: list[tuple[float, float]] = []
    for middleware in middlewares:
        granted_leases(middleware, leases)
    sent = request_times(middlewares, each=4)
    assert len(sent) == len(leases) == 12
    leases.sort()
    widest_gaps = [later[1] - earlier[0] for earlier, later in itertools.pairwise(leases)]
    # The lease expires on Redis's millisecond clock; allow a millisecond of rounding.
    assert min(widest_gaps) >= 0.049
    assert leases[-1][1] - leases[0][0] >= 11 * 0.049
    redis.Redis.from_url(redis_url).delete(RunKeys(run).slot)


def test_a_zero_delay_takes_no_lease(redis_url: str) -> None:
    run = uuid.uuid4().hex
    sent = request_times([worker(redis_url, run, n, delay=0) for n in range(2)], each=20)
    assert sent[-1] - sent[0] < 0.5
    assert not redis.Redis.from_url(redis_url).exists(RunKeys(run).slot)
