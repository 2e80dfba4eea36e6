"""The HTML pages through Starlette's TestClient: lists, filters, the timeline, the event page,
escaping and the security headers."""

from __future__ import annotations

import lxml.html
from starlette.testclient import TestClient

from storage.models import MilestoneEvent
from tests.support.web import HISTORY, HOSTILE_TITLE, Milestone, add_milestone
from tests.web.conftest import History
from wirewatch.web.security import CONTENT_SECURITY_POLICY


def event_ids(html: str) -> list[int]:
    """The event ids the list links to, in page order."""
    doc = lxml.html.fromstring(html)
    return [int(href.rsplit("/", 1)[1]) for href in doc.xpath("//a[@class='summary']/@href")]


def ids_where(history: History, keep: object) -> list[int]:
    """Seeded ids whose milestone passes `keep`, newest publication first."""
    pairs = [(m, i) for m, i in zip(HISTORY, history.ids, strict=True) if keep(m)]  # type: ignore[operator]
    return [i for m, i in sorted(pairs, key=lambda p: (p[0].day, p[1]), reverse=True)]


def test_events_page_lists_every_event_newest_first(client: TestClient, history: History) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert event_ids(response.text) == ids_where(history, lambda m: True)


def test_events_page_filters_on_type_agency_since_and_text(
    client: TestClient, history: History
) -> None:
    assert event_ids(client.get("/?type=ind_clearance").text) == ids_where(
        history, lambda m: m.type == "ind_clearance"
    )
    assert event_ids(client.get("/?agency=NMPA").text) == ids_where(
        history, lambda m: m.agency == "NMPA"
    )
    assert event_ids(client.get("/?since=2026-01-01").text) == ids_where(
        history, lambda m: m.day >= "2026-01-01"
    )
    assert event_ids(client.get("/?q=spinal+CORD").text) == ids_where(
        history, lambda m: "spinal cord" in (m.title + m.evidence + str(m.indication)).lower()
    )
    both = client.get("/?type=ind_clearance&agency=FDA&since=2025-01-01").text
    assert event_ids(both) == ids_where(
        history, lambda m: m.type == "ind_clearance" and m.agency == "FDA" and m.day >= "2025"
    )


def test_company_filter_accepts_a_configured_alias(client: TestClient, history: History) -> None:
    xellsmart = ids_where(history, lambda m: m.company == "XellSmart")
    assert event_ids(client.get("/?company=xellsmart").text) == xellsmart
    alias = "XellSmart Biopharmaceutical (Suzhou) Co., Ltd."
    assert event_ids(client.get("/", params={"company": alias}).text) == xellsmart


def test_filters_match_non_ascii_names_and_take_wildcards_literally(
    client: TestClient, history: History
) -> None:
    nordic = Milestone(
        "2026-03-02", "Ærøskøbing Cell Ånd Co", "orphan_drug", "EMA", "ÆC-1", None, "granted",
        "Ærøskøbing's ÆC-1 granted 100% of what it asked", "The EC granted orphan status to ÆC-1.",
    )  # fmt: skip
    with history.session_factory.begin() as session:
        event_id = add_milestone(session, nordic)
    assert event_ids(client.get("/", params={"company": nordic.company}).text) == [event_id]
    assert event_ids(client.get("/", params={"q": "ÆC-1"}).text) == [event_id]
    assert event_ids(client.get("/", params={"q": "100%"}).text) == [event_id]
    assert event_ids(client.get("/", params={"q": "X_-411"}).text) == []


def test_the_filter_form_keeps_the_chosen_values(client: TestClient) -> None:
    doc = lxml.html.fromstring(client.get("/?type=crl&agency=FDA&q=AC-101").text)
    assert doc.xpath("//select[@name='type']/option[@selected]/@value") == ["crl"]
    assert doc.xpath("//select[@name='agency']/option[@selected]/@value") == ["FDA"]
    assert doc.xpath("//input[@name='q']/@value") == ["AC-101"]


def test_a_bad_filter_is_a_400_naming_the_parameter(client: TestClient) -> None:
    for query, name in (("type=bogus", "type"), ("agency=CIA", "agency"), ("since=soon", "since")):
        response = client.get(f"/?{query}")
        assert response.status_code == 400
        assert f"{name}:" in response.text


def notes_by_event(html: str, row_class: str) -> dict[int, list[str]]:
    doc = lxml.html.fromstring(html)
    return {
        int(li.xpath(".//a[@class='summary']/@href")[0].rsplit("/", 1)[1]): li.xpath(
            ".//span[starts-with(@class, 'note ')]/text()"
        )
        for li in doc.xpath(f"//li[contains(@class, '{row_class}')]")
    }


def test_rows_say_why_an_event_was_not_mailed(client: TestClient, history: History) -> None:
    html = client.get("/").text
    by_day = dict(zip((m.day for m in HISTORY), history.ids, strict=True))
    # Mentions are faded; baseline milestones are real history, only marked.
    assert notes_by_event(html, "muted") == {
        by_day["2025-04-16"]: ["restated"],
        by_day["2026-03-01"]: ["planned"],
    }
    noted = {k: v for k, v in notes_by_event(html, "event").items() if v}
    assert noted == {
        by_day["2024-03-12"]: ["baseline"],
        by_day["2024-06-20"]: ["baseline"],
        by_day["2025-04-16"]: ["restated"],
        by_day["2026-03-01"]: ["planned"],
    }


def test_company_page_draws_one_lane_per_product_and_a_marker_per_milestone(
    client: TestClient, history: History
) -> None:
    response = client.get("/companies/XellSmart")
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.text)
    lanes = doc.xpath("//svg//text[@class='lane-name']/text()")
    assert lanes == ["XS-411", "XS228", "XS-402", "XS-501"]  # in order of first milestone
    news = [
        i for m, i in zip(HISTORY, history.ids, strict=True)
        if m.company == "XellSmart" and m.novelty == "new"
    ]  # fmt: skip
    links = doc.xpath("//svg//a[@class='marker']/@href")
    assert sorted(links) == sorted(f"/events/{i}" for i in news)
    assert doc.xpath("//svg//circle[contains(@class, 'mk-ind_clearance')]")
    assert "Parkinson's disease" in doc.xpath("//svg//text[@class='lane-note']/text()")


def test_a_reissue_is_listed_as_reported_earlier_and_not_charted_twice(
    client: TestClient, history: History
) -> None:
    reissue = Milestone(
        "2025-04-16", "XellSmart", "rmat", "FDA", "XS-411", "Parkinson's disease", "granted",
        "XellSmart's XS-411 Receives RMAT Designation From the FDA (reissued)",
        "XellSmart today announced that the FDA has granted RMAT designation to XS-411.",
        alertable=False,
    )  # fmt: skip
    with history.session_factory.begin() as session:
        event_id = add_milestone(session, reissue)
        session.get(MilestoneEvent, event_id).repeat_of = history.ids[5]  # type: ignore[union-attr]
    page = client.get("/companies/XellSmart").text
    assert notes_by_event(page, "muted")[event_id] == ["reported earlier"]
    markers = lxml.html.fromstring(page).xpath("//svg//a[@class='marker']/@href")
    assert f"/events/{event_id}" not in markers
    assert f"/events/{history.ids[5]}" in markers


def test_an_unknown_company_or_event_is_a_404_page(client: TestClient) -> None:
    assert client.get("/companies/Nobody%20Inc").status_code == 404
    response = client.get("/events/999999")
    assert response.status_code == 404
    assert "No milestone event has id 999999" in response.text


def test_event_page_highlights_the_evidence_in_the_release_text(
    client: TestClient, history: History
) -> None:
    milestone = HISTORY[2]
    doc = lxml.html.fromstring(client.get(f"/events/{history.ids[2]}").text)
    assert doc.xpath("//mark[@id='evidence']/text()") == [milestone.evidence]
    assert doc.xpath("//section[@class='release']//h2/a/text()") == [milestone.title]
    href = doc.xpath("//section[@class='release']//h2/a/@href")[0]
    assert href.startswith("https://www.prnewswire.com/news-releases/synthetic-")
    meta = doc.xpath("string(//section[@class='release']//p[@class='meta'])")
    assert meta.startswith("Release ") and " on PR Newswire · " in meta


def test_scraped_text_is_escaped_everywhere(history: History, client: TestClient) -> None:
    hostile = Milestone(
        "2026-03-02", "Acme <b>Cell</b>", "crl", "FDA", "<svg onload=alert(1)>", None,
        "negative", HOSTILE_TITLE, "Evidence <script>alert('e')</script> here.",
    )  # fmt: skip
    with history.session_factory.begin() as session:
        event_id = add_milestone(session, hostile)
    for path in ("/", f"/events/{event_id}", "/companies/Acme%20%3Cb%3ECell%3C/b%3E"):
        response = client.get(path)
        assert response.status_code == 200, path
        doc = lxml.html.fromstring(response.text)
        assert not doc.xpath("//body//script | //img | //b | //@onerror | //@onload"), path
        assert "&lt;script&gt;" in response.text, path


def test_every_response_forbids_scripts_and_framing(client: TestClient, history: History) -> None:
    paths = ["/", "/companies/XellSmart", f"/events/{history.ids[0]}", "/feed.atom",
             "/api/events", "/healthz", "/static/web.css", "/nowhere"]  # fmt: skip
    for path in paths:
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src" not in CONTENT_SECURITY_POLICY
        assert "default-src 'none'" in CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_pages_carry_no_script_and_no_inline_style(client: TestClient, history: History) -> None:
    for path in ("/", "/companies/XellSmart", f"/events/{history.ids[2]}", "/?type=bogus"):
        doc = lxml.html.fromstring(client.get(path).text)
        assert not doc.xpath("//script | //style | //@style"), path
        assert doc.xpath("//link[@rel='stylesheet']/@href") == ["/static/web.css"]
    css = client.get("/static/web.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
