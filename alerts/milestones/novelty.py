"""Is an event phrase announced as new, restated, planned, negated — judged from its own clause?

Cues (mission-anchors §5.1–5.3): restatement ("previously", "to date", "which has received",
"FDA-cleared", a past date), forward-looking language ("plans to", "expects", "if approved"),
negation ("has not received"). Dates are compared with the publication date: a date in the lead
sentence that opens the news ("In January 2025, the FDA approved …", published in April) is how
Chinese companies date fresh news; the same date later in the text, or after the verb
("received in June 2026"), dates history.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

I = re.IGNORECASE

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d\d)\b|"
    rf"\b(?:in|during|since|by|of|from)\s+(?:early\s+|mid-?|late\s+)?(?P<yonly>(?:19|20)\d\d)\b(?![-/]\d)|"
    rf"\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)\s+of\s+(?P<qyear>(?:19|20)\d\d)\b|"
    rf"\b(?P<qs>[1-4])?(?P<qh>[QH])(?P<qn>[1-4])?\s*['’]?(?P<qy>(?:19|20)?\d\d)\b|"
    rf"(?P<cy>(?:19|20)\d\d)年(?:(?P<cm>\d{{1,2}})月)?|"
    # A month without a year ("received in August") is resolved against the publication date.
    rf"\b(?:in|on|during|since)\s+(?:early\s+|mid-?|late\s+)?(?P<bm>{_MONTH_RE})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?![\w-]|,?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d)",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")

_NEGATION = re.compile(
    r"\b(?:has|have|had|did|does|do|was|were|is|are)\s+not\b|\b(?:hasn't|haven't|didn't|doesn't|"
    r"wasn't|isn't|weren't)\b|\bnot\s+(?:yet\s+)?(?:been|received|granted|approved|cleared)\b|"
    r"\bneither\b|\bno\s+(?:regulatory\s+)?(?:approval|designation|clearance)|"
    r"\bno\s+(?:\w+\s+){0,3}(?:is|are|has\s+been|have\s+been)\s+(?:currently\s+)?(?:approved|"
    r"cleared|authori[sz]ed)|\bdenied\b|"
    r"\bdeclined\s+to\b|\bwithout\s+(?:an?\s+)?(?:approval|designation|clearance)|未获",
    I,
)
_PLANNED = re.compile(
    r"\b(?:plan|plans|planned|planning|expect|expects|expected|expecting|anticipat\w+|intend\w*|"
    r"aim|aims|aiming|will|would|shall|might|could|potential(?:ly)?|if|upon|subject\s+to|seek\w*|"
    r"sought|request\w*|on\s+track|goal|(?<![-\w])targets?\b|(?<![-\w])targeting\s+(?:an?\s+)?"
    r"(?:\w+\s+)?(?:submission|filing|approval|launch)|prepar\w+|eligib\w+|pending|future|"
    r"recommend\w*|opinion|hope|hopes|look(?:s|ing)?\s+forward|await\w*|next|toward|towards|"
    r"enabl\w*|allowing|permitting|pav\w+\s+the\s+way|support\s+(?:a|an|the)\s+future|to\s+support|whether|once|in\s+order\s+to|guidance|path\s+to|"
    r"would\s+be|update\s+(?:in\s+\w+\s+)?on|to\s+(?:fund|finance)|(?<!in )(?<!on )(?<!of )(?<!by )(?<!since )(?<!early )(?<!late )(?<!mid-)"
    r"may(?!\s+proceed)(?!,?\s+\d))\b|计划|预计|拟",
    I,
)
# Restatement cues that may sit anywhere in the event's clause ("… seven IND approvals to date").
_RESTATED = re.compile(
    r"\b(?:previous(?:ly)?|prior|priorly|to\s+date|as\s+of|already|in\s+addition\s+to|also\s+holds?|"
    r"joins|earlier\s+(?:this|last)\s+(?:year|month|quarter)|last\s+(?:year|month|quarter)|"
    r"once\s+again|had\s+(?:been\s+)?(?:granted|received|issued|placed|approved|cleared|accepted|"
    r"submitted)|as\s+previously|first\s+announced|history|track\s+record|cumulative(?:ly)?|"
    r"total\s+of|all\s+of\s+which|both\s+of\s+which|each\s+of\s+which|"
    r"under\s+(?:an?|its|the|their)\s+(?:\w+\s+)?INDs?|under\s+the\s+(?:conditional\s+)?approval|"
    r"which\s+(?:has|have|had|was|were|is|are|also|already|the|received|holds?)|"
    r"to\s+have\s+(?:been\s+)?(?:received|granted|obtained|been|earned|secured|achieved)|"
    r"that\s+(?:has|have|had|was|were)\s+(?:also\s+)?(?:been\s+)?(?:granted|received|cleared|"
    r"approved|designated)|currently\s+(?:in|under|being)|under\s+(?:priority\s+)?review|"
    r"\w+-(?:cleared|approved|designated|accepted|authori[sz]ed))\b|"
    r"\b(?:FDA|NMPA|EMA|MHRA|PMDA)-\s+and\b|"
    r"(?:^|,\s*)(?:\w+\s+)?(?:approved|cleared|granted|designated|authori[sz]ed|received)\s+"
    r"(?:by|in|on|from)\b|此前|已获",
    I,
)
# "has filed with the FDA for orphan drug designation": a designation asked for, not granted.
_ASKED_FOR = re.compile(
    r"\b(?:filed|applied|submitted|petitioned|appl(?:y|ies|ying))\b[^.;]{0,120}?\bfor\s+"
    r"[^.;]{0,120}$",
    I,
)
# A designation rescinded, withdrawn, revoked or transferred is not a grant (realcases README).
_DESIGNATION_TYPES = {
    "orphan_drug", "fast_track", "breakthrough_therapy", "rmat", "rare_pediatric_disease",
    "prime", "other_designation",
}  # fmt: skip
_UNDONE_AFTER = re.compile(
    r"[\s\w()-]{0,30}?\b(?:rescind\w*|rescission|revok\w*|revocation|withdraw\w*|transferr\w*|"
    r"transfers?)\b",
    I,
)
_UNDONE_BEFORE = re.compile(
    r"\b(?:rescind\w*|rescission|revok\w*|revocation|withdr[ae]w\w*|transferr\w*|transfers?|"
    r"transfer\s+of)\s+(?:\w+\s+){0,4}$",
    I,
)
_HOLD_DATED = re.compile(r"\b(?:placed|imposed|issued|announced|received)\s+(?:\w+\s+){0,2}$", I)
# "Breakthrough Therapy Designation … Remains in Effect": an earlier act still in force.
_STILL_IN_EFFECT = re.compile(
    r"\b(?:remains?|remaining|continues?\s+to\s+be|stays?|is\s+still)\s+(?:in\s+(?:effect|place|"
    r"force)|valid|active|intact|unchanged)\b",
    I,
)
# Forward-looking right after the phrase: "approval is expected", "designation would".
_PLANNED_AFTER = re.compile(
    r"^\W{0,3}(?:is|are|was)?\s*(?:expected|anticipated|planned|pending)\b", I
)
# Restatement cues that must come before the event phrase ("following its IND clearance").
_RESTATED_BEFORE = re.compile(
    r"\b(?:holds?|held|holding|continues\s+to|continuing|continued|continuation\s+of|remains?|remaining|adds?\s+to|recent(?:ly)?|since|following|followed|after|"
    r"building\s+on|on\s+the\s+heels\s+of|having|addressing|using|relying\s+on|(?:in\s+)?reliance\s+on|"
    r"referenc\w+|with\s+reference\s+to)\b",
    I,
)
# "FDA-cleared trial", "FDA- and NMPA-cleared": an adjective describing a past event.
_COMPOUND = re.compile(
    r"\w-\s?(?:and\s+\w+-)?(?:cleared|approved|designated|accepted|authori[sz]ed)\b", I
)
# A sentence opening that frames everything in it as history.
_FRAME = re.compile(
    r"^\s*(?:Since|To\s+date|Over\s+the\s+(?:past|last)|As\s+of|Previously|Historically|"
    r"In\s+(?:the\s+)?(?:past|recent\s+years)|Prior\s+to|Thus\s+far|So\s+far|Back\s+in|"
    r"Earlier\s+(?:this|in|last))\b",
    I,
)
_OPENS_WITH_DATE = re.compile(
    rf"^\s*(?:(?:In|During|By|On|Since)\s+)?(?:early\s+|mid-?|late\s+)?(?:{_MONTH_RE}\s+)?(?:\d{{1,2}},?\s+)?(?:19|20)\d\d\b",
    I,
)
# At a clause start, a relative pronoun means the clause describes, not announces.
_RELATIVE_START = re.compile(r"^\s*(?:which|that|who|whose)\b", I)
_CLAUSE_SPLIT = re.compile(
    r";|:\s|\s[—–]\s|,\s+(?=(?:and|but|while|whereas|which|who|whose)\b)|\)\s*,", I
)


# "did not approve the NDA and issued a Complete Response Letter": the negation ends at the turn.
_TURN = re.compile(
    r"\b(?:but|instead|rather|however)\b|\band\s+(?:has\s+|have\s+|had\s+)?(?:instead\s+)?"
    r"(?:issued|sent|placed|granted|approved|cleared|received|imposed)\b",
    I,
)


def _negated(text: str) -> bool:
    ends = [m.end() for m in _NEGATION.finditer(text)]
    return bool(ends) and not _TURN.search(text[ends[-1] :])


@dataclass(slots=True, frozen=True)
class Month:
    year: int
    month: int  # 12 when only the year is known (latest possible); quarter → its last month
    exact: bool


def parse_published(text: str | None) -> Month | None:
    if not text:
        return None
    iso = _ISO.search(text)
    if iso:
        return Month(int(iso.group(1)), int(iso.group(2)), True)
    for date in dates_in(text):
        if date.year:
            return date
    return None


def dates_in(text: str) -> list[Month]:
    out: list[Month] = []
    for m in _DATE.finditer(text):
        if m.group("month"):
            key = m.group("month").lower().rstrip(".")
            out.append(Month(int(m.group("year")), _MONTHS[key], True))
        elif m.group("yonly"):
            out.append(Month(int(m.group("yonly")), 12, False))
        elif m.group("qyear"):
            q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(
                m.group("q").lower(), 4
            )
            half = "half" in m.group(0).lower()
            out.append(Month(int(m.group("qyear")), min(12, q * (6 if half else 3)), False))
        elif m.group("qy") and (m.group("qn") or m.group("qs")):
            year = int(m.group("qy"))
            year = year + 2000 if year < 100 else year
            n = int(m.group("qn") or m.group("qs"))
            span = 6 if m.group("qh").upper() == "H" else 3
            out.append(Month(year, min(12, n * span), False))
        elif m.group("cy"):
            out.append(Month(int(m.group("cy")), int(m.group("cm") or 12), bool(m.group("cm"))))
        elif m.group("bm"):
            out.append(Month(0, _MONTHS[m.group("bm").lower().rstrip(".")], True))
    return out


def _months(d: Month) -> int:
    return d.year * 12 + d.month


# How far before an event phrase its cues are looked for (characters).
_REACH = 300


def clause_around(sentence: str, start: int) -> tuple[int, int]:
    """The clause of the sentence that contains position `start`."""
    bounds = [0, *(m.start() for m in _CLAUSE_SPLIT.finditer(sentence)), len(sentence)]
    for lo, hi in itertools.pairwise(bounds):
        if lo <= start < hi:
            return lo, hi
    return 0, len(sentence)


def judge(
    sentence: str,
    start: int,
    end: int,
    type_: str,
    published: Month | None,
    opening: bool,
    context_date: Month | None,
    limit: int | None = None,
) -> tuple[str | None, str]:
    """Novelty of the event phrase at [start, end) and the rule that decided it: ("new" |
    "restated" | "planned" | "background" | None for negated, "why in a few words").

    Cues count before the phrase (from the clause start) and just after it (up to `limit`, the
    next event phrase, and at most a few words), so "first patient dosed in its FDA-cleared trial"
    keeps the dosing new while the clearance is restated. `opening`: the sentence is the headline or
    in the first paragraph, where a leading date ("In May 2025, …") dates the news itself.
    `context_date`: a date that opened an earlier sentence of the same paragraph ("In 2024, …").
    """
    lo, hi = clause_around(sentence, start)
    lo = max(lo, start - _REACH)  # cues are near the phrase; a bounded look keeps this linear
    lo = _main_clause(sentence, lo, start)
    after_end = min(hi, end + 60, limit if limit is not None and limit > end else hi)
    before = sentence[lo:start]
    after = sentence[end:after_end]
    phrase = sentence[start:end]
    if len(phrase) > 80:  # a long IND phrase ("IND …, which was submitted in March, has gone by")
        phrase = phrase[:30] + " … " + phrase[-30:]
    near = before + phrase + after
    if _negated(before + sentence[start:end]):
        return None, "negated: " + _cue(_NEGATION, before + sentence[start:end])
    asked = type_ not in ("filing", "trial_start") and _ASKED_FOR.search(before)
    if cue := _PLANNED.search(before) or _PLANNED_AFTER.match(after) or asked:
        return "planned", f"planned: forward-looking cue {cue.group(0).strip()!r}"
    around = sentence[max(0, start - 12) : min(len(sentence), end + 12)]
    if type_ in _DESIGNATION_TYPES and (
        cue := _UNDONE_AFTER.match(sentence, end, min(len(sentence), end + 40))
        or _UNDONE_BEFORE.search(before)
    ):
        return "restated", f"restated: a designation rescinded or transferred {cue.group(0)!r}"
    if cue := _STILL_IN_EFFECT.search(sentence, end, min(len(sentence), end + 120)):
        return "restated", f"restated: an earlier act still in force {cue.group(0)!r}"
    if _FRAME.match(sentence):
        return "restated", "restated: the sentence opens on history " + _cue(_FRAME, sentence)
    if _RELATIVE_START.match(sentence[lo:hi]):
        return "restated", "restated: a relative clause describes the product"
    reported = lo > 0 and bool(_NEWS_OPENS.search(sentence, max(0, lo - 60), lo + 1))
    cues = [
        m
        for m in _RESTATED.finditer(near)
        if not (reported and m.group(0).lower().startswith("had"))  # "announced that X had been"
    ]
    if cue := (cues[0] if cues else None) or _RESTATED_BEFORE.search(before):
        return "restated", f"restated: cue {cue.group(0).strip()!r}"
    if any(m.start() < end - start + 12 and m.end() > 12 for m in _COMPOUND.finditer(around)):
        return "restated", "restated: an adjective such as 'FDA-cleared' describes a past act"
    # A date anywhere in the clause up to the next event phrase dates this event.
    dated = before + sentence[start : min(hi, limit if limit is not None and limit > end else hi)]
    for m in _DATE.finditer(dated):
        parsed = dates_in(m.group(0))
        if not parsed:
            continue
        if type_ == "hold_lifted" and _HOLD_DATED.search(dated, max(0, m.start() - 30), m.start()):
            continue  # "lifting the clinical hold placed in March": the date is the hold's
        verdict = _date_verdict(parsed[0], m.start() < len(before), published, opening)
        if verdict == "restated" and lo == 0 and _OPENS_WITH_DATE.match(sentence):
            return "background", f"background: a history paragraph opens on {m.group(0)!r}"
        if verdict:
            return verdict, f"{verdict}: dated {m.group(0).strip()!r} against publication"
    if context_date and _date_verdict(context_date, True, published, opening) == "restated":
        return "background", "background: its paragraph opens on an earlier date"
    return "new", "new: no restatement, plan, negation or earlier date around the phrase"


# "Acme, which is a clinical-stage company …, announced today that …": the relative clause that
# describes the company ends where the main verb comes; "announced (today) that" opens the news.
_MAIN_VERB = re.compile(
    r",\s+(?:(?:today|recently|officially|has|have|had|also)\s+)*(?:announc\w*|report\w*|said|"
    r"says|stated|confirm\w*|(?:is|are)\s+(?:pleased|delighted|excited|proud|happy|thrilled)|has|"
    r"have|received|receives|obtained|obtains|was|were|won|wins|gives|gave|hereby)\b",
    I,
)
_NEWS_OPENS = re.compile(
    r"\b(?:announc\w*|report\w*|confirm\w*|gives\s+notice)\s+(?:today\s+|on\s+\w+\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?\s+)?(?:that\b|today\b)|"
    r"\btoday\s+announced(?:\s+that)?\b|\bto\s+(?:announce|report)(?:\s+that)?\b",
    I,
)


def _main_clause(sentence: str, lo: int, start: int) -> int:
    """Where the clause of the event phrase really starts: after a company's describing relative
    clause, and after "announced today that"."""
    if _RELATIVE_START.match(sentence[lo:start]):
        ends = [m.start() + 1 for m in _MAIN_VERB.finditer(sentence, lo, start)]
        if ends:
            lo = ends[-1]
    opens = [m.end() for m in _NEWS_OPENS.finditer(sentence, lo, start)]
    return opens[-1] if opens else lo


def news_start(sentence: str, before: int) -> int:
    """Where "announced (today) that" ends before position `before` (0 when it does not)."""
    opens = [m.end() for m in _NEWS_OPENS.finditer(sentence, 0, before)]
    return opens[-1] if opens else 0


def _cue(pattern: re.Pattern[str], text: str) -> str:
    found = [m.group(0).strip() for m in pattern.finditer(text)]
    return repr(found[-1]) if found else ""


def _date_verdict(date: Month, leading: bool, published: Month | None, opening: bool) -> str | None:
    if published is None:
        return None if opening and leading else "restated"
    if not date.year:  # the latest such month not after publication
        year = published.year if date.month <= published.month else published.year - 1
        date = Month(year, date.month, True)
    gap = _months(published) - _months(date)
    if gap < 0:
        return "planned"
    if opening and leading:
        if not date.exact and date.year < published.year:
            return "restated"
        return "restated" if gap > 6 else None
    if gap == 0 and not date.exact and date.month == 12 and date.year == published.year:
        return None  # "in 2025" in a 2025 release says nothing
    return "restated"


def opening_date(sentence: str) -> Month | None:
    """A date that opens the sentence ("In 2024, …") and so frames the rest of its paragraph."""
    match = _DATE.match(sentence.strip())
    if not match:
        match = re.match(r"^\s*(?:In|During|On|By|Since)\s+(?:early\s+|mid-?|late\s+)?", sentence)
        if not match:
            return None
        rest = sentence[match.end() :]
        found = _DATE.match(rest) or _DATE.match("in " + rest)
        if not found:
            return None
        parsed = dates_in(found.group(0))
        return parsed[0] if parsed else None
    parsed = dates_in(match.group(0))
    return parsed[0] if parsed else None
