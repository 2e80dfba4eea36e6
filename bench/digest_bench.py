"""Benchmark: assembling, rendering (Jinja2 + css-inline) and building one digest of 500 events,
against a bare Jinja2 render of the same 500 items into a minimal HTML list.

Run: .venv/bin/python -m bench.digest_bench
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from jinja2 import Environment

from alerts.digest import EventView, Recipient, assemble_digest
from alerts.email import MailSettings, build_message, new_message_id, render_digest

EVENTS = 500
TYPES = ("ind_clearance", "orphan_drug", "approval", "crl", "fast_track", "filing", "trial_start")
BARE = Environment(autoescape=True).from_string(
    "<ul>{% for e in events %}<li><b>{{ e.type }} {{ e.agency }} {{ e.product }}</b> "
    "{{ e.evidence }} <a href='{{ e.url }}'>{{ e.title }}</a></li>{% endfor %}</ul>"
)


def events(now: datetime) -> list[EventView]:
    return [
        EventView(
            id=i,
            type=TYPES[i % len(TYPES)],
            agency="FDA" if i % 3 else "NMPA",
            product=f"XS-{400 + i}",
            indication="Parkinson's disease",
            phase="Phase I",
            status="granted",
            evidence=f"The FDA has cleared the IND application for XS-{400 + i}.",
            company=f"Company {i % 25}",
            title=f"Company {i % 25} receives news {i}",
            subtitles=(),
            url=f"https://www.prnewswire.com/news-releases/news-{302000000 + i}.html",
            published_at=now - timedelta(hours=i),
            detected_at=now,
        )
        for i in range(EVENTS)
    ]


def ours(recipient: Recipient, items: list[EventView], now: datetime) -> None:
    settings = MailSettings()
    content = assemble_digest(recipient, items, [], now)
    assert content is not None
    rendered = render_digest(content, settings)
    build_message(
        settings=settings,
        recipient=recipient.name,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        message_id=new_message_id(settings, "bench"),
        date=now,
    ).as_bytes()


def bare(items: list[EventView]) -> None:
    BARE.render(events=items)


def main() -> dict[str, float]:
    now = datetime.now(UTC)
    recipient = Recipient(
        id=1, name="bd@example.com", added_at=now - timedelta(days=1),
        timezone="Asia/Shanghai", immediate=frozenset(),
    )  # fmt: skip
    items = events(now)
    ours(recipient, items, now)
    bare(items)
    timings: dict[str, list[float]] = {"ours": [], "bare": []}
    for _ in range(7):
        started = time.perf_counter()
        ours(recipient, items, now)
        timings["ours"].append(time.perf_counter() - started)
        started = time.perf_counter()
        bare(items)
        timings["bare"].append(time.perf_counter() - started)
    ours_s, bare_s = statistics.median(timings["ours"]), statistics.median(timings["bare"])
    print(f"digest of {EVENTS} events: assemble + render + inline CSS + MIME {ours_s * 1000:.0f} ms "
          f"vs bare Jinja list {bare_s * 1000:.1f} ms: {ours_s / bare_s:.1f}x")  # fmt: skip
    return {"digest_ms": ours_s * 1000, "bare_ms": bare_s * 1000, "digest_ratio": ours_s / bare_s}


if __name__ == "__main__":
    main()
