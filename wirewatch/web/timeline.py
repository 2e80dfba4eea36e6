"""Geometry of a company's milestone timeline: one lane per product, time across. Pure.

The template draws it as inline SVG (no script, styled by the stylesheet); this module only
decides where everything goes, so it can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

WIDTH = 960
LEFT = 200  # lane labels
RIGHT = 36
TOP = 14
LANE_HEIGHT = 74
AXIS_HEIGHT = 34
MAX_LANES = 10
MIN_SPAN = timedelta(days=180)
LABEL_CHARS = 26
LABEL_WIDTH_PER_CHAR = 7.4  # 12 px semibold sans-serif, measured in Chromium
OTHER_LANE = "Other products"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, slots=True)
class Point:
    """One event as the chart needs it."""

    event_id: int
    at: datetime
    lane: str
    severity: str  # colour class, as in the e-mail digest
    label: str  # "IND cleared · FDA"
    title: str  # the full sentence, shown on hover
    note: str | None = None  # the lane's indication, printed under its name


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    label_y: float
    anchor: str
    point: Point


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    short: str
    note: str
    y: float  # centre line
    top: float
    height: float
    x_first: float
    x_last: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    left: int
    right: float
    axis_y: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]


def lane_of(product: str | None, indication: str | None) -> str:
    return product or (f"{indication} program" if indication else "Company-wide")


def layout(points: Sequence[Point]) -> Timeline | None:
    if not points:
        return None
    lanes_order = _lanes(points)
    start, end = _domain([p.at for p in points])
    right = WIDTH - RIGHT
    axis_y = TOP + LANE_HEIGHT * len(lanes_order)

    def x_of(moment: datetime) -> float:
        return round(LEFT + (moment - start) / (end - start) * (right - LEFT), 1)

    lane_index = {name: i for i, name in enumerate(lanes_order)}
    markers: list[Marker] = []
    by_lane: dict[str, list[float]] = {}
    for lane, group in _grouped(points, lane_index).items():
        free = {"above": -1e9, "below": -1e9}
        centre = TOP + LANE_HEIGHT * lane_index[lane] + LANE_HEIGHT / 2
        for point in group:
            x = x_of(point.at)
            width = len(point.label) * LABEL_WIDTH_PER_CHAR
            side = "above" if x - width / 2 > free["above"] else "below"
            if side == "below" and x - width / 2 <= free["below"]:
                side = "above"
            anchor = (
                "start" if x - width / 2 < LEFT else "end" if x + width / 2 > WIDTH else "middle"
            )
            free[side] = x + width / 2 + 6
            markers.append(
                Marker(
                    x=x,
                    y=centre,
                    label_y=centre - 14 if side == "above" else centre + 24,
                    anchor=anchor,
                    point=point,
                )
            )
            by_lane.setdefault(lane, []).append(x)
    notes = {p.lane: p.note for p in reversed(points) if p.note and p.note not in p.lane}
    lanes = tuple(
        Lane(
            name=name,
            short=_short(name, 20),
            note=_short(notes.get(name) or ""),
            y=TOP + LANE_HEIGHT * i + LANE_HEIGHT / 2,
            top=TOP + LANE_HEIGHT * i,
            height=LANE_HEIGHT,
            x_first=min(by_lane[name]),
            x_last=max(by_lane[name]),
        )
        for i, name in enumerate(lanes_order)
    )
    ticks = tuple(Tick(x_of(at), label, major) for at, label, major in _ticks(start, end))
    return Timeline(
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        left=LEFT,
        right=right,
        axis_y=axis_y,
        lanes=lanes,
        ticks=ticks,
        markers=tuple(markers),
    )


def _lanes(points: Sequence[Point]) -> list[str]:
    """Lanes in order of their first milestone; past MAX_LANES the rest share one lane."""
    first: dict[str, datetime] = {}
    for point in points:
        first[point.lane] = min(first.get(point.lane, point.at), point.at)
    names = sorted(first, key=lambda n: (first[n], n.casefold()))
    if len(names) > MAX_LANES:
        names = [*names[: MAX_LANES - 1], OTHER_LANE]
    return names


def _grouped(points: Sequence[Point], lane_index: dict[str, int]) -> dict[str, list[Point]]:
    groups: dict[str, list[Point]] = {}
    for point in sorted(points, key=lambda p: p.at):
        lane = point.lane if point.lane in lane_index else OTHER_LANE
        groups.setdefault(lane, []).append(point)
    return groups


def _domain(moments: list[datetime]) -> tuple[datetime, datetime]:
    start, end = min(moments), max(moments)
    if end - start < MIN_SPAN:
        middle = start + (end - start) / 2
        start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    pad = (end - start) * 0.06
    return start - pad, end + pad


def _ticks(start: datetime, end: datetime) -> list[tuple[datetime, str, bool]]:
    """Month ticks (every 1, 3 or 6 months, or years), labelled with the year in January."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 14 else 3 if months <= 40 else 6 if months <= 80 else 12
    year, month = start.year, start.month + 1
    out: list[tuple[datetime, str, bool]] = []
    while True:
        if month > 12:
            year, month = year + 1, month - 12
        at = datetime(year, month, 1, tzinfo=UTC)
        if at > end:
            return out
        if (month - 1) % step == 0:
            major = month == 1
            label = str(year) if major else MONTHS[month - 1]
            if not out and not major:
                label = f"{MONTHS[month - 1]} {year}"
            out.append((at, label, major))
        month += 1


def _short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
