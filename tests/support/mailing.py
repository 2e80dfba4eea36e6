"""Seed releases and milestone events straight into the database, and build mail configs."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from alerts.digest import EventView
from storage.models import MilestoneEvent, Release
from wirewatch.config import Config
from wirewatch.mailing import Mailer

_ids = itertools.count(302_400_000)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def seed_event(
    session: Session,
    *,
    company: str = "XellSmart",
    type_: str = "ind_clearance",
    agency: str | None = "FDA",
    product: str | None = "XS-411",
    indication: str | None = "Parkinson's disease",
    phase: str | None = "Phase I",
    status: str = "granted",
    evidence: str = "The FDA has cleared the IND application for XS-411.",
    title: str | None = None,
    url: str | None = None,
    detected_at: datetime = T0,
    published_at: datetime | None = None,
    alertable: bool = True,
) -> MilestoneEvent:
    number = next(_ids)
    release = Release(
        release_id=str(number),
        url=url or f"https://www.prnewswire.com/news-releases/synthetic-{number}.html",
        title=title or f"{company} announces {type_.replace('_', ' ')} for {product}",
        subtitles=[],
        published_at=published_at or detected_at,
        company=company,
        body=evidence,
        tickers=[],
        tags=[],
        also_from_source=[],
        fetched_at=detected_at,
    )
    session.add(release)
    session.flush()
    event = MilestoneEvent(
        release_pk=release.id, type=type_, agency=agency, agency_key=agency or "-",
        product=product, product_key=(product or "").upper(), indication=indication, phase=phase,
        status=status, evidence=evidence, novelty="new", company=company,
        event_key=f"{company}|{product}|{agency}|{type_}|{status}|{number}",
        published_at=release.published_at, baseline=False, alertable=alertable,
        analyser_version="test", detected_at=detected_at,
    )  # fmt: skip
    session.add(event)
    session.flush()
    return event


def mail_config(
    subscribers: list[dict[str, Any]],
    *,
    smtp_url: str | None = None,
    ops: list[str] | None = None,
    unsubscribe: str | None = None,
    companies: list[dict[str, Any]] | None = None,
    database_url: str = "sqlite://",
) -> Config:
    smtp: dict[str, Any] = {"from": "wirewatch <alerts@wirewatch.test>", "timeout": "5s"}
    if smtp_url:
        smtp["url"] = smtp_url
    if ops is not None:
        smtp["ops"] = ops
    if unsubscribe:
        smtp["unsubscribe"] = unsubscribe
    return Config.model_validate(
        {
            "subscriber": subscribers,
            "smtp": smtp,
            "company": companies or [],
            "database": {"url": database_url},
        }
    )


def mailer(config: Config, session_factory: sessionmaker[Session], state_dir: Path) -> Mailer:
    return Mailer(config, session_factory, state_dir)


def event_view(id_: int = 1, **changes: object) -> EventView:
    base = EventView(
        id=id_, type="ind_clearance", agency="FDA", product="XS-411",
        indication="Parkinson's disease", phase="Phase I", status="granted",
        evidence="The FDA has cleared the IND application for XS-411.", company="XellSmart",
        title="XellSmart Receives FDA IND Clearance for XS-411", subtitles=(),
        url="https://www.prnewswire.com/news-releases/x-302468123.html",
        published_at=datetime(2026, 3, 2, 13, 10, tzinfo=UTC),
        detected_at=datetime(2026, 3, 2, 13, 30, tzinfo=UTC),
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]
