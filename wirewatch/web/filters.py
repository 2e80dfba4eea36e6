"""The filters of the web view, its JSON API and its feed: `company`, `type`, `agency`, `since`
and `q` as query parameters, turned into the storage query `wirewatch events` uses too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from urllib.parse import urlencode

import click

from alerts.vocabulary import AGENCIES, MILESTONE_TYPES
from storage.events import EventFilter
from wirewatch.cli.events import parse_date
from wirewatch.config import Config

MAX_TEXT = 200


class BadQuery(ValueError):
    """A query parameter the view cannot use; its message names the parameter (HTTP 400)."""


@dataclass(frozen=True, slots=True)
class Query:
    company: str = ""
    type: str = ""
    agency: str = ""
    since: str = ""
    q: str = ""

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> Query:
        values = {f.name: " ".join(params.get(f.name, "").split()) for f in fields(cls)}
        for name, value in values.items():
            if len(value) > MAX_TEXT:
                raise BadQuery(f"{name}: longer than {MAX_TEXT} characters")
        if values["type"] and values["type"] not in MILESTONE_TYPES:
            raise BadQuery(f"type: {values['type']!r} is not a milestone type")
        if values["agency"] and values["agency"] not in AGENCIES:
            raise BadQuery(f"agency: {values['agency']!r} is not an agency")
        query = cls(**values)
        query.since_at()
        return query

    def since_at(self) -> datetime | None:
        if not self.since:
            return None
        try:
            return parse_date(self.since, "since")
        except click.BadParameter as exc:
            raise BadQuery(f"since: {exc.message}") from None

    def event_filter(
        self, config: Config, *, alertable_only: bool = False, limit: int | None = None
    ) -> EventFilter:
        return EventFilter(
            since=self.since_at(),
            companies=company_names(config, self.company) if self.company else (),
            type=self.type or None,
            agency=self.agency or None,
            text=self.q or None,
            alertable_only=alertable_only,
            limit=limit,
        )

    def encoded(self, **changes: str) -> str:
        """The query string of these filters (empty ones left out), with `changes` applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def company_names(config: Config, name: str) -> tuple[str, ...]:
    """`name` and, when it is a [[company]] name or alias, that company's other names."""
    wanted = name.casefold()
    for company in config.company:
        names = (company.name, *company.aliases)
        if wanted in {n.casefold() for n in names}:
            return names
    return (name,)
