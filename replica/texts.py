"""Sentence templates for synthetic releases, keyed by release kind.

Placeholders: {co} company, {p} product code, {mod} modality, {ind} indication, {ag} agency short
name, {agl} agency long name, {ph} phase, {amt} money, {conf} conference, {partner} partner.
Each kind: (title templates, subtitle templates, lead templates, extra paragraph templates).
"""

from __future__ import annotations

AGENCY_LONG = {
    "FDA": "the U.S. Food and Drug Administration (FDA)",
    "NMPA": "China's National Medical Products Administration (NMPA)",
    "PMDA": "Japan's Ministry of Health, Labour and Welfare (MHLW)",
    "EMA": "the European Medicines Agency (EMA)",
    "MFDS": "Korea's Ministry of Food and Drug Safety (MFDS)",
}

Kind = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]

KINDS: dict[str, Kind] = {
    "ind_clearance": (
        (
            "{co} Receives {ag} IND Clearance for {p}, an Allogeneic {mod} for {ind}",
            "{co}'s {p} for {ind} Approved by {ag} to Enter {ph} Clinical Trial",
        ),
        (
            "First patients expected to be enrolled in the coming months",
            "{p} is the company's lead program in {ind}",
        ),
        (
            (
                "{co} today announced that {agl} has cleared its Investigational New Drug (IND) "
                "application for {p}, a {mod} for the treatment of {ind}, allowing the company to "
                "initiate a {ph} clinical trial."
            ),
            (
                "{co} today announced that {p}, its {mod} for {ind}, has been approved by {agl} to "
                "enter {ph} clinical trials."
            ),
        ),
        (
            (
                "The {ph} study is a multicenter, open-label, dose-escalation trial designed to "
                "evaluate the safety, tolerability and preliminary efficacy of {p} in patients with "
                "{ind}."
            ),
        ),
    ),
    "orphan_drug": (
        (
            "{co} Granted {ag} Orphan Drug Designation for {p} in {ind}",
            "{ag} Grants Orphan Drug Designation to {co}'s {p} for the Treatment of {ind}",
        ),
        ("Designation recognizes the high unmet need in {ind}",),
        (
            (
                "{co} today announced that {agl} has granted Orphan Drug Designation to {p}, a {mod} "
                "for the treatment of {ind}."
            ),
        ),
        (
            (
                "Orphan Drug Designation provides development incentives including tax credits for "
                "qualified clinical trials, exemption from user fees and potential market exclusivity "
                "after approval."
            ),
        ),
    ),
    "fast_track": (
        ("{co} Receives {ag} Fast Track Designation for {p} in {ind}",),
        ("Fast Track allows more frequent interactions with the FDA review team",),
        (
            (
                "{co} today announced that {agl} has granted Fast Track designation to {p}, its {mod} "
                "being developed for {ind}."
            ),
        ),
        (
            (
                "Fast Track designation is intended to facilitate the development and expedite the "
                "review of therapies that treat serious conditions and fill an unmet medical need."
            ),
        ),
    ),
    "rmat": (
        ("{co}'s {p} Receives Regenerative Medicine Advanced Therapy (RMAT) Designation",),
        ("RMAT designation follows encouraging early clinical data in {ind}",),
        (
            (
                "{co} today announced that {agl} has granted Regenerative Medicine Advanced Therapy "
                "(RMAT) designation to {p} for the treatment of {ind}."
            ),
        ),
        (
            (
                "The RMAT designation provides the benefits of Fast Track and Breakthrough Therapy "
                "designations, including early interactions with the agency on surrogate endpoints."
            ),
        ),
    ),
    "trial_start": (
        (
            "{co} Announces First Patient Dosed in {ph} Trial of {p} for {ind}",
            "{co} Doses First Patient with {p} in {ph} Study in {ind}",
        ),
        ("Trial is being conducted at leading neurology and transplant centers",),
        (
            (
                "{co} today announced that the first patient has been dosed in its {ph} clinical "
                "trial of {p}, a {mod} for {ind}."
            ),
        ),
        (
            (
                "The trial will enroll approximately 24 patients across three dose cohorts, with "
                "primary endpoints of safety and tolerability at 12 months."
            ),
        ),
    ),
    "filing": (
        (
            "{co} Submits Biologics License Application to {ag} for {p} in {ind}",
            "{ag} Accepts {co}'s Marketing Application for {p} with Priority Review",
        ),
        ("Submission is supported by data from the pivotal study of {p}",),
        (
            (
                "{co} today announced that it has submitted a Biologics License Application (BLA) to "
                "{agl} seeking approval of {p} for the treatment of {ind}."
            ),
        ),
        (
            (
                "The submission includes two-year follow-up data showing durable responses and a "
                "safety profile consistent with earlier studies."
            ),
        ),
    ),
    "approval": (
        (
            "{ag} Approves {co}'s {p}, First {mod} for {ind}",
            "{co} Receives Conditional Approval from {ag} for {p} in {ind}",
        ),
        ("Approval marks the company's transition to a commercial-stage organization",),
        (
            (
                "{co} today announced that {agl} has approved {p}, a {mod}, for the treatment of "
                "adult patients with {ind}."
            ),
        ),
        ("The company expects to make {p} available to patients in the coming quarter.",),
    ),
    "crl": (
        ("{co} Receives Complete Response Letter from {ag} for {p} BLA",),
        ("Company plans to request a Type A meeting with the agency",),
        (
            (
                "{co} today announced that {agl} has issued a Complete Response Letter (CRL) for the "
                "Biologics License Application for {p} in {ind}."
            ),
        ),
        (
            (
                "The CRL cited chemistry, manufacturing and controls questions; no new clinical "
                "studies were requested."
            ),
        ),
    ),
    "clinical_hold": (
        ("{ag} Places Clinical Hold on {co}'s {ph} Study of {p}",),
        ("Company has paused dosing while it responds to the agency",),
        (
            (
                "{co} today announced that {agl} has placed a clinical hold on the {ph} study of {p} "
                "in {ind} following a serious adverse event reported at one trial site."
            ),
        ),
        ("The company will provide a complete response to the agency within 30 days.",),
    ),
    "hold_lifted": (
        ("{ag} Lifts Clinical Hold on {co}'s {p} Program in {ind}",),
        ("Enrollment expected to resume next quarter",),
        (
            (
                "{co} today announced that {agl} has lifted the clinical hold on the {ph} study of "
                "{p} for {ind}."
            ),
        ),
        ("Enrollment and dosing will resume after protocol amendments are approved by sites.",),
    ),
    "financing": (
        (
            "{co} Closes {amt} Series B Financing to Advance Cell Therapy Pipeline",
            "{co} Raises {amt} to Expand GMP Manufacturing and Clinical Programs",
        ),
        ("Proceeds will fund clinical development of {p}",),
        (
            (
                "{co} today announced the closing of a {amt} financing round led by {partner}, with "
                "participation from existing investors."
            ),
        ),
        ("Proceeds will support clinical studies of {p} and the expansion of manufacturing.",),
    ),
    "conference": (
        ("{co} to Present New Data on {p} at {conf}",),
        ("Presentation will include long-term follow-up of treated patients",),
        ("{co} today announced that new data on {p} in {ind} will be presented at {conf}.",),
        ("The presentation will be available on the company's website after the meeting.",),
    ),
    "webinar": (
        ("{co} to Host Virtual KOL Webinar on {ind}",),
        ("Webinar will feature leading clinicians discussing treatment landscape",),
        (
            (
                "{co} today announced that it will host a virtual key opinion leader webinar on the "
                "treatment landscape in {ind} and the development of {p}."
            ),
        ),
        ("A replay of the webinar will be available on the company's website.",),
    ),
    "partnership": (
        ("{co} and {partner} Enter Strategic Collaboration on {mod}",),
        ("Collaboration combines manufacturing and clinical development expertise",),
        (
            (
                "{co} and {partner} today announced a strategic collaboration to co-develop {p} for "
                "{ind} in Asia and North America."
            ),
        ),
        ("Under the agreement, {co} will receive an upfront payment and development milestones.",),
    ),
    "earnings": (
        ("{co} Reports Results for the {q}", "{co} REPORTS {Q} {y} RESULTS"),
        ("Sales grew {pct}% on a daily, organic constant currency basis",),
        (
            (
                "{co} ({ex}: {tk}) today reported results for the {q}. Sales of {amt} increased {pct}% "
                "compared with the prior-year period."
            ),
        ),
        ("Operating margin was {margin}%, and diluted earnings per share were ${eps}.",),
    ),
    "dividend": (
        ("{co} Declares Quarterly Dividend",),
        (),
        (
            (
                "{co} ({ex}: {tk}) announced today that its board of directors approved a quarterly "
                "cash dividend of ${eps} per share."
            ),
        ),
        ("The dividend is payable to shareholders of record at the close of business this month.",),
    ),
    "product": (
        ("{co} Launches New Line of Products for Customers Nationwide",),
        ("Expanded assortment available online and in stores",),
        (
            (
                "{co} ({ex}: {tk}) today announced the launch of a new product line available to "
                "customers across North America."
            ),
        ),
        ("The products will be available through the company's digital channels.",),
    ),
}

REGULATORY = frozenset(
    {
        "ind_clearance",
        "orphan_drug",
        "fast_track",
        "rmat",
        "filing",
        "approval",
        "crl",
        "clinical_hold",
        "hold_lifted",
    }
)
CLINICAL = frozenset({"ind_clearance", "trial_start", "clinical_hold", "hold_lifted", "conference"})
US_ONLY = frozenset({"fast_track", "rmat", "crl", "clinical_hold", "hold_lifted"})

BIO_WEIGHTS = {
    "ind_clearance": 14,
    "orphan_drug": 8,
    "fast_track": 5,
    "rmat": 4,
    "trial_start": 10,
    "filing": 4,
    "approval": 3,
    "crl": 3,
    "clinical_hold": 3,
    "hold_lifted": 2,
    "financing": 10,
    "conference": 10,
    "webinar": 4,
    "partnership": 6,
}
OTHER_WEIGHTS = {"earnings": 50, "dividend": 25, "product": 25}

CONFERENCES = (
    "the ISSCR 2025 Annual Meeting",
    "the AD/PD 2026 International Conference",
    "the American Academy of Neurology Annual Meeting",
    "the ASGCT Annual Meeting",
    "the International Congress of Parkinson's Disease and Movement Disorders",
)
PARTNERS = (
    "Lakehouse Capital",
    "Evergreen Life Sciences Fund",
    "Orchid Bio Ventures",
    "Summit Pharma Partners",
    "Blue Harbor Health Investments",
)
QUARTERS = ("first quarter", "second quarter", "third quarter", "fourth quarter")

BACKGROUND = (
    (
        "{p} was previously granted Orphan Drug Designation by the FDA, which the company received "
        "in 2023."
    ),
    (
        "To date, {co} has received multiple IND approvals across its pipeline in the United States "
        "and China."
    ),
    (
        "Preclinical studies of {p} showed durable engraftment and functional recovery in animal "
        "models of {ind}."
    ),
    (
        "{ind} affects millions of patients worldwide, and current treatments address symptoms "
        "rather than the underlying loss of cells."
    ),
)
QUOTE = (
    '"This milestone brings us closer to patients who have few options today," said the Chief '
    'Executive Officer of {co}. "We thank the investigators and patients who made it possible."'
)
