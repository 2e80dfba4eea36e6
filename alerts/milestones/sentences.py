"""Release text → sentences with their role in the release (headline, lead, body, background).

A PR Newswire release puts its news in the headline and the first paragraphs; history, quotes and
the "About" / forward-looking boilerplate follow. The role of a sentence is the strongest signal of
whether an event in it is announced by this release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from alerts.milestones.model import ReleaseText

Role = Literal["headline", "subtitle", "lead", "body", "background"]

# The lead is the run of news paragraphs before the first sub-heading or quote, at most this many.
LEAD_PARAGRAPHS = 3
# A "sentence" longer than this (a table flattened to text, a hostile body without full stops) is
# cut into pieces of at most this length, at a clause mark or a space: every later step looks at a
# sentence a bounded number of times per event phrase, so extraction stays linear in the release.
MAX_SENTENCE = 600

# Wire datelines: "CITY, May 1, 2025 /PRNewswire/ --", "CITY, May 01, 2025 (GLOBE NEWSWIRE) --",
# "CITY--(BUSINESS WIRE)--".
_DATELINE = re.compile(
    r"^.{0,160}?(?:/\s*PRNewswire(?:-\w+)?\s*/|\(\s*GLOBE\s*NEWSWIRE\s*\)|"
    r"-{1,2}\s*\(\s*BUSINESS\s+WIRE\s*\))\s*(?:--|—|–|-)\s*",
    re.DOTALL | re.IGNORECASE,
)
# A dateline without a wire marker: "Madrid, October 4th, 2017.- ", "TOKYO, Japan I February 10,
# 2016 I ", "SAN CARLOS, Calif., March 24, 2023 -- ", "MONTREAL -- (Marketwired) -- 07/08/13".
_DATELINE_PLAIN = re.compile(
    r"^[A-Z][^\n]{0,120}?(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\(\s*(?:Marketwired|ACCESSWIRE|Newsfile|"
    r"EQS[^)]{0,30}|PRNewsfoto[^)]{0,30})\s*\)\s*(?:--|—|–|-)\s*\d{1,2}/\d{1,2}/\d{2,4})"
    r"\s*(?:\.?\s*(?:--|—|–|-|/)|\bI\b)\s*"
)
_ABOUT = re.compile(r"^\s*(?:About|关于)\b", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^\s*(?:forward[- ]looking statements?|cautionary (?:note|statement)|safe harbor|"
    r"disclaimer|media contacts?|investor contacts?|contacts?\s*:|for more information|"
    r"SOURCE\s|references?\s*:?$)",
    re.IGNORECASE,
)
_QUOTE_START = re.compile(r'^\s*["“]')
_SAID = re.compile(r'["”]\s*,?\s*(?:said|says|stated|added|commented|noted)\b', re.IGNORECASE)

# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "u.s",
    "u.k",
    "inc",
    "ltd",
    "co",
    "corp",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "no",
    "vs",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mass",
    "calif",
    "n.j",
    "pa",
    "ph.d",
    "m.d",
    "approx",
    "fig",
    "ave",
    "n.y",
    "d.c",
    "wash",
    "md",
    "conn",
    "ill",
    "tex",
    "fla",
    "ga",
    "mich",
    "minn",
    "n.c",
    "s.a",
    "a.g",
    "plc",
    "l.p",
    "llc",
    "u.s.a",
    "b.v",
    "n.v",
    "al",
    "etc",
    "gmbh",
    "k.k",
}
_SENT_END = re.compile(r"(?<=[.!?。；;])[\"”’)]?\s+(?=[\"“(\[A-Z0-9\u4e00-\u9fff])|(?<=[。！？])")


_LAST_WORD = re.compile(r"([A-Za-z.]+)\.[\"”’)]?$")
_CLAUSE_MARK = re.compile(r"[;,:]\s")


@dataclass(slots=True, frozen=True)
class Sentence:
    text: str
    role: Role
    paragraph: int  # -1 for headline/subtitles, then 0-based over body paragraphs
    first_paragraph: bool
    index_in_paragraph: int


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations such as "U.S." together."""
    out: list[str] = []
    start = 0
    for match in _SENT_END.finditer(text):
        head = text[max(start, match.start() - 40) : match.start()].rstrip()
        last = _LAST_WORD.search(head)
        if last and last.group(1).lower().rstrip(".") in _ABBREV:
            continue
        if last and len(last.group(1)) == 1 and last.group(1).isupper():
            continue  # an initial: "Michael J. Fox"
        piece = text[start : match.end()].strip()
        if piece:
            out.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def bounded(sentence: str, limit: int = MAX_SENTENCE) -> list[str]:
    """`sentence` in pieces of at most `limit` characters, cut after the last clause mark (or
    else the last space) of each window; one pass, so linear in the sentence."""
    out: list[str] = []
    start = 0
    while len(sentence) - start > limit:
        window = sentence[start : start + limit]
        cut = max((m.end() for m in _CLAUSE_MARK.finditer(window, limit // 2)), default=0)
        if not cut:
            cut = window.rfind(" ") + 1 or limit
        piece = sentence[start : start + cut].strip()
        if piece:
            out.append(piece)
        start += cut
    tail = sentence[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_heading(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return len(stripped) < 130 and not re.search(r"[.:!?。\"”]$", stripped)


def _is_quote(paragraph: str) -> bool:
    return bool(_QUOTE_START.match(paragraph) or _SAID.search(paragraph))


_BULLET = re.compile(r"^\s*(?:[-•*·▪◦–]|\d{1,2}[.)])\s+")


def _split_body(body: str) -> tuple[list[str], list[str]]:
    """(highlights printed before the dateline, paragraphs from the dateline on, dateline cut)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()]
    dateline = _DATELINE
    at = next((i for i, p in enumerate(paras[:6]) if _DATELINE.match(p)), None)
    if at is None:
        dateline = _DATELINE_PLAIN
        at = next((i for i, p in enumerate(paras[:6]) if _DATELINE_PLAIN.match(p)), 0)
    if paras:
        paras[at] = dateline.sub("", paras[at], count=1)
    return paras[:at], [p for p in paras[at:] if p]


def paragraphs(body: str) -> list[str]:
    before, after = _split_body(body)
    return before + after


def _pieces(paragraph: str) -> list[str]:
    """Sentences of a paragraph; bulleted lines are separate items even without a full stop."""
    lines = [ln for ln in paragraph.split("\n") if ln.strip()]
    if len(lines) > 1 and sum(bool(_BULLET.match(ln)) for ln in lines) >= len(lines) - 1:
        found = [s for ln in lines for s in split_sentences(_BULLET.sub("", ln, count=1))]
    else:
        found = split_sentences(paragraph.replace("\n", " "))
    return [piece for sentence in found for piece in bounded(sentence)]


def release_sentences(release: ReleaseText) -> list[Sentence]:
    """All sentences of the release, in reading order, each with its role."""
    out = [Sentence(release.title.strip(), "headline", -1, True, 0)]
    out += [Sentence(s.strip(), "subtitle", -1, True, 0) for s in release.subtitles if s.strip()]
    highlights, body = _split_body(release.body)
    # Highlights above the dateline are read as sub-headlines.
    for para in highlights:
        for line in para.split("\n"):
            out += [Sentence(s, "subtitle", -1, True, 0) for s in _pieces(_BULLET.sub("", line))]
    background = False
    lead_open = True
    lead_count = 0
    for number, para in enumerate(body):
        if (_ABOUT.match(para) and _is_heading(para)) or _BOILERPLATE.match(para):
            background = True
        if background:
            role: Role = "background"
        elif _is_heading(para) or _is_quote(para):
            lead_open = False
            role = "body"
        elif lead_open and lead_count < LEAD_PARAGRAPHS:
            lead_count += 1
            role = "lead"
        else:
            role = "body"
        first = role == "lead" and lead_count == 1
        for i, sentence in enumerate(_pieces(para)):
            out.append(Sentence(sentence, role, number, first, i))
    return out
