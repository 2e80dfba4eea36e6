"""Digest assembly is pure: which events, in which words and order, for whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from alerts.digest import (
    Filters,
    Recipient,
    assemble_alert,
    assemble_digest,
    describe,
    select_events,
    split_immediate,
)
from tests.support.mailing import event_view as event

NOW = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
ADDED = datetime(2026, 3, 1, tzinfo=UTC)


def recipient(**filters: object) -> Recipient:
    aliases = (("XellSmart", ("XellSmart Biopharmaceutical (Suzhou) Co., Ltd.",)),)
    return Recipient(
        id=1, name="bd@bd.test", added_at=ADDED, timezone="Asia/Shanghai",
        immediate=frozenset({"crl"}), filters=Filters(aliases=aliases, **filters),  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({}, "FDA cleared the IND for XS-411 (Parkinson's disease, Phase I)"),
        ({"agency": "NMPA", "phase": None}, "NMPA cleared the clinical trial of XS-411 (Parkinson's disease)"),
        ({"type": "crl", "status": "negative", "indication": None, "phase": None},
         "FDA issued a complete response letter for XS-411"),
        ({"type": "prime", "agency": "EMA", "indication": None, "phase": None}, "EMA granted PRIME to XS-411"),
        ({"type": "clinical_hold", "status": "negative", "phase": None},
         "FDA placed XS-411 on clinical hold (Parkinson's disease)"),
        ({"type": "orphan_drug", "product": None, "indication": "ALS", "phase": None},
         "FDA granted orphan drug designation to the ALS program"),
        ({"type": "filing", "status": "accepted", "agency": None, "indication": None, "phase": None},
         "A regulator accepted the application for XS-411 for review"),
    ],
)  # fmt: skip
def test_each_event_reads_in_plain_words(changes: dict[str, object], words: str) -> None:
    assert describe(event(**changes)) == words


def test_company_filter_matches_aliases_case_insensitively() -> None:
    alias = event(company="XELLSMART BIOPHARMACEUTICAL (SUZHOU) CO., LTD.")
    other = event(2, company="Acme Bio")
    chosen = select_events(recipient(companies=("xellsmart",)), [alias, other], set())
    assert chosen == [alias]


def test_keywords_match_whole_words_over_title_evidence_product_and_indication() -> None:
    r = recipient(keywords=("ALS",))
    assert select_events(r, [event(indication="ALS")], set())
    assert not select_events(r, [event(evidence="It also treats things", indication="PD")], set())
    assert select_events(recipient(keywords=("parkinson's",)), [event()], set())


def test_type_and_agency_filters_combine() -> None:
    r = recipient(types=("ind_clearance",), agencies=("NMPA",))
    assert select_events(r, [event(), event(2, agency="NMPA")], set()) == [event(2, agency="NMPA")]


def test_events_before_the_subscriber_was_added_or_already_sent_or_retracted_are_skipped() -> None:
    old = event(1, detected_at=ADDED - timedelta(seconds=1))
    sent = event(2)
    retracted = event(3, retracted=True)
    fresh = event(4)
    assert select_events(recipient(), [old, sent, retracted, fresh], {2}) == [fresh]


def test_immediate_types_are_split_from_the_digest() -> None:
    crl = event(2, type="crl", status="negative")
    immediate, rest = split_immediate(recipient(), [event(), crl])
    assert (immediate, rest) == ([crl], [event()])


def test_digest_groups_by_company_most_severe_first_then_newest() -> None:
    events = [
        event(1, type="trial_start", status="started", company="Acme"),
        event(2, company="XellSmart Biopharmaceutical (Suzhou) Co., Ltd."),
        event(3, type="crl", status="negative", company="Acme"),
        event(4, type="orphan_drug", company="XellSmart",
              published_at=datetime(2026, 3, 2, 20, tzinfo=UTC)),
        event(5, type="orphan_drug", company="XellSmart"),
    ]  # fmt: skip
    digest = assemble_digest(recipient(), events, [], NOW)
    assert digest is not None
    assert digest.companies == ["Acme", "XellSmart"]
    assert [i.event_id for s in digest.sections for i in s.items] == [3, 1, 2, 4, 5]
    assert digest.count == 5 and digest.event_ids == (1, 2, 3, 4, 5)


def test_dates_are_in_the_subscriber_zone_and_only_http_links_survive() -> None:
    digest = assemble_alert(recipient(), event(url="javascript:alert(1)"), NOW)
    [item] = digest.sections[0].items
    assert item.date == "Mon 02 Mar 2026, 21:10 CST"
    assert item.url is None
    assert assemble_alert(recipient(), event(), NOW).sections[0].items[0].url == event().url


def test_an_empty_digest_is_never_assembled_but_corrections_alone_are() -> None:
    assert assemble_digest(recipient(), [], [], NOW) is None
    only = assemble_digest(recipient(), [], [event(retracted=True, retracted_reason="wrong")], NOW)
    assert only is not None and only.count == 0 and only.correction_ids == (1,)
