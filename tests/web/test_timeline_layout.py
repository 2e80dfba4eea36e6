"""The timeline's geometry and the evidence highlighting, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wirewatch.web.evidence import paragraphs
from wirewatch.web.timeline import (
    LABEL_WIDTH_PER_CHAR,
    LEFT,
    MAX_LANES,
    OTHER_LANE,
    WIDTH,
    Point,
    lane_of,
    layout,
)

T0 = datetime(2025, 1, 15, tzinfo=UTC)


def point(n: int, days: int, lane: str = "XS-411", label: str = "IND cleared · FDA") -> Point:
    return Point(n, T0 + timedelta(days=days), lane, "ind_clearance", label, f"event {n}")


def test_markers_run_left_to_right_in_time_inside_the_plot() -> None:
    chart = layout([point(1, 0), point(2, 200), point(3, 400)])
    assert chart is not None
    xs = [m.x for m in sorted(chart.markers, key=lambda m: m.point.at)]
    assert xs == sorted(xs)
    assert LEFT < xs[0] < xs[-1] < WIDTH
    assert len({m.y for m in chart.markers}) == 1  # one lane


def test_lanes_come_in_order_of_their_first_milestone() -> None:
    chart = layout([point(1, 300, "XS228"), point(2, 10, "XS-411"), point(3, 100, "XS228")])
    assert chart is not None
    assert [lane.name for lane in chart.lanes] == ["XS-411", "XS228"]
    lane_y = {lane.name: lane.y for lane in chart.lanes}
    assert {m.point.event_id: m.y for m in chart.markers} == {
        1: lane_y["XS228"], 2: lane_y["XS-411"], 3: lane_y["XS228"],
    }  # fmt: skip
    xs228 = next(lane for lane in chart.lanes if lane.name == "XS228")
    assert (xs228.x_first, xs228.x_last) == (
        min(m.x for m in chart.markers if m.point.lane == "XS228"),
        max(m.x for m in chart.markers if m.point.lane == "XS228"),
    )


def test_close_labels_in_one_lane_alternate_above_and_below() -> None:
    chart = layout([point(1, 0), point(2, 5), point(3, 10), point(4, 700)])
    assert chart is not None
    sides = [m.label_y < m.y for m in sorted(chart.markers, key=lambda m: m.point.at)]
    assert sides[:2] == [True, False]  # the third has no free side and goes above again
    assert sides[2] is True
    assert sides[3] is True  # far away: back above


def test_labels_at_the_edges_stay_inside_the_picture() -> None:
    label = "Breakthrough designation · FDA"
    chart = layout([point(1, 0, label=label), point(2, 3000, label=label)])
    assert chart is not None
    first, last = sorted(chart.markers, key=lambda m: m.point.at)
    assert (first.anchor, last.anchor) == ("start", "end")
    width = len(label) * LABEL_WIDTH_PER_CHAR
    for marker in chart.markers:
        begin = {"start": marker.x, "middle": marker.x - width / 2, "end": marker.x - width}
        assert LEFT - 12 <= begin[marker.anchor] <= WIDTH - width


def test_a_short_history_still_gets_a_readable_span_with_month_ticks() -> None:
    chart = layout([point(1, 0)])
    assert chart is not None
    labels = [t.label for t in chart.ticks]
    assert len(labels) >= 5
    assert labels[0].endswith("2024") or labels[0].endswith("2025")
    assert all(LEFT <= t.x <= WIDTH for t in chart.ticks)


def test_years_are_major_ticks_on_long_histories() -> None:
    chart = layout([point(1, 0), point(2, 365 * 6)])
    assert chart is not None
    majors = [t.label for t in chart.ticks if t.major]
    assert majors == [str(y) for y in range(2025, 2032)]  # the padded domain: Sep 2024 – May 2031


def test_too_many_products_share_one_last_lane() -> None:
    points = [point(i, i * 10, f"P-{i}") for i in range(MAX_LANES + 3)]
    chart = layout(points)
    assert chart is not None
    assert len(chart.lanes) == MAX_LANES
    assert chart.lanes[-1].name == OTHER_LANE
    assert len(chart.markers) == len(points)


def test_no_milestone_no_chart_and_lanes_fall_back_to_the_indication() -> None:
    assert layout([]) is None
    assert lane_of(None, "ALS") == "ALS program"
    assert lane_of(None, None) == "Company-wide"
    assert lane_of("XS228", "ALS") == "XS228"


def test_evidence_is_found_across_line_breaks_and_marked_in_its_paragraph() -> None:
    body = "SUZHOU -- XellSmart today\nannounced that the FDA  cleared XS-411.\n\nAbout XellSmart"
    paras, found = paragraphs(body, "XellSmart today announced that the FDA cleared XS-411.")
    assert found
    assert [[(s.text, s.marked) for s in p] for p in paras] == [
        [("SUZHOU -- ", False),
         ("XellSmart today\nannounced that the FDA  cleared XS-411.", True)],
        [("About XellSmart", False)],
    ]  # fmt: skip


def test_evidence_not_in_the_text_marks_nothing() -> None:
    paras, found = paragraphs("One.\n\nTwo.", "Three.")
    assert not found
    assert not any(s.marked for p in paras for s in p)
    assert [p[0].text for p in paras] == ["One.", "Two."]


def test_evidence_with_regex_characters_is_matched_literally() -> None:
    body = "The FDA granted (RMAT) designation to XS-411 [Phase 1/2a]*."
    _, found = paragraphs(body, "granted (RMAT) designation to XS-411 [Phase 1/2a]*.")
    assert found
    _, found = paragraphs(body, "granted .* designation")
    assert not found
