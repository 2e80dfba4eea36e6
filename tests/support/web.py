"""A synthetic but realistic milestone history for the web view, its tests and its screenshots.

Every company, product and release here is made up (the names echo the replica's synthetic
newsroom); release URLs point at the PR Newswire URL shape with made-up ids.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from storage.models import MilestoneEvent, Release

SYNTHETIC = "Synthetic release generated for wirewatch tests and screenshots."
HOSTILE_TITLE = (
    "Acme <script>document.documentElement.setAttribute('data-xss','script')</script> "
    "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','img')\"> update"
)


@dataclass(frozen=True, slots=True)
class Milestone:
    day: str  # YYYY-MM-DD
    company: str
    type: str
    agency: str | None
    product: str | None
    indication: str | None
    status: str
    title: str
    evidence: str
    phase: str | None = None
    novelty: str = "new"
    baseline: bool = False
    alertable: bool = True


HISTORY = (
    Milestone("2024-03-12", "XellSmart", "ind_clearance", "FDA", "XS-411", "Parkinson's disease",
              "granted", "XellSmart Receives FDA IND Clearance for XS-411, an iPSC-Derived "
              "Dopaminergic Cell Therapy for Parkinson's Disease",
              "XellSmart today announced that the U.S. Food and Drug Administration (FDA) has "
              "cleared its Investigational New Drug (IND) application for XS-411.", "Phase I",
              baseline=True, alertable=False),
    Milestone("2024-06-20", "XellSmart", "ind_clearance", "NMPA", "XS-411", "Parkinson's disease",
              "granted", "XellSmart's XS-411 Cleared by China's NMPA for a Phase I Trial",
              "XellSmart today announced that China's National Medical Products Administration "
              "(NMPA) has approved the clinical trial application for XS-411.", "Phase I",
              baseline=True, alertable=False),
    Milestone("2024-09-05", "XellSmart", "orphan_drug", "FDA", "XS228", "ALS", "granted",
              "XellSmart's XS228 Granted FDA Orphan Drug Designation for ALS",
              "XellSmart today announced that the FDA has granted Orphan Drug Designation to "
              "XS228 for the treatment of amyotrophic lateral sclerosis (ALS)."),
    Milestone("2024-11-18", "XellSmart", "trial_start", "NMPA", "XS-411", "Parkinson's disease",
              "started", "First Patient Dosed in XellSmart's Phase I Trial of XS-411 in China",
              "The first patient has been dosed in the NMPA-approved Phase I trial of XS-411.",
              "Phase I"),
    Milestone("2025-01-22", "XellSmart", "ind_clearance", "FDA", "XS228", "ALS", "granted",
              "XellSmart Receives FDA IND Clearance for XS228 in ALS",
              "The FDA has cleared the IND application for XS228, an iPSC-derived motor neuron "
              "progenitor therapy for ALS.", "Phase I/IIa"),
    Milestone("2025-04-15", "XellSmart", "rmat", "FDA", "XS-411", "Parkinson's disease",
              "granted", "XellSmart's XS-411 Receives FDA RMAT Designation",
              "XellSmart today announced that the FDA has granted Regenerative Medicine Advanced "
              "Therapy (RMAT) designation to XS-411."),
    Milestone("2025-04-16", "XellSmart", "orphan_drug", "FDA", "XS228", "ALS", "granted",
              "XellSmart Reports Progress Across Its iPSC Pipeline",
              "XS228, which received Orphan Drug Designation from the FDA in 2024, is in a "
              "Phase I/IIa study.", novelty="restated", alertable=False),
    Milestone("2025-07-08", "XellSmart", "ind_clearance", "FDA", "XS-402", "spinal cord injury",
              "granted", "XellSmart Receives FDA IND Clearance for XS-402 in Spinal Cord Injury",
              "The FDA has cleared XellSmart's IND application for XS-402 in chronic spinal cord "
              "injury.", "Phase I"),
    Milestone("2025-09-30", "XellSmart", "fast_track", "FDA", "XS228", "ALS", "granted",
              "XellSmart's XS228 Granted FDA Fast Track Designation",
              "XellSmart today announced that the FDA has granted Fast Track designation to "
              "XS228 for ALS."),
    Milestone("2025-12-02", "XellSmart", "ind_clearance", "NHC", "XS-501",
              "multiple system atrophy", "granted",
              "XellSmart's XS-501 Investigator-Initiated Study Approved by China's NHC",
              "China's National Health Commission has approved an investigator-initiated study "
              "of XS-501 in multiple system atrophy."),
    Milestone("2026-02-10", "XellSmart", "trial_start", "FDA", "XS228", "ALS", "started",
              "First Patient Dosed in U.S. Phase I/IIa Trial of XS228 for ALS",
              "The first patient has been dosed in the FDA-cleared Phase I/IIa trial of XS228.",
              "Phase I/IIa"),
    Milestone("2026-03-03", "XellSmart", "prime", "EMA", "XS-411", "Parkinson's disease",
              "granted", "XellSmart's XS-411 Granted PRIME Eligibility by the EMA",
              "The European Medicines Agency has granted PRIME eligibility to XS-411."),
    Milestone("2025-02-14", "Acme Cell Therapeutics", "filing", "FDA", "AC-101",
              "spinal cord injury", "submitted",
              "Acme Cell Therapeutics Submits BLA for AC-101 in Spinal Cord Injury",
              "Acme today announced the submission of a Biologics License Application to the "
              "FDA for AC-101."),
    Milestone("2025-11-20", "Acme Cell Therapeutics", "crl", "FDA", "AC-101",
              "spinal cord injury", "negative",
              "Acme Cell Therapeutics Receives Complete Response Letter for AC-101",
              "Acme received a complete response letter from the FDA regarding its Biologics "
              "License Application for AC-101."),
    Milestone("2026-01-27", "Neuronova", "clinical_hold", "FDA", "NN-7",
              "multiple system atrophy", "negative",
              "Neuronova Announces FDA Clinical Hold on NN-7 Phase I Study",
              "The FDA has placed the Phase I study of NN-7 on clinical hold."),
    Milestone("2026-02-24", "Neuronova", "hold_lifted", "FDA", "NN-7",
              "multiple system atrophy", "reversed",
              "FDA Lifts Clinical Hold on Neuronova's NN-7",
              "Neuronova today announced that the FDA has lifted the clinical hold on NN-7."),
    Milestone("2026-02-26", "Kyoto Neurocell", "approval", "PMDA", "KN-PD1",
              "Parkinson's disease", "granted",
              "Kyoto Neurocell's KN-PD1 Receives Conditional Approval in Japan",
              "Japan's Ministry of Health, Labour and Welfare has granted conditional, "
              "time-limited approval to KN-PD1 for Parkinson's disease."),
    Milestone("2026-03-01", "Kyoto Neurocell", "filing", "PMDA", "KN-PD2", "ALS", "submitted",
              "Kyoto Neurocell Plans Filing for KN-PD2",
              "Kyoto Neurocell expects to submit a new drug application for KN-PD2 in 2027.",
              novelty="planned", alertable=False),
)  # fmt: skip

_ids = itertools.count(302_500_000)


def body_of(milestone: Milestone) -> str:
    city = "SUZHOU, China" if milestone.company == "XellSmart" else "BOSTON"
    return (
        f"{city}, {milestone.day} /PRNewswire/ -- {milestone.evidence}\n\n"
        f"{milestone.company} develops cell therapies for neurological diseases. The company "
        "said the milestone follows discussions with the agency and preclinical studies in "
        "several models.\n\n"
        f"About {milestone.company}\n\n"
        f"{milestone.company} is a clinical-stage biotechnology company. {SYNTHETIC}"
    )


def seed_history(session: Session, history: tuple[Milestone, ...] = HISTORY) -> list[int]:
    """Store the releases and events; returns the event ids in `history` order."""
    return [add_milestone(session, m) for m in history]


def add_milestone(session: Session, milestone: Milestone) -> int:
    published = datetime.fromisoformat(milestone.day).replace(hour=13, minute=10, tzinfo=UTC)
    number = str(next(_ids))
    release = Release(
        release_id=number,
        url=f"https://www.prnewswire.com/news-releases/synthetic-{number}.html",
        title=milestone.title,
        subtitles=[],
        published_at=published,
        company=milestone.company,
        company_slug=milestone.company.lower().replace(" ", "-"),
        dateline_city="SUZHOU, China" if milestone.company == "XellSmart" else "BOSTON",
        body=body_of(milestone),
        tickers=[],
        tags=[],
        also_from_source=[],
        watch="synthetic",
        fetched_at=published + timedelta(minutes=20),
    )
    session.add(release)
    session.flush()
    event = MilestoneEvent(
        release_pk=release.id, type=milestone.type, agency=milestone.agency,
        agency_key=milestone.agency or "-", product=milestone.product,
        product_key=(milestone.product or "").upper(), indication=milestone.indication,
        phase=milestone.phase, status=milestone.status, evidence=milestone.evidence,
        novelty=milestone.novelty, company=milestone.company,
        event_key=f"{milestone.company}|{milestone.product}|{milestone.agency}|{milestone.type}",
        published_at=published, baseline=milestone.baseline, alertable=milestone.alertable,
        analyser_version="synthetic", detected_at=published + timedelta(minutes=25),
    )  # fmt: skip
    session.add(event)
    session.flush()
    return event.id
