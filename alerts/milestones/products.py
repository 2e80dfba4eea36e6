"""Product codes, indications and trial phases as written in a sentence.

Codes are normalised (XS-411 = XS411 = xs 411) so the same product written two ways is one product;
the output keeps the first spelling the release uses.
"""

from __future__ import annotations

import functools
import re

_CODE = re.compile(r"\b([A-Z]{2,5}(?:-[A-Z]{1,3})?)[- ]?(\d{1,5}[A-Za-z]{0,2})\b")
# Prefixes that look like codes but are genes, trials, registries, listings, periods, units.
_NOT_PRODUCT = {
    "NCT",
    "COVID",
    "SOD",
    "CD",
    "MAGE",
    "LGMD",
    "SMARD",
    "PD",
    "IL",
    "HLA",
    "ISSCR",
    "ENCALS",
    "ASX",
    "ESMO",
    "AAV",
    "GMP",
    "ISO",
    "HK",
    "US",
    "EU",
    "NOC",
    "CTN",
    "SAR",
    "ALS",
    "FY",
    "RMB",
    "HER",
    "KRAS",
    "EGFR",
    "BRCA",
    "TP",
    "CAR",
    "TCR",
    "MPS",
    "MDS",
    "UPDRS",
    "PRV",
    "NYSE",
    "HKEX",
    "TSX",
    "SIX",
    "PDUFA",
    "CTA",
    "IND",
    "BLA",
    "NDA",
    "MAA",
    "EOP",
    "RPD",
    "ISRCTN",
    "CTR",
    "CHICTR",
    "JRCT",
    "EUCT",
    "DSM",
    "ICD",
    "MSA",
    "SMA",
    "DMD",
    "CMC",
    "AGM",
    "ASCO",
    "ASH",
    "AAN",
    "AD",
    "AACR",
    "ESGCT",
    "ASGCT",
    "HTTP",
    "WWW",
    "USD",
    "EUR",
    "CNY",
    "JPY",
    "GBP",
    "CAD",
    "AUD",
    "HKD",
    "PCT",
    "BCMA",
    "GPRC",
    "HPV",
    "HIV",
    "HBV",
    "TNF",
    "JAK",
    "PARP",
    "PI",
    "ATM",
    "NK",
    "CRISPR",
    "FIH",
    "DLT",
    "ARR",
    "ORR",
    "PFS",
    "OS",
    "CR",
    "SEC",
    "QOL",
    "GVHD",
}
_TIME_ZONES = {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "BST",
               "JST", "KST", "HKT", "SGT", "AEST", "AEDT", "IST", "MSK"}  # fmt: skip
_TRIAL_NAME_AFTER = re.compile(
    r"^,?\s+(?:an?|the|our|its)\s+(?:\S+\s+){0,4}(?:trial|study)\b", re.IGNORECASE
)
# A code that names a gene, target or mutation rather than a product: "an oral GPR52 agonist",
# "PIK3CA-Related Overgrowth Spectrum", "KRAS G12D-mutant", "anti-TIGIT", "targeting CLDN18".
_TARGET_AFTER = re.compile(
    r"^(?:\s|-)(?:(?:small[- ]molecule|selective|oral|allosteric|dual)\s+)?(?:agonists?|"
    r"antagonists?|inhibitors?|inhibition|degraders?|modulators?|mutations?|mutant|mutated|"
    r"positive|negative|related|associated|targeted|targeting|directed|expressing|express\w*|"
    r"genes?(?!\s+(?:therap|transfer|editing|medicine))|proteins?|receptors?|pathway|variants?|deficien\w+|knockouts?|amplifi\w+|"
    r"fusions?|kinases?|ligands?|signal\w*|status|levels?|overexpression)\b",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"(?:\banti-|\btarget(?:s|ing|ed)?\s+(?:the\s+)?|\bagainst\s+|\bmutant\s+|\bbinds?\s+(?:to\s+)?)$",
    re.IGNORECASE,
)
# A trial acronym: "the pivotal Phase 2 SOLVE-2 study", "COPPER-1 trial".
_TRIAL_AFTER = re.compile(
    r"^(?:,?\s+(?:and|&)\s+[A-Z][A-Za-z]+-\d+\w?)?\s+(?:(?:Phase\s+\S+|pivotal|clinical)\s+)*"
    r"(?:trials?|stud(?:y|ies))\b",
    re.IGNORECASE,
)
# "the Phase 3 REMIX-1 …": an acronym right after the phase is the trial's name.
_TRIAL_BEFORE = re.compile(r"\bPhase\s+(?:I{1,3}V?|IV|[1-4])[abAB]?(?:/\S+)?\s+$", re.IGNORECASE)
_PHASE = re.compile(
    r"\bPhase\s+(?:I{1,3}V?|IV|[1-4])[abAB]?(?:\s*/\s*(?:I{1,3}V?|[1-4])[abAB]?)?\b(?!\s*-)",
    re.IGNORECASE,
)


def code_key(code: str) -> str:
    return re.sub(r"[-\s]", "", code).upper()


def find_products(text: str) -> list[tuple[str, int, int]]:
    """Product codes in order: (as written, start, end); trial acronyms such as NORTH-1 dropped."""
    out: list[tuple[str, int, int]] = []
    for match in _CODE.finditer(text):
        prefix = match.group(1).split("-")[0]
        if prefix in _NOT_PRODUCT or match.group(1) in _NOT_PRODUCT:
            continue
        digits = re.match(r"\d+", match.group(2))
        if digits and len(digits.group(0)) == 4 and digits.group(0).startswith(("19", "20")):
            continue  # "ISSCR 2025"
        after = text[match.end() : match.end() + 80]
        before = text[max(0, match.start() - 20) : match.start()]
        if prefix in _TIME_ZONES or re.match(r"\.\d", after):
            continue  # "UTC-4": a time zone; "CLDN18.2": a target isoform
        trial = _TRIAL_NAME_AFTER.match(after) or _TRIAL_AFTER.match(after)
        named_trial = trial and _TRIAL_BEFORE.search(before)  # "the Phase 2 ARC-2 trial"
        if named_trial or ((trial or _TRIAL_BEFORE.search(before)) and len(prefix) >= 4):
            continue
        if _TARGET_AFTER.match(after) or _TARGET_BEFORE.search(
            text[max(0, match.start() - 20) : match.start()]
        ):
            continue
        out.append((match.group(0), match.start(), match.end()))
    return out


def find_phase(text: str) -> str | None:
    match = _PHASE.search(text)
    if not match:
        return None
    return re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", match.group(0)))


# Conditions named in this product area; the generic "for the treatment of …" pattern covers others.
_KNOWN = re.compile(
    r"Parkinson'?s\s+disease|\bPD\b(?=\))|amyotrophic\s+lateral\s+sclerosis|\bALS\b|"
    r"spinal\s+cord\s+injur(?:y|ies)|\bSCI\b|multiple\s+system\s+atrophy|\bMSA(?:-[PC])?\b|"
    r"ischemic\s+stroke|Huntington'?s\s+disease|Alzheimer'?s\s+disease|epilepsy|"
    r"age-related\s+macular\s+degeneration|retinitis\s+pigmentosa|heart\s+failure|"
    r"graft-versus-host\s+disease|type\s+1\s+diabetes|multiple\s+myeloma|lymphoma|leukemia|"
    r"glioblastoma|lupus(?:\s+nephritis)?|osteoarthritis|Crohn'?s\s+disease|"
    r"Duchenne\s+muscular\s+dystrophy|multiple\s+sclerosis|haemophilia\s+[AB]|hemophilia\s+[AB]",
    re.IGNORECASE,
)
_FOR = re.compile(
    r"\bfor\s+(?:the\s+)?(?:treatment|treating|prevention)\s+of\s+(?:(?:adults?|adult|pediatric|"
    r"paediatric|adolescents?|children|patients|boys|girls|people|infants|ambulatory|individuals)"
    r"\b[^.;]{0,90}?\bwith\s+(?:(?:severe|serious)\s+manifestations\s+of\s+)?)?"
    r"(?P<ind>[A-Za-z][A-Za-z0-9'’\-]*(?:\s+(?!(?:in|at|who|after|following|based|and|with|under|that|"
    r"which|to|from|by|on|as|after)\b)[A-Za-z0-9'’\-]+){0,6})",
    re.IGNORECASE,
)


_KNOWN_STEMS = (
    "parkinson", "pd)", "amyotrophic", "als", "spinal", "sci", "multiple", "msa", "ischemic",
    "huntington", "alzheimer", "epilepsy", "macular", "retinitis", "heart failure", "graft",
    "diabetes", "myeloma", "lymphoma", "leukemia", "glioblastoma", "lupus", "osteoarthritis",
    "crohn", "duchenne", "haemophilia", "hemophilia",
)  # fmt: skip


def _may_name(low: str) -> tuple[bool, bool]:
    """(the "for the treatment of" pattern can match, a known condition can match)."""
    return ("treat" in low or "prevention" in low), any(s in low for s in _KNOWN_STEMS)


@functools.lru_cache(maxsize=4096)
def find_indication(text: str) -> str | None:
    treat, known_stem = _may_name(text.lower())
    match = _FOR.search(text) if treat else None
    if match:
        ind = match.group("ind").strip(" ,.;")
        known = _KNOWN.search(ind)
        if known:
            return known.group(0)
        if len(ind) > 3 and not ind.lower().startswith(("the ", "a ", "its ")):
            return ind
    known = _KNOWN.search(text) if known_stem else None
    return known.group(0) if known else None


def find_indications(text: str) -> list[tuple[str, int]]:
    """Every condition the sentence names, in order: (as written, position)."""
    out: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    for match in _FOR.finditer(text):
        ind = match.group("ind").strip(" ,.;")
        known = _KNOWN.search(ind)
        if known:
            out.append((known.group(0), match.start("ind") + known.start()))
        elif len(ind) > 3 and not ind.lower().startswith(("the ", "a ", "its ")):
            out.append((ind, match.start("ind")))
        else:
            continue
        taken.append((match.start("ind"), match.end("ind")))
    for known in _KNOWN.finditer(text):
        if not any(lo <= known.start() < hi for lo, hi in taken):
            out.append((known.group(0), known.start()))
    return sorted(out, key=lambda f: f[1])
