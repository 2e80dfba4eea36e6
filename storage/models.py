"""Typed SQLAlchemy 2 models: one class per table, named constraints for Alembic batch mode."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from sqlalchemy import (
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, synonym

from storage.types import JSONList, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(primary_key=True)]
utc = Annotated[datetime, mapped_column(UTCDateTime())]
short = Annotated[str, mapped_column(String(255))]
text = Annotated[str, mapped_column(Text())]
strlist = Annotated[list[Any], mapped_column(JSONList())]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Release(Base):
    """A stored press release; re-issues are stored too, pointing at the first via duplicate_of."""

    __tablename__ = "release"
    __table_args__ = (
        # A release is its wire's id on that wire: ids of two wires may collide. The id first:
        # lookups are by id (IN lists), the source checked on the rows found.
        UniqueConstraint("release_id", "source"),
        # Re-issue candidates: a company's releases near a date (crawler dedupe).
        Index("ix_release_company_slug_published", "company_slug", "published_at"),
    )

    id: Mapped[intpk]
    source: Mapped[str] = mapped_column(String(32), server_default="prnewswire")
    release_id: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(String(1024), unique=True)
    title: Mapped[text]
    subtitles: Mapped[strlist]
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    company: Mapped[str | None] = mapped_column(String(255))
    company_slug: Mapped[str | None] = mapped_column(String(255))
    company_url: Mapped[str | None] = mapped_column(String(1024))
    dateline_city: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[text]
    tickers: Mapped[strlist]
    tags: Mapped[strlist]
    also_from_source: Mapped[strlist]
    watch: Mapped[str | None] = mapped_column(String(255))
    fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("release.id"))
    template: Mapped[str] = mapped_column(String(16), default="")
    parser_version: Mapped[str] = mapped_column(String(32), default="")
    fetched_at: Mapped[utc]
    analysed_version: Mapped[str | None] = mapped_column(String(32), index=True)


class SeenLink(Base):
    """A release id a watch has dealt with: stored, filtered out, or failed or pending (both
    retried later: `pending` is a listed release whose detail page was not fetched yet)."""

    __tablename__ = "seen_link"
    __table_args__ = (UniqueConstraint("watch", "release_id", "source"),)

    id: Mapped[intpk]
    watch: Mapped[short]
    source: Mapped[str] = mapped_column(String(32), server_default="prnewswire")
    release_id: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(String(1024))
    outcome: Mapped[str] = mapped_column(String(16))  # stored | filtered | failed | pending
    reason: Mapped[str | None] = mapped_column(String(255))
    first_seen_at: Mapped[utc]
    last_seen_at: Mapped[utc]
    attempts: Mapped[int] = mapped_column(default=1)


class CrawlRun(Base):
    """One crawl (or backfill) of one watch, with its counters and health verdict."""

    __tablename__ = "crawl_run"
    __table_args__ = (Index("ix_crawl_run_watch_started", "watch", "started_at"),)

    id: Mapped[intpk]
    watch: Mapped[short]
    mode: Mapped[str] = mapped_column(String(16))  # incremental | backfill
    started_at: Mapped[utc]
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    requests: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    new_items: Mapped[int] = mapped_column(default=0)
    seen_items: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    filtered: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    health: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text())
    retry_after: Mapped[int | None]


class WatchState(Base):
    """Per-watch state that outlives single runs: first crawl (baseline), alerting."""

    __tablename__ = "watch_state"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    first_crawl_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_new_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    health: Mapped[str] = mapped_column(String(32), default="never_run")
    consecutive_bad: Mapped[int] = mapped_column(default=0)
    alerted_health: Mapped[str | None] = mapped_column(String(32))
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    backfill_cursor: Mapped[str | None] = mapped_column(Text())
    # Every release this watch's listing showed, published at or before this time, has been
    # seen (stored, filtered, or queued for a retry): incremental paging walks down to it.
    listed_through: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MilestoneEvent(Base):
    """A regulatory event found in a release, with its novelty and alerting verdict."""

    __tablename__ = "milestone_event"
    __table_args__ = (
        UniqueConstraint("release_pk", "type", "agency_key", "product_key"),
        Index("ix_milestone_event_key_published", "event_key", "published_at"),
    )

    id: Mapped[intpk]
    release_pk: Mapped[int] = mapped_column(ForeignKey("release.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(32))
    agency: Mapped[str | None] = mapped_column(String(32))
    agency_key: Mapped[str] = mapped_column(String(32))
    product: Mapped[str | None] = mapped_column(String(255))
    product_key: Mapped[str] = mapped_column(String(255))
    indication: Mapped[str | None] = mapped_column(String(512))
    phase: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[text]
    novelty: Mapped[str] = mapped_column(String(16))
    company: Mapped[str | None] = mapped_column(String(255))
    event_key: Mapped[str] = mapped_column(String(1024))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    baseline: Mapped[bool] = mapped_column(default=False)
    alertable: Mapped[bool] = mapped_column(default=False, index=True)
    repeat_of: Mapped[int | None] = mapped_column(ForeignKey("milestone_event.id"))
    retracted: Mapped[bool] = mapped_column(default=False)
    retracted_reason: Mapped[str | None] = mapped_column(Text())
    retracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    conflict: Mapped[str | None] = mapped_column(Text())
    superseded: Mapped[bool] = mapped_column(default=False)
    analyser_version: Mapped[str] = mapped_column(String(32))
    detected_at: Mapped[utc]


class Subscriber(Base):
    """A digest recipient, synchronised from the configuration; `added_at` never moves.

    Identified by (channel, address): an e-mail address, or a Slack or webhook URL (a secret:
    print `name`, never the address).
    """

    __tablename__ = "subscriber"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[intpk]
    channel: Mapped[str] = mapped_column(String(16), server_default="email")  # email|slack|webhook
    address: Mapped[str] = mapped_column(String(2048))
    name: Mapped[str | None] = mapped_column(String(255))
    added_at: Mapped[utc]
    active: Mapped[bool] = mapped_column(default=True)
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Digest(Base):
    """One rendered message (digest, immediate alert or ops alert) with a fixed Message-ID."""

    __tablename__ = "digest"

    id: Mapped[intpk]
    digest_key: Mapped[str] = mapped_column(String(512), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # digest | alert | ops
    subscriber_id: Mapped[int | None] = mapped_column(ForeignKey("subscriber.id"))
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    subject: Mapped[text]
    text_body: Mapped[text]
    html_body: Mapped[text]
    created_at: Mapped[utc]


class DigestItem(Base):
    """An event in a digest; UNIQUE per (subscriber, event, role) so nothing is mailed twice."""

    __tablename__ = "digest_item"
    __table_args__ = (UniqueConstraint("subscriber_id", "event_id", "role"),)

    id: Mapped[intpk]
    digest_id: Mapped[int] = mapped_column(ForeignKey("digest.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscriber.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("milestone_event.id"))
    role: Mapped[str] = mapped_column(String(16))  # event | correction


class Delivery(Base):
    """One address of one digest: the outbox row the sender claims, sends and settles.

    `payload` is the channel's rendering (Slack messages, the signed webhook body); e-mail
    rebuilds its message from the digest's subject and bodies. `label` is what logs, `status`
    and ops alerts print: the address is a secret for Slack and webhooks.
    """

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("digest_id", "channel", "address"),
        Index("ix_delivery_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[intpk]
    digest_id: Mapped[int] = mapped_column(ForeignKey("digest.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16), server_default="email")
    address: Mapped[str] = mapped_column(String(2048))
    recipient = synonym("address")  # the e-mail-only name, kept for readers of older code
    label: Mapped[str] = mapped_column(String(320), server_default="")
    payload: Mapped[str | None] = mapped_column(Text())
    # Messages of a split payload (a long Slack digest) accepted so far: a retry resumes there.
    parts_sent: Mapped[int] = mapped_column(server_default="0", default=0)
    status: Mapped[str] = mapped_column(String(16))  # queued | sending | sent | retry | failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[utc]
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text())
    # transient | rejected | auth: `auth` on an unsent row means sending is paused (status health)
    error_kind: Mapped[str | None] = mapped_column(String(16))
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[utc]


class Heartbeat(Base):
    """Liveness of the daemon, read by `status --check`."""

    __tablename__ = "heartbeat"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    beat_at: Mapped[utc]
    pid: Mapped[int]
    host: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[utc]
