"""A backfill spread over several worker processes (`wirewatch backfill --workers N`).

The engine is scrapy-redis: every worker runs the ordinary `prnewswire` spider with the shared
Redis scheduler queue and request dupefilter (`scheduler.SharedScheduler`, a thin adapter for
Scrapy 2.19), one politeness budget across all workers (`politeness`), and reports its share of
the run to the coordinator in `wirewatch.distributed` (`worker_summary`). This package imports
nothing heavy at the top: `keys` is read by the coordinator, which never imports Scrapy.
"""
