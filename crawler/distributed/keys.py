"""The Redis keys of one distributed backfill run, shared by the coordinator and its workers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunKeys:
    """Keys under `wirewatch:backfill:<run>:`; a run id is fresh for every backfill."""

    run: str

    @property
    def prefix(self) -> str:
        return f"wirewatch:backfill:{self.run}"

    @property
    def queue(self) -> str:
        """scrapy-redis's request queue (a sorted set: the priority queue)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """scrapy-redis's set of request fingerprints: no request is made twice."""
        return f"{self.prefix}:dupefilter"

    @property
    def busy(self) -> str:
        """Ids of the workers that may hold a request in flight."""
        return f"{self.prefix}:busy"

    @property
    def started(self) -> str:
        """Ids of the workers whose start requests are all queued (or who died)."""
        return f"{self.prefix}:started"

    @property
    def workers(self) -> str:
        """How many workers the run has."""
        return f"{self.prefix}:workers"

    @property
    def slot(self) -> str:
        """The politeness lease: while it exists, no worker may send a request."""
        return f"{self.prefix}:slot"

    def all(self) -> list[str]:
        return [self.queue, self.dupefilter, self.busy, self.started, self.workers, self.slot]
