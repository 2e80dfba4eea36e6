"""The replica's release store: lists, newsrooms and thread-safe publishing."""

from __future__ import annotations

import dataclasses
import threading
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from replica.companies import BY_SLUG
from replica.generator import generate, id_for, make_release, make_rng
from replica.model import Release, slugify


class Catalog:
    """Releases in publish order, indexed by id, category list and company newsroom."""

    def __init__(self, releases: int = 300, seed: int = 0) -> None:
        self._seed = seed
        self._initial = generate(releases, seed)
        self._lock = threading.RLock()
        self._releases: list[Release] = []
        self._by_id: dict[str, Release] = {}
        self._lists: dict[str, list[Release]] = defaultdict(list)
        self._rooms: dict[str, list[Release]] = defaultdict(list)
        self._published = 0
        self.generation = 0  # bumped by every change (listings must be rebuilt)
        self.epoch = 0  # bumped by reset (ids may be reused: detail pages must be rebuilt)
        self.reset()

    def reset(self) -> None:
        """Back to the generated corpus: releases published since start are dropped."""
        with self._lock:
            self._releases = []
            self._by_id = {}
            self._lists = defaultdict(list)
            self._rooms = defaultdict(list)
            self._published = 0
            for release in self._initial:
                self._add(release)
            self.generation += 1
            self.epoch += 1

    def _add(self, release: Release) -> None:
        self._releases.append(release)
        self._by_id[release.release_id] = release
        for key in release.lists:
            self._lists[key].append(release)
        self._rooms[release.company.slug].append(release)

    def __len__(self) -> int:
        return len(self._releases)

    def get(self, release_id: str) -> Release | None:
        return self._by_id.get(release_id)

    def newest(self, *, list_key: str | None = None, company: str | None = None) -> list[Release]:
        """Newest first. `list_key` for a category list, `company` for a newsroom slug."""
        with self._lock:
            if list_key is not None:
                source = self._lists.get(list_key, [])
            elif company is not None:
                source = self._rooms.get(company, [])
            else:
                source = self._releases
            return source[::-1]

    def page(self, newest: list[Release], page: int, pagesize: int) -> list[Release]:
        start = (page - 1) * pagesize
        return newest[start : start + pagesize]

    def also_from(self, release: Release, count: int = 2) -> list[Release]:
        """Other releases of the same company: the latest before this one, else the next ones."""
        with self._lock:
            room = self._rooms.get(release.company.slug, [])
            others = [r for r in room if r.release_id != release.release_id]
        before = [r for r in others if r.published <= release.published][::-1]
        after = [r for r in others if r.published > release.published]
        return (before + after)[:count]

    def publish(
        self,
        count: int = 1,
        company: str = "xellsmart",
        *,
        reissue_of: str | None = None,
        title: str | None = None,
        body: str | None = None,
    ) -> list[Release]:
        """New releases published now (or just after the newest one); ids keep increasing."""
        if count < 1:
            raise ValueError("count must be at least 1")
        original = None
        if reissue_of is not None:
            original = self._by_id.get(str(reissue_of))
            if original is None:
                raise ValueError(f"no release with id {reissue_of}")
        elif company not in BY_SLUG:
            raise ValueError(f"unknown company slug {company!r}")
        made: list[Release] = []
        with self._lock:
            for _ in range(count):
                last = self._releases[-1]
                now = datetime.now(UTC).replace(second=0, microsecond=0)
                when = max(now, last.published + timedelta(minutes=1))
                rid = str(max(int(last.release_id) + 1, id_for(when)))
                self._published += 1
                if original is not None:
                    new_title = title or original.alt_title
                    release = dataclasses.replace(
                        original,
                        release_id=rid,
                        slug=slugify(new_title),
                        title=new_title,
                        alt_title=original.title,
                        published=when,
                    )
                else:
                    rng = make_rng(self._seed, 2, self._published)
                    release = make_release(rng, BY_SLUG[company], when, rid, title=title, body=body)
                self._add(release)
                made.append(release)
            self.generation += 1
        return made
