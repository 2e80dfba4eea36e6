"""Phrase families that name a regulatory event, and the (type, status) each one means.

Each trigger is a span in a sentence. Whether the event is new, restated, planned or background
is decided elsewhere (novelty.py); here we only decide *what* kind of event a phrase names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

I = re.IGNORECASE


@dataclass(slots=True, frozen=True)
class Trigger:
    type: str
    status: str
    start: int
    end: int
    mention_only: bool = False  # e.g. an IND accepted / submitted: reported, never a milestone


# Verbs that make a designation or an approval an act rather than a description of a programme.
_GRANT = re.compile(
    r"\b(?:grant(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|award(?:s|ed)?|designated|designates|"
    r"obtain(?:s|ed)?|secur(?:es|ed)|included|earn(?:s|ed)?|achiev(?:es|ed)|won|wins|gain(?:s|ed)?|"
    r"hold|holds|held|approved|approves|assigned|accepted|announc\w*|recogni[sz]ed|qualified|"
    r"conferred|issued|given|certified|reports|reported)\b|获得|授予|纳入",
    I,
)

_DESIGNATIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "orphan_drug",
        re.compile(
            r"\borphan(?:\s+(?:drug|medicinal|medicine|regenerative|medical|product|products|disease)){0,3}"
            r"\s*(?:designation|status|designations)|\bdesignated\s+(?:as\s+)?an?\s+orphan|\bODD\b|"
            r"\bdesignated\b[^.;]{0,80}?\bas\s+(?:an?\s+)?orphan\s+(?:drug|medicin\w*|product)s?\b|"
            r"孤儿药",
            I,
        ),
    ),
    ("fast_track", re.compile(r"\bfast[- ]track\b|快速通道", I)),
    (
        "breakthrough_therapy",
        re.compile(
            r"\bbreakthrough\s+(?:therapy|treatment|therapies|drug|device)?\s*(?:designation|status|"
            r"program|drug)?|\bBTD\b|突破性治疗",
            I,
        ),
    ),
    ("rmat", re.compile(r"regenerative\s+medicine\s+advanced\s+therap\w*|\bRMAT\b", I)),
    (
        "rare_pediatric_disease",
        re.compile(
            r"rare\s+p(?:a)?ediatric\s+disease(?:\s+\(RPD\))?\s*(?:designation|status)?|\bRPDD?\b",
            I,
        ),
    ),
    ("prime", re.compile(r"\bPRIME\b|\bpriority\s+medicines\b", I)),
    (
        "other_designation",
        re.compile(
            r"\bSAKIGAKE\b|innovation\s+passport|\bILAP\b|promising\s+innovative\s+medicine|"
            r"\bPIM\s+designation|ATMP\s+classification|provisional\s+determination|"
            r"conditional\s+time[- ]limited\s+designation|qualified\s+infectious\s+disease\s+product|"
            r"\bQIDP\b",
            I,
        ),
    ),
]

# "PRIME" in running text is only EMA's scheme when written in capitals or spelled out.
_PRIME_CAPS = re.compile(r"\bPRIME\b|PRIority\s+MEdicines|priority\s+medicines", I)

_HOLD_LIFTED = re.compile(
    r"\b(?:lift\w*|remov\w*|releas\w*|resolv\w*|clos\w*)\s+(?:of\s+)?(?:the\s+|a\s+|its\s+)?"
    r"(?:partial\s+|full\s+|complete\s+)?(?:clinical\s+)?hold\b|"
    r"\bclinical\s+hold\b[^.;]{0,60}?\b(?:has\s+been\s+|was\s+|been\s+)?(?:lifted|removed|released)\b|"
    r"\bhold\s+lift(?!\w*\s+(?:plan|request|strategy|response|package|submission))",
    I,
)
_RESUME = re.compile(
    r"\b(?:clear\w*|permission|permitted|allowed|authori[sz]\w*|approv\w*|may)\s+(?:\w+\s+){0,2}?"
    r"(?:to\s+)?(?:resume|restart|recommence)\b",
    I,
)
_HOLD_DOCUMENT = re.compile(
    r"\s+(?:lift\w*\s+)?(?:plan|response|request|strategy|package|complete\s+response)\b", I
)
_HOLD = re.compile(
    r"\bclinical\s+hold\b|\bon\s+(?:a\s+)?(?:partial\s+|full\s+)?(?:clinical\s+)?hold\b|"
    r"\bhold\s+on\s+(?:the|its)\s+(?:\w+\s+){0,4}(?:trial|study|IND)",
    I,
)
_CRL = re.compile(
    r"complete\s+response\s+letter|\bCRL\b|notice\s+of\s+non-compliance|"
    r"refus\w*[\s-]+to[\s-]+(?:approve|grant|file)|refusal\s+of\s+(?:the\s+)?marketing|"
    r"\brejected\s+the\s+(?:application|BLA|NDA|MAA|marketing)",
    I,
)

_FILING_NOUN = re.compile(
    r"(?<![Pp]re-)(?<![Pp]re)\b(?:s?BLAs?|s?NDAs?|MAAs?|NDS|(?<!Investigational\s)New\s+Drug\s+(?:Application|Submission)s?|"
    r"Biologics?\s+License\s+Applications?|Marketing\s+Authori[sz]ation\s+Applications?|"
    r"marketing\s+applications?|(?:provisional\s+)?registration\s+application|"
    r"application\s+(?:\w+\s+){0,6}(?:provisional\s+)?registration|上市申请|"
    # "an application to the MHLW seeking marketing approval", "application for marketing approval"
    r"(?:marketing|manufacturing\s+and\s+marketing)\s+(?:approval|authori[sz]ation)\s+"
    r"applications?|applications?\b(?=[^.;]{0,90}?\b(?:seeking|for)\s+(?:\w+\s+){0,2}"
    r"(?:marketing|manufacturing\s+and\s+marketing)\s+(?:approval|authori[sz]ation)))",
    I,
)
_FILING_ACCEPT = re.compile(
    r"\baccept\w*|(?<!assay\s)(?<!method\s)(?<!process\s)\bvalidat\w*|\bfiled\s+for\s+review|受理|\bgrant\w*\s+(?:\w+\s+){0,3}priority\s+review|"
    r"priority\s+review\s+(?:status\s+)?(?:was\s+|has\s+been\s+)?grant",
    I,
)
_FILING_SUBMIT = re.compile(
    r"\b(?:re)?submi(?:t|ts|tted|ssion|ssions)\b|\bfiled\b|\bfiling\b|\blodg\w*|\b递交", I
)
_PRIORITY_REVIEW = re.compile(r"\bpriority\s+review\b(?!\s+voucher)", I)
_ROLLING = re.compile(r"\brolling\s+(?:\w+\s+)?submission", I)
# Completing a rolling submission is the submission itself.
_ROLLING_DONE = re.compile(r"\bcomplet\w*\s+(?:of\s+)?(?:the\s+|its\s+|a\s+)?rolling\b", I)

# Approvals to run a trial (IND / CTA / NHC study) — the context that turns "approved" into
# ind_clearance rather than a marketing approval.
IND_CONTEXT = re.compile(
    r"\bINDs?\b|investigational\s+new\s+drug|clinical\s+trial\s+(?:application|authori[sz]ation|"
    r"notification)s?|\bCTAs?\b|\bCTN\b|no\s+objection\s+letter|\bNOL\b|expanded\s+access|"
    r"compassionate\s+use|临床试验|\bstudy\s+may\s+proceed|clinical\s+investigation|"
    r"\b(?:to\s+(?:enter|initiate|begin|start|conduct|commence|proceed\s+with|launch|run)|for|"
    r"for\s+(?:running|conducting|starting|initiating|beginning|the\s+start\s+of))\s+"
    r"(?:a\s+|the\s+|its\s+|their\s+)?(?:global\s+|first-in-human\s+|registrational\s+|pivotal\s+|"
    r"multi-?cent(?:er|re)\s+)*(?:phase\b|clinical\s+(?:trial|stud|research)|first-in-human|"
    r"(?:trial|study)\b)|"
    r"(?:clinical|investigator-initiated)\s+(?:trial|study|research)\b[^.;]{0,120}?\bapprov|"
    r"(?<!marketing\s)\bclear(?:ed|ance)\b|National\s+Health\s+Commission|\bNHC\b|"
    r"\bapprov\w*\s+(?:[\w/.-]+\s+){0,4}(?:clinical\s+)?(?:trial|study|protocol)s?\b",
    I,
)
_IND_CLEAR = re.compile(
    r"\bclear(?:ed|s|ance|ances)?\b|\bpermit(?:s|ted)?\b|"
    # Japan's 30-day review of a clinical trial notification "has passed without objection".
    r"\b(?:passed|elapsed|gone\s+by|expired|lapsed|ended)\s+without\b|\b(?:(?:has\s+)?gone|went|goes)\s+into\s+effect\b|"
    r"\b(?:is\s+)?now\s+(?:in\s+effect|active)\b|\bbec(?:a|o)me\s+effective\b|\bno\s+objections?\b|\b(?:may|to)\s+proceed\b|"
    r"implied\s+(?:approval|license)|默示许可|获批|\bapprov\w*|\bauthori[sz]\w*|\bconsent\w*",
    I,
)
_IND_ACCEPT = re.compile(r"\baccept\w*|受理|\backnowledg\w*", I)
_IND_SUBMIT = re.compile(r"\bsubmi\w*|\bfil(?:ed|ing)\b|备案|\blodg\w*", I)

_APPROVAL = re.compile(
    r"\b(?:conditional(?:ly)?|full|accelerated|provisional|time-limited|marketing|commercial|"
    r"regular|standard)\s+(?:and\s+time-limited\s+)?(?:marketing\s+)?"
    r"(?:approval|authori[sz]ation|registration)s?\b(?!\s+applications?)|"
    r"\bmarketing\s+clearance\b|"
    r"\b(?:approv(?:ed|es)|authori[sz]ed|authori[sz]es)\b"
    # "no approved treatments", "approved therapies": an adjective, not an act.
    r"(?!\s+(?:(?:disease-modifying|targeted|oral|systemic|curative)\s+)?(?:therap|treatment|drug|"
    r"medicine|product|option|indication|label|dose|use|alternative)\w*\b(?!\s+(?:of|with)\b))|"
    r"notice\s+of\s+compliance|\bNOC(?:/c)?\b|"
    r"\bregistered\s+on\s+the\s+ARTG|上市批准|批准上市|"
    r"\b(?:receiv\w*|obtain\w*|secur\w*|grant\w*|won|gain\w*)\s+(?:\w+\s+){0,3}approval\b",
    I,
)
_APPLYING = re.compile(
    r"\b(?:applications?|submissions?|submits?|submitted|seeking|seeks?|apply|applied|applies|"
    r"filed|files|request\w*)\b(?:\s+\w+){0,5}\s*$",
    I,
)
# A reduced relative clause ("the only therapy approved by the FDA for …", "products approved
# under accelerated approval …"): the noun is described, nothing is announced.
_DESCRIBED = re.compile(
    r"\b(?:products?|therap(?:y|ies)|drugs?|medicines?|treatments?|options?)\s+(?:(?:already|"
    r"recently|currently|previously|newly|first|only)\s+)?$|\bapproved\s+by\s+the\s+\w+\s+under\s+$",
    I,
)
_TRIAL_START = re.compile(
    r"\bfirst\s+(?:\w+\s+){0,2}(?:patient|participant|subject|person|case|cohort)s?\b[^.;]{0,80}?"
    r"\b(?:dosed|treated|enrolled|transplanted|randomi[sz]ed|implanted|infused|injected|"
    r"administered|screened\s+and\s+dosed)\b|"
    r"\b(?:dosed|treated|enrolled|transplanted|randomi[sz]ed|infused)\s+(?:the|its|their|our)\s+"
    r"first\s+(?:patient|participant|subject)|"
    r"\bfirst[- ]patient[- ](?:dosed|enrolled|in\b(?!\s+(?:the|a|an|its|our|their|this)\b))|"
    r"(?<!-)\b(?:initiat\w*|commenc\w*|start\w*|began|begun|launch\w*)\s+(?:of\s+)?(?:dosing\s+in\s+)?"
    r"(?:(?:a|the|its|our|their)\s+)?(?:[\w/]+[- ]){0,4}(?:trial|study)\b|"
    r"\b(?:trial|study)\s+(?:has\s+|have\s+)?(?:officially\s+)?(?:initiated|started|commenced|"
    r"begun|begins|starts|commences|opens|is\s+underway)\b|"
    r"\b(?:trial|study)\b[^.;]{0,200}?\b(?:has|have)\s+(?:now\s+|officially\s+)?(?:commenced|"
    r"begun|started|been\s+initiated)\b|"
    r"首例",
    I,
)


_COMMERCIAL = re.compile(r"\bcommercial(?:ly)?\b(?!-stage)|\bprescri\w+|\bnewly\s+approved\b", I)


_PURPOSE = re.compile(r"\b(?:to|for)\s+(?:the\s+)?$", I)
# "an IND application, seeking clearance": a clearance asked for, not obtained.
_SOUGHT = re.compile(
    r"\b(?:seek\w*|request\w*|apply\w*|applied|for|to\s+obtain|pursu\w*|await\w*)\s+"
    r"(?:\w+\s+){0,2}$",
    I,
)
_PROCEDURE = re.compile(
    r"\b(?:meetings?|hearings?|appeals?|reconsideration|requests?|protocol\s+amendments?|"
    r"(?:price|pricing|reimbursement)(?:\s+\w+)?)\s+(?:(?:was|were|is|has\s+been)\s+)?$",
    I,
)
_PARTICIPLE = re.compile(r"approved|authori[sz]ed", I)
_ADJECTIVE_USE = re.compile(r"(?:['’]s|\b(?:the|its|an?|our|their|only|first))\s+$", I)
_OBJECT_RELATIVE = re.compile(
    r"\b(?:that|which)\s+(?:the\s+)?(?:(?:[A-Z][\w.&'’-]*|and|of|for)\s+){1,8}(?:\([A-Z]+\)\s+)?$"
)
_NEWS_VERB = re.compile(
    r"\b(?:announc\w*|report\w*|said|says|confirm\w*|not\w*|today|disclos\w*)\s+(?:that|which)\s",
    I,
)
_DATA_FOR = re.compile(
    r"\b(?:data|results?|outcomes?|follow-up|readouts?|findings)\s+(?:\w+\s+){0,2}"
    r"(?:for|from|of|in|on)\s+(?:the\s+)?$",
    I,
)


def _has_grant(text: str) -> bool:
    return bool(_GRANT.search(text))


# One cheap pass first, over the lower-cased sentence: every trigger below needs one of these
# stems (or a CJK character), so a sentence without any of them (most of a release) names no
# event. Over-inclusive on purpose. Substring tests: twice as fast as one regex alternation,
# which Python's engine tries at every position.
_ANY_STEM = (
    "hold", "resum", "restart", "respons", "crl", "refus", "reject", "complian", "orphan", "odd",
    "fast", "breakthrough", "btd", "regenerat", "rmat", "rpd", "ediatric", "prime", "priority",
    "sakigake", "passport", "ilap", "innovative", "pim", "atmp", "provisional", "time-limited",
    "time limited", "infectious", "qidp", "bla", "nda", "maa", "nds", "new drug", "application",
    "registration", "submi", "fil", "lodg", "approv", "authori", "clear", "noc", "artg",
    "effect", "active", "objection", "proceed", "implied", "consent", "accept", "acknowledg",
    "valid", "dosed", "treated", "enrolled", "transplant", "randomi", "implanted", "infused",
    "injected", "administered", "first-patient", "first patient", "initiat", "commenc", "start",
    "began", "begun", "begin", "launch", "underway", "opens",
)  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")


# Literal stems each family needs (over the lower-cased sentence): a family whose stems are absent
# is not run at all. Cheaper than its case-insensitive regexes, and the same result.
_NEEDS_HOLD = ("hold",)
_NEEDS_CRL = ("complete response", "crl", "non-compliance", "refus", "reject")
_NEEDS_DESIGNATION = (
    "orphan", "odd", "孤儿药", "fast", "快速通道", "breakthrough", "btd", "突破性治疗",
    "regenerative", "rmat", "ediatric", "rpd", "prime", "priority medicines", "sakigake",
    "innovation passport", "ilap", "promising innovative", "pim designation", "atmp",
    "provisional determination", "time", "qualified infectious", "qidp",
)  # fmt: skip
_NEEDS_FILING = (
    "bla", "nda", "maa", "nds", "new drug", "biologic", "marketing", "registration",
    "application", "上市申请", "priority review",
)  # fmt: skip
_NEEDS_TRIAL = (
    "first", "initiat", "commenc", "start", "began", "begun", "launch", "trial", "study", "首例",
)  # fmt: skip


_NEEDS_IND = (
    "ind", "investigational", "clinical", "cta", "ctn", "objection", "nol", "expanded access",
    "compassionate", "临床试验", "stud", "trial", "phase", "first-in-human", "clear",
    "national health", "nhc", "approv",
)  # fmt: skip
_NEEDS_APPROVAL = ("approv", "authori", "compliance", "noc", "artg", "批准", "clear")


# What the trial-approval (IND) branch of `_approvals` can act on: a clearance, an acceptance or
# a submission verb, or explicit marketing wording; with none of these, nor an approval stem,
# `_approvals` finds nothing, so its costliest pattern (IND_CONTEXT, ~40 us) is not run.
_NEEDS_IND_ACT = (
    "clear", "permit", "without", "effect", "active", "objection", "proceed", "implied",
    "默示许可", "获批", "approv", "authori", "consent", "accept", "受理", "acknowledg", "submi",
    "fil", "备案", "lodg", "marketing", "compliance",
)  # fmt: skip


def _has(low: str, stems: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, stems))


def find_triggers(text: str, headline: bool = False) -> list[Trigger]:
    """Every event phrase in one sentence (possibly several types, possibly overlapping)."""
    low = text.lower()
    if not _has(low, _ANY_STEM) and not _CJK.search(low):
        return []
    out: list[Trigger] = []
    resume = _RESUME.search(text) if "resum" in low or "restart" in low else None
    lifted = list(_HOLD_LIFTED.finditer(text)) if _has(low, _NEEDS_HOLD) else []
    for match in lifted:
        out.append(Trigger("hold_lifted", "reversed", match.start(), match.end()))
    if resume and not lifted:  # "FDA clearance to resume the Phase 1 study": the hold is lifted
        out.append(Trigger("hold_lifted", "reversed", resume.start(), resume.end()))
    elif _has(low, _NEEDS_HOLD) and not lifted:
        for match in _HOLD.finditer(text):
            if _HOLD_DOCUMENT.match(text, match.end()):
                continue  # "Clinical Hold Lift Plan", "clinical hold response": a document
            out.append(Trigger("clinical_hold", "negative", match.start(), match.end()))
    if _has(low, _NEEDS_CRL):
        for match in _CRL.finditer(text):
            out.append(Trigger("crl", "negative", match.start(), match.end()))
    if _has(low, _NEEDS_DESIGNATION) and _has_grant(text):
        for type_, pattern in _DESIGNATIONS:
            for match in pattern.finditer(text):
                if type_ == "prime" and not _PRIME_CAPS.fullmatch(match.group(0)):
                    continue
                if (
                    type_ == "breakthrough_therapy"
                    and match.group(0).strip().lower() == "breakthrough"
                ):
                    continue
                out.append(Trigger(type_, "granted", match.start(), match.end()))
    if _has(low, _NEEDS_FILING):
        out += _filings(text)
    if not resume:
        out += _approvals(text)
    if not _has(low, _NEEDS_TRIAL):
        return out
    for match in _TRIAL_START.finditer(text):
        if _PURPOSE.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # "clearance to initiate a Phase 1 trial", "for Start of": purpose, not a start
        if _DATA_FOR.search(text[max(0, match.start() - 50) : match.start()]):
            continue  # "Day 90 data for the first patient dosed": a readout, not a start
        if _COMMERCIAL.search(text[max(0, match.start() - 40) : match.end() + 60]):
            continue  # "first patient treated with commercial ZELVORA": a launch, not a trial
        out.append(Trigger("trial_start", "started", match.start(), match.end()))
    return out


def _filings(text: str) -> list[Trigger]:
    out: list[Trigger] = []
    if _CRL.search(text):
        return out  # "a Refusal to File letter for its BLA": the application is what was refused
    nouns = list(_FILING_NOUN.finditer(text))
    if nouns and (not _ROLLING.search(text) or _ROLLING_DONE.search(text)):
        verb = _FILING_ACCEPT.search(text) or _FILING_SUBMIT.search(text)
        if verb:
            # The application the verb acts on: the noun nearest to it.
            noun = min(nouns, key=lambda n: abs(n.start() - verb.start()))
            status = "accepted" if _FILING_ACCEPT.search(text) else "submitted"
            out.append(Trigger("filing", status, noun.start(), noun.end()))
    pr = _PRIORITY_REVIEW.search(text)
    if pr and not out and _GRANT.search(text):
        out.append(Trigger("filing", "accepted", pr.start(), pr.end()))
    return out


def _approvals(text: str) -> list[Trigger]:
    """Marketing approvals and trial approvals (IND clearance) share verbs; context decides."""
    out: list[Trigger] = []
    low = text.lower()
    approval = _has(low, _NEEDS_APPROVAL)
    if not approval and not _has(low, _NEEDS_IND_ACT):
        return out
    ind = IND_CONTEXT.search(text) if _has(low, _NEEDS_IND) else None
    if ind:
        clears = [
            c
            for c in _IND_CLEAR.finditer(text)
            if not _SOUGHT.search(text[max(0, c.start() - 40) : c.start()])
        ]
        clear = clears[0] if clears else None
        if clear:
            start = min(clear.start(), ind.start())
            out.append(Trigger("ind_clearance", "granted", start, max(clear.end(), ind.end())))
            # "Health Canada issued a No Objection Letter … and the FDA cleared the IND": each
            # clearance verb is its own act, tied to the regulator nearest to it.
            out += [Trigger("ind_clearance", "granted", c.start(), c.end()) for c in clears[1:]]
        elif (acc := _IND_ACCEPT.search(text)) and not _FILING_NOUN.search(text):
            out.append(Trigger("ind_clearance", "accepted", acc.start(), acc.end(), True))
        elif (sub := _IND_SUBMIT.search(text)) and not _FILING_NOUN.search(text):
            out.append(Trigger("ind_clearance", "submitted", sub.start(), sub.end(), True))
        # A sentence can hold a trial approval *and* a marketing approval only when the marketing
        # wording is explicit ("conditional marketing approval").
        explicit = re.search(
            r"marketing\s+(?:approval|authori[sz]ation)|notice\s+of\s+compliance", text, I
        )
        if explicit:
            out.append(Trigger("approval", "granted", explicit.start(), explicit.end()))
        return out
    if not approval:
        return out
    for match in _APPROVAL.finditer(text):
        if _APPLYING.search(text[max(0, match.start() - 50) : match.start()]):
            continue  # "application seeking provisional registration": a filing, not an approval
        if _DESCRIBED.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # "products approved by the FDA under accelerated approval": a description
        if _PROCEDURE.search(text[max(0, match.start() - 30) : match.start()]):
            continue  # "Advisory Committee Meeting Authorized": a procedure, not a product
        if _PARTICIPLE.fullmatch(match.group(0)) and _ADJECTIVE_USE.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue  # "Telix's Approved Imaging Agent", "the only approved agent": an adjective
        if _OBJECT_RELATIVE.search(text[max(0, match.start() - 120) : match.start()]) and not (
            _NEWS_VERB.search(text[max(0, match.start() - 160) : match.start()])
        ):
            continue  # "its analgesic that the FDA approved for …": describes the product
        if re.match(r"\s+(?:under|for|as|in)\s+(?:\S+\s+){0,4}designation", text[match.end() :], I):
            continue  # "approved under the FDA's Orphan Drug Designation Program": a designation
        out.append(Trigger("approval", "granted", match.start(), match.end()))
    cleared = re.search(r"\bclear(?:ed|ance|s)\b", text, I)
    if not out and cleared:
        out.append(Trigger("ind_clearance", "granted", cleared.start(), cleared.end()))
    return out
