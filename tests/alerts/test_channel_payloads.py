"""Slack Block Kit and webhook JSON from DigestContent (pure: no server)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from alerts.channels.base import Outcome, delivery_identity
from alerts.channels.http import Reply, attempt_of, retry_after
from alerts.channels.slack.render import MAX_BLOCKS, MAX_TEXT, render_messages
from alerts.channels.webhook.render import event_body, parts_of, payload, signature
from alerts.digest import Recipient, assemble_alert, assemble_digest
from tests.support.mailing import event_view
from wirewatch.receiver import valid_signature

NOW = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
R = Recipient(1, "bd-slack", datetime(2026, 3, 1, tzinfo=UTC), "Asia/Shanghai", frozenset())


def test_a_slack_alert_has_the_headline_chips_the_quoted_evidence_and_the_release_link() -> None:
    [message] = render_messages(assemble_alert(R, event_view(), NOW))
    blocks = message["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text",
                         "text": "IND cleared: XellSmart", "emoji": False}}  # fmt: skip
    text = json.dumps(blocks)
    assert "*FDA cleared the IND for XS-411 (Parkinson's disease, Phase I)*" in text
    assert ">The FDA has cleared the IND application for XS-411." in text
    assert "<https://www.prnewswire.com/news-releases/x-302468123.html|XellSmart Receives" in text
    chips = next(b for b in blocks if b["type"] == "context")["elements"]
    assert [c["text"] for c in chips][:3] == ["*IND cleared*", "FDA", "XellSmart"]
    # The same content as text, for notifications and for Mattermost and Rocket.Chat.
    assert message["text"].startswith(
        "*IND cleared: XellSmart*\n\n*XellSmart*\n*FDA cleared the IND"
    )
    assert ">The FDA has cleared the IND application" in message["text"]
    assert "<https://www.prnewswire.com/news-releases/x-302468123.html|" in message["text"]


def test_a_slack_milestone_names_the_wire_its_release_came_from() -> None:
    names = {"prnewswire": "PR Newswire", "globenewswire": "GlobeNewswire",
             "businesswire": "Business Wire"}  # fmt: skip
    for source, name in names.items():
        [message] = render_messages(assemble_alert(R, replace(event_view(), source=source), NOW))
        chips = next(b for b in message["blocks"] if b["type"] == "context")["elements"]
        assert chips[-1]["text"] == name


def test_hostile_scraped_text_cannot_make_slack_links_mentions_or_formatting_escape() -> None:
    hostile = event_view(
        title="<!channel> <https://evil.test|Click> & win",
        evidence="Approved <@U123> <javascript:alert(1)|x>",
        url="javascript:alert(1)",
    )
    text = json.dumps(render_messages(assemble_alert(R, hostile, NOW)))
    assert "<!channel>" not in text and "<@U123>" not in text and "<https://evil" not in text
    assert "&lt;!channel&gt;" in text and "&amp; win" in text
    assert "<javascript:" not in text  # neither the evidence nor the unsafe release URL links


def test_a_digest_over_the_block_limit_is_split_into_numbered_messages_losing_nothing() -> None:
    events = [event_view(n, product=f"XS-{n:03d}", company=f"Company {n % 7}") for n in range(60)]
    content = assemble_digest(R, events, [], NOW)
    assert content is not None
    messages = render_messages(content)
    assert len(messages) >= 3
    assert all(len(m["blocks"]) <= MAX_BLOCKS for m in messages)
    headers = [m["blocks"][0]["text"]["text"] for m in messages]
    assert headers == [f"Milestone digest: 60 new milestones (part {n} of {len(messages)})"
                       for n in range(1, len(messages) + 1)]  # fmt: skip
    shown = json.dumps([m["blocks"] for m in messages])
    assert all(shown.count(f"IND for XS-{n:03d} (") == 1 for n in range(60))


def test_an_overlong_text_is_cut_visibly_not_silently() -> None:
    long = event_view(evidence="The FDA cleared it " + "and more " * 600)
    [message] = render_messages(assemble_alert(R, long, NOW))
    texts = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert all(len(t) <= MAX_TEXT for t in texts)
    assert any("[cut: longer than Slack allows; see the release]" in t for t in texts)


def test_the_webhook_body_has_one_documented_shape_and_a_verifiable_signature() -> None:
    content = assemble_digest(R, [event_view()], [replace(event_view(2), retracted=True,
                              retracted_reason="misread")], NOW)  # fmt: skip
    assert content is not None
    identity = delivery_identity("<m@x>", "webhook", "https://h.test/x")
    stored = payload(event_body(content, identity, NOW), "sixteen-chars-long")
    body, sig = parts_of(stored)
    document = json.loads(body)
    assert set(document) == {"schema", "id", "kind", "created_at", "subscriber", "events",
                             "corrections"}  # fmt: skip
    assert (document["schema"], document["id"], document["kind"]) == (
        "wirewatch.milestones/1", identity, "digest",
    )  # fmt: skip
    [event] = document["events"]
    assert event == {
        "event_id": 1, "type": "ind_clearance", "label": "IND cleared",
        "severity": "ind_clearance",
        "summary": "FDA cleared the IND for XS-411 (Parkinson's disease, Phase I)",
        "agency": "FDA", "product": "XS-411", "indication": "Parkinson's disease",
        "phase": "Phase I", "status": "granted", "company": "XellSmart",
        "headline": "XellSmart Receives FDA IND Clearance for XS-411",
        "evidence": "The FDA has cleared the IND application for XS-411.",
        "release_url": "https://www.prnewswire.com/news-releases/x-302468123.html",
        "source": "prnewswire",
        "published_at": "2026-03-02T13:10:00+00:00", "detected_at": "2026-03-02T13:30:00+00:00",
    }  # fmt: skip
    assert document["corrections"][0]["reason"] == "misread"
    assert sig == signature(body, "sixteen-chars-long")
    assert valid_signature(body, sig, "sixteen-chars-long")
    assert not valid_signature(body + b" ", sig, "sixteen-chars-long")
    assert not valid_signature(body, sig, "another-secret-16")


def test_a_webhook_event_names_the_wire_its_release_came_from() -> None:
    view = replace(event_view(), source="globenewswire",
                   url="https://www.globenewswire.com/news-release/2026/03/02/3375001/0/en/x.html")  # fmt: skip
    content = assemble_alert(R, view, NOW)
    body, _ = parts_of(payload(event_body(content, "id", NOW), "sixteen-chars-long"))
    [event] = json.loads(body)["events"]
    assert (event["source"], event["release_url"]) == ("globenewswire", view.url)


def test_a_delivery_identity_is_the_same_whenever_it_is_computed_and_differs_per_address() -> None:
    one = delivery_identity("<m@x>", "webhook", "https://h.test/a")
    assert one == delivery_identity("<m@x>", "webhook", "https://h.test/a")
    assert one != delivery_identity("<m@x>", "webhook", "https://h.test/b")


def test_http_replies_map_to_sent_retry_or_failed_as_the_architecture_says() -> None:
    url = "https://h.test/secret-path"
    outcomes = {code: attempt_of(Reply(code, f"at {url}", None), url) for code in
                (200, 204, 301, 400, 401, 404, 408, 410, 429, 500, 502, 503)}  # fmt: skip
    assert {c for c, a in outcomes.items() if a.outcome is Outcome.SENT} == {200, 204}
    assert {c for c, a in outcomes.items() if a.outcome is Outcome.RETRY} == {408, 429, 500, 502,
                                                                              503}  # fmt: skip
    assert {c for c, a in outcomes.items() if a.outcome is Outcome.FAILED} == {301, 400, 401,
                                                                               404, 410}  # fmt: skip
    assert all("secret-path" not in a.error for a in outcomes.values())


def test_retry_after_reads_seconds_and_http_dates_and_ignores_nonsense() -> None:
    assert retry_after("120").total_seconds() == 120  # type: ignore[union-attr]
    assert retry_after("Tue, 03 Mar 2026 00:10:00 GMT", NOW).total_seconds() == 600  # type: ignore[union-attr]
    assert retry_after("soon") is None and retry_after(None) is None
    assert retry_after("99999999").total_seconds() == 6 * 3600  # type: ignore[union-attr]
