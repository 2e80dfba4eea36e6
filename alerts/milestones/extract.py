"""Assemble milestone events from one release: triggers × regulators × products, judged for novelty.

Rules (ARCHITECTURE.md, "Milestone extraction contract"): an event is new only when the headline or
the lead announces it; the same (type, agency, product) repeated later is one event; a joint FDA +
NMPA clearance, or one clearance of two products, is two events.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass, replace

from alerts.milestones.agencies import (
    AgencySpan,
    country_regulator,
    find_agencies,
    find_countries,
)
from alerts.milestones.context import ProductContext
from alerts.milestones.model import Extraction, Milestone, ReleaseText
from alerts.milestones.novelty import Month, judge, news_start, opening_date, parse_published
from alerts.milestones.patterns import find_triggers
from alerts.milestones.products import find_phase
from alerts.milestones.sentences import Sentence, release_sentences
from alerts.milestones.subjects import (
    DEVICE,
    DEVICE_TYPES,
    FACILITY,
    implied_agency,
    indication_for,
    nearest_codes,
    pick_agencies,
    prefer_country,
)

logger = logging.getLogger(__name__)

# The extractor reads at most this many characters of a release body (news sits up front; a longer
# body is a table dump or hostile). The release is stored whole; its extraction is flagged `capped`.
MAX_CHARS = 100_000
MAX_HEADLINE = 1_000  # and of the headline and each sub-headline
MAX_SUBTITLES = 20

_RANK = {"new": 0, "restated": 1, "planned": 2, "background": 3}
_LAW_FIRM = re.compile(
    r"law\s+firm|class\s+action|lead\s+plaintiff|securities\s+(?:fraud|laws)\b(?!\s+reform)|"
    r"shareholder\s+rights|investor\s+alert|attorney\s+advertising|on\s+behalf\s+of\s+(?:\w+\s+)?"
    r"(?:investors|shareholders)|\bLLP\b.{0,80}\binvestigat",
    re.IGNORECASE,
)
# A periodic report ("Reports Third Quarter 2025 Financial Results and Business Highlights") or an
# event notice ("to Present at … Conference"): what it recaps is not news; only what the headline
# names, or a first-paragraph sentence announces today, is.
_PERIODIC = re.compile(
    r"\b(?:financial\s+results|(?:quarter|half[- ]year|full[- ]year|annual|fiscal(?:\s+year)?|"
    r"interim)\s+(?:\d{4}\s+)?(?:financial\s+)?(?:results|report)|(?:business|corporate|"
    r"operational|pipeline)\s+(?:update|highlights|review)|(?:letter|update)\s+to\s+"
    r"(?:shareholders|stockholders)|to\s+(?:present|participate|host|report|hold|webcast)\b|"
    r"fireside\s+chat|investor\s+(?:day|conference)|R&D\s+day|(?:annual|general)\s+meeting)\b",
    re.IGNORECASE,
)
_ANNOUNCING = re.compile(
    r"\b(?:announc\w*|report\w*|pleased|proud|delighted|excited|thrilled|confirm\w*|disclos\w*|"
    r"notif\w*|informed|today)\b",
    re.IGNORECASE,
)
_ANNOUNCES = re.compile(r"\b(?:today|announc\w*)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    type: str
    status: str
    agency: str | None
    country: str | None  # the country named instead of a regulator ("approved in Japan")
    product: str | None
    indication: str | None
    phase: str | None
    evidence: str
    novelty: str
    sentence: Sentence
    mention_only: bool
    trigger: str = ""  # the phrase that named the event
    rule: str = ""  # why its novelty is what it is
    dropped: str | None = None  # why it is not reported at all


def extract(release: ReleaseText) -> Extraction:
    """Every regulatory event in the release: new milestones first, then the other mentions."""
    capped = (
        len(release.body) > MAX_CHARS
        or len(release.title) > MAX_HEADLINE
        or len(release.subtitles) > MAX_SUBTITLES
        or any(len(s) > MAX_HEADLINE for s in release.subtitles)
    )
    if capped:
        logger.info("release %s: %d characters, extraction reads the first %d",
                       release.id, len(release.body), MAX_CHARS)  # fmt: skip
        release = replace(
            release,
            title=release.title[:MAX_HEADLINE],
            subtitles=tuple(s[:MAX_HEADLINE] for s in release.subtitles[:MAX_SUBTITLES]),
            body=release.body[:MAX_CHARS],
        )
    return replace(_extract(release), capped=capped)


def _extract(release: ReleaseText) -> Extraction:
    sentences = release_sentences(release)
    published = (
        parse_published(release.published)
        or parse_published(release.dateline)
        or parse_published(release.body[:200])
    )
    lead = next((s.text for s in sentences if s.first_paragraph and s.role == "lead"), "")
    law_firm = bool(_LAW_FIRM.search(release.title + " " + lead))
    products = ProductContext(sentences, release.company)
    sentences = [_promote(s, _TODAY_ANNOUNCES) for s in sentences]
    candidates = _candidates(sentences, published, products, law_firm)
    if not any(_opening_news(c) for c in candidates):
        # Nothing announced up front (a scene-setting first paragraph, an "update" headline):
        # a later lead sentence that opens on a date of the publication month carries the news.
        fresh = _fresh_opening(published)
        promoted = [_promote(s, fresh) for s in sentences]
        if promoted != sentences:
            candidates = _candidates(promoted, published, products, law_firm)
    _gate_on_announcement(candidates, bool(_PERIODIC.search(release.title)))
    return _assemble(candidates, products)


# A lead sentence that itself announces ("Veritas today announced that …") is part of the opening.
_TODAY_ANNOUNCES = re.compile(
    r"\btoday\b[^.;]{0,40}?\bannounc|\bannounc\w*\s+today\b|\bis\s+pleased\s+to\s+announce\b",
    re.IGNORECASE,
)


def _fresh_opening(published: Month | None) -> re.Pattern[str] | None:
    if published is None or not published.exact:
        return None
    name = calendar.month_name[published.month]
    return re.compile(rf"^\s*On\s+{name}\s+\d{{1,2}}(?:,\s+{published.year})?\s*,")


def _promote(sentence: Sentence, cue: re.Pattern[str] | None) -> Sentence:
    if (
        cue
        and sentence.role == "lead"
        and not sentence.first_paragraph
        and cue.search(sentence.text)
    ):
        return replace(sentence, first_paragraph=True)
    return sentence


def _opening_news(c: _Candidate) -> bool:
    opening = c.sentence.role in ("headline", "subtitle") or c.sentence.first_paragraph
    return opening and c.novelty == "new" and not c.mention_only and c.dropped is None


def _candidates(
    sentences: list[Sentence], published: Month | None, products: ProductContext, law_firm: bool
) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    openers: dict[int, Month | None] = {}
    for sentence in sentences:
        if sentence.index_in_paragraph == 0:
            openers[sentence.paragraph] = opening_date(sentence.text)
        context = openers.get(sentence.paragraph) if sentence.index_in_paragraph > 0 else None
        candidates += _sentence_candidates(sentence, published, context, products, law_firm)
    return candidates


def _sentence_candidates(
    sentence: Sentence,
    published: Month | None,
    context: Month | None,
    products: ProductContext,
    law_firm: bool,
) -> list[_Candidate]:
    text = sentence.text
    triggers = find_triggers(text, headline=sentence.role == "headline")
    if not triggers:
        return []
    agencies = find_agencies(text)
    countries = find_countries(text)
    codes = products.find(text)
    opening = sentence.role in ("headline", "subtitle") or sentence.first_paragraph
    out: list[_Candidate] = []
    starts = sorted({t.start for t in triggers})
    for trigger in triggers:
        limit = next((s for s in starts if s >= trigger.end), None)
        novelty: str | None
        if sentence.role == "background":
            novelty, rule = "background", "background: an About or boilerplate section"
        else:
            novelty, rule = judge(
                text, trigger.start, trigger.end, trigger.type, published, opening, context, limit
            )
        dropped = None
        if novelty is None:
            dropped = rule  # negated: "has not received"
        if law_firm and novelty == "new":
            novelty, rule = "restated", "restated: a law-firm investor alert recounts old events"
        chosen = pick_agencies(text, trigger, agencies)
        chosen = prefer_country(text, trigger, chosen, agencies, countries)
        if not chosen and trigger.type != "trial_start" and countries:
            chosen = pick_agencies(text, trigger, countries)
        if not chosen and trigger.type != "trial_start":
            implied = implied_agency(text[trigger.start : trigger.end], products.opening_agencies)
            if implied:
                chosen = [AgencySpan(implied, trigger.start, trigger.end)]
            else:
                # no regulator: an ethics committee, a partner, a description
                dropped = dropped or "dropped: no regulator named in the sentence"
        if trigger.type in DEVICE_TYPES and DEVICE.search(text):
            dropped = dropped or "dropped: the product is a medical device, not a drug"
        if trigger.type == "approval" and FACILITY.search(text):
            dropped = dropped or "dropped: a facility or site approval, not a drug's"
        # The product of the news, not one in the company's description before "announced that".
        opens = news_start(text, trigger.start)
        near = [c for c in codes if c[1] >= opens] or codes
        written: list[str | None] = (
            list(nearest_codes(text, trigger, near, products)) if near else []
        )
        if not written:
            written = [products.resolve(sentence, text)]
        spans: list[AgencySpan | None] = list(chosen) if chosen else [None]
        for span in spans:
            for product in written:
                out.append(
                    _Candidate(
                        type=trigger.type,
                        status=trigger.status,
                        agency=span.agency if span else None,
                        country=text[span.start : span.end] if span and span.country_only else None,
                        product=product,
                        indication=indication_for(text, product, codes, products)
                        or products.indication(sentence, product),
                        phase=find_phase(text) or products.phase(trigger.type),
                        evidence=text,
                        novelty=novelty or "restated",
                        sentence=sentence,
                        mention_only=trigger.mention_only,
                        trigger=text[trigger.start : trigger.end],
                        rule=rule,
                        dropped=dropped,
                    )
                )
    return out


def _gate_on_announcement(all_candidates: list[_Candidate], periodic: bool = False) -> None:
    """Rule 1: outside the opening (headline, sub-headline, first paragraph), an event is new only
    when the opening announced that kind of event; after the lead, that kind from that agency.
    In a periodic report the opening is the headline and sub-headlines, plus first-paragraph sentences that
    announce something today."""
    candidates = [c for c in all_candidates if c.dropped is None]
    if periodic:
        named = {
            c.type
            for c in candidates
            if c.sentence.role in ("headline", "subtitle") and c.novelty == "new"
        }
        for c in candidates:
            if (
                c.novelty == "new"
                and c.type not in named
                and not (c.sentence.first_paragraph and _ANNOUNCES.search(c.sentence.text))
            ):
                c.novelty = "restated"
                c.rule = "restated: a periodic report recaps it; its headline does not name it"
    if not any(
        c.sentence.role in ("headline", "subtitle") and c.novelty == "new" for c in candidates
    ):
        # The headline is about other news (data, a launch): a status stated in the lead without
        # an announcing verb ("AB-1 has been granted Fast Track") is not this release's news.
        for c in candidates:
            if (
                c.novelty == "new"
                and c.sentence.role == "lead"
                and c.sentence.index_in_paragraph > 0
                and not _ANNOUNCING.search(c.sentence.text)
            ):
                c.novelty = "restated"
                c.rule = "restated: stated as status in the lead; the headline is about other news"
    opening = [
        c
        for c in candidates
        if c.novelty == "new"
        and not c.mention_only
        and (c.sentence.role in ("headline", "subtitle") or c.sentence.first_paragraph)
    ]
    types = {c.type for c in opening}
    pairs = {(c.type, c.agency) for c in opening}
    in_opening = {id(c) for c in opening}  # identity: equal candidates may sit in two places
    for c in candidates:
        if c.novelty != "new" or id(c) in in_opening:
            continue
        if c.sentence.role in ("lead", "body") and _TODAY_ANNOUNCES.search(c.sentence.text):
            continue  # "At the same time, Acme today announced that …": its own announcement
        if c.sentence.role == "lead" and c.type not in types:
            c.novelty = "restated"
            c.rule = "restated: after the first paragraph, and the opening announces no such event"
        elif c.sentence.role == "body" and (c.type, c.agency) not in pairs:
            c.novelty = "restated"
            c.rule = "restated: outside the lead, and the opening announces no such event"
    for c in candidates:
        if c.mention_only and c.novelty == "new":
            c.novelty = "planned"  # an IND accepted or submitted: its clearance is still to come
            c.rule = "planned: an application submitted or accepted, its clearance still to come"


def _assemble(all_candidates: list[_Candidate], products: ProductContext) -> Extraction:
    candidates = [c for c in all_candidates if c.dropped is None]
    dropped = [c for c in all_candidates if c.dropped is not None]
    named = {(c.type, c.agency) for c in candidates}
    events: dict[tuple[str, str | None, str | None], list[_Candidate]] = {}
    for c in candidates:
        agency = c.agency
        if c.country:
            # "approved in Japan" is the PMDA's act; a trial tied only to a country (rule 5)
            # keeps "other" unless the release names that country's regulator for it too.
            regulator = country_regulator(c.country)
            if regulator and (c.type != "trial_start" or (c.type, regulator) in named):
                agency = regulator
        key = (c.type, agency, products.key(c.product) if c.product else None)
        c.agency = agency
        events.setdefault(key, []).append(c)
    # An event with no product folds into the same (type, agency) event that names one; a trial
    # start with no regulator folds into the same trial start tied to one.
    with_product: dict[tuple[str, str | None], tuple[str, str | None, str | None]] = {}
    for k in events:
        if k[2] is not None:
            with_product.setdefault(k[:2], k)
    for key in [k for k in events if k[2] is None]:
        if key[:2] in with_product:
            events[with_product[key[:2]]] += events.pop(key)
    tied = next((k for k in events if k[0] == "trial_start" and k[1] is not None), None)
    for key in [k for k in events if k[0] == "trial_start" and k[1] is None]:
        if tied:
            events[tied] += events.pop(key)
    # Headline inflation: "China Approves … Therapy" over a lead that reports a trial clearance by
    # the same regulator is that clearance, not a marketing approval.
    clearances = {k[1] for k in events if k[0] == "ind_clearance"}
    for key in [k for k in events if k[0] == "approval"]:
        group = events[key]
        if key[1] in clearances and all(c.sentence.role in ("headline", "subtitle") for c in group):
            for c in events.pop(key):
                c.dropped = (
                    "dropped: a headline 'approval' over a trial clearance by that regulator"
                )
                dropped.append(c)
    milestones: list[Milestone] = []
    mentions: list[Milestone] = []
    for key, group in events.items():
        best = min(group, key=lambda c: (_RANK[c.novelty], c.mention_only, _evidence_rank(c)))
        product = next((c.product for c in group if c.product), None)
        if product:
            product = products.written(product, best.evidence)
        novelty = best.novelty if not best.mention_only or best.novelty != "new" else "planned"
        event = Milestone(
            type=best.type,
            agency=key[1],
            product=product,
            indication=best.indication or next((c.indication for c in group if c.indication), None),
            phase=best.phase or next((c.phase for c in group if c.phase), None),
            status=best.status,
            evidence=best.evidence,
            novelty=novelty,
            explain=_explain(best, best.rule, len({id(c.sentence) for c in group})),
        )
        (milestones if novelty == "new" and not best.mention_only else mentions).append(event)
    return Extraction(
        milestones=tuple(milestones),
        mentions=tuple(mentions),
        dropped=tuple(_dropped(c) for c in dropped),
    )


def _explain(c: _Candidate, rule: str, sentences: int = 1) -> dict[str, str]:
    return {
        "trigger": c.trigger,
        "sentence_role": c.sentence.role + (" (first paragraph)" if c.sentence.first_paragraph
                                            and c.sentence.role == "lead" else ""),
        "rule": rule,
        "sentences": str(sentences),
    }  # fmt: skip


def _dropped(c: _Candidate) -> Milestone:
    return Milestone(
        type=c.type,
        agency=c.agency,
        product=c.product,
        indication=c.indication,
        phase=c.phase,
        status=c.status,
        evidence=c.evidence,
        novelty=c.novelty,
        explain=_explain(c, c.dropped or ""),
    )


def _evidence_rank(c: _Candidate) -> int:
    # The announcing body sentence is better evidence than the headline that summarises it.
    return {"lead": 0, "body": 1, "headline": 2, "subtitle": 2, "background": 3}[c.sentence.role]
