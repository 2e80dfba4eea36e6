"""Probes written after the rules were tuned (fresh companies, products and wording), one per
regulatory situation; at first run 20 of the first 22 and 21 of the next 22 passed, and the misses
were fixed in general form. The September cases are hard negatives (19 of 20 at first run; the
miss, a manufacturing site approval, is now dropped as a facility approval). Each case:
headline, body, the new milestones as (type, agency). The October cases (joint clearances, two
events in one sentence, validations, supplements, China and Japan) passed 18 of 20 at first run:
one expectation was wrong (a trial "under an IND cleared by the FDA" is tied to the FDA, rule
5), and "clearance to resume" now reads as a hold lifted."""

from __future__ import annotations

import pytest

from alerts.milestones import ReleaseText, extract

L1 = "SAN DIEGO, March 3, 2025 (GLOBE NEWSWIRE) -- "
L2 = "TOKYO, June 2, 2025 /PRNewswire/ -- "
L3 = "BOSTON, Sept. 9, 2025 (GLOBE NEWSWIRE) -- "
L4 = "SHANGHAI, Oct. 14, 2025 /PRNewswire/ -- "

CASES_MARCH = [
    (
        "Aurora Bio Receives Complete Response Letter from FDA for AUR-12",
        L1
        + "Aurora Bio, Inc. (Nasdaq: AURB), which is focused on rare kidney diseases, today announced that it received a complete response letter (CRL) from the U.S. Food and Drug Administration regarding its New Drug Application for AUR-12.",
        [("crl", "FDA")],
    ),
    (
        "Form 8-K",
        "Item 8.01 Other Events. On February 28, 2025, Aurora Bio, Inc. was notified by the U.S. Food and Drug Administration that the clinical hold on the Phase 2 trial of AUR-12 has been lifted and the study may resume.",
        [("hold_lifted", "FDA")],
    ),
    (
        "Aurora Bio Receives No Objection Letter from Health Canada",
        L1
        + "Aurora Bio today announced that Health Canada has issued a No Objection Letter for its Clinical Trial Application for AUR-12, allowing the Phase 1 trial to begin in Canada.",
        [("ind_clearance", "HealthCanada")],
    ),
    (
        "Aurora Bio Doses First Patient in Phase 2 Trial of AUR-12",
        L1
        + "Aurora Bio today announced that the first patient has been dosed in its Phase 2 ARC-2 trial evaluating AUR-12 in patients with IgA nephropathy.",
        [("trial_start", None)],
    ),
    (
        "Aurora Bio Announces FDA Acceptance of NDA for AUR-12 with Priority Review",
        L1
        + "Aurora Bio today announced that the FDA has accepted for filing its New Drug Application for AUR-12 and granted Priority Review, with a PDUFA target action date of September 30, 2025.",
        [("filing", "FDA")],
    ),
    (
        "Aurora Bio Provides Business Update",
        L1
        + "Aurora Bio today provided a business update. The company expects to submit a Biologics License Application for AUR-12 to the FDA in the second half of 2025, and plans to request Breakthrough Therapy designation.",
        [],
    ),
    (
        "European Commission Approves AUR-12",
        L1
        + "Aurora Bio today announced that the European Commission has granted marketing authorization for AUR-12 for the treatment of adults with IgA nephropathy, following a positive opinion from the CHMP in January 2025.",
        [("approval", "EC")],
    ),
    (
        "Aurora Bio Announces Launch of AUR-12 in Germany",
        L1
        + "Aurora Bio today announced the commercial launch of AUR-12 in Germany, following its approval by the European Commission in January 2025.",
        [],
    ),
    (
        "INVESTOR ALERT: Law Firm Investigates Aurora Bio",
        L1
        + "The Law Offices of Smith LLP announce an investigation on behalf of Aurora Bio investors after the company disclosed that the FDA issued a complete response letter for AUR-12.",
        [],
    ),
    (
        "Aurora Bio Completes Enrollment in Phase 3 Trial",
        L1
        + "Aurora Bio today announced that it has completed enrollment of 300 patients in its Phase 3 trial of AUR-12, which received Fast Track designation from the FDA in 2023.",
        [],
    ),
    (
        "Aurora Bio Receives Clearance from China NMPA for AUR-12 IND",
        L1
        + "Aurora Bio today announced that China's National Medical Products Administration has granted implied approval for the Investigational New Drug application of AUR-12.",
        [("ind_clearance", "NMPA")],
    ),
    (
        "Aurora Bio Announces Partial Clinical Hold",
        L1
        + "Aurora Bio today announced that the FDA has placed a partial clinical hold on the dose-escalation part of its Phase 1 study of AUR-30 following a serious adverse event.",
        [("clinical_hold", "FDA")],
    ),
    (
        "Aurora Bio Granted Orphan Designation by the European Commission",
        L1
        + "Aurora Bio today announced that the European Commission has granted orphan designation to AUR-12 for the treatment of IgA nephropathy, following a positive opinion from the COMP.",
        [("orphan_drug", "EC")],
    ),
    (
        "Aurora Bio Receives FDA Rare Pediatric Disease Designation",
        L1
        + "Aurora Bio, Inc., a biotechnology company focused on pediatric kidney disease, announced that the FDA has granted Rare Pediatric Disease designation to AUR-40 for the treatment of Alport syndrome.",
        [("rare_pediatric_disease", "FDA")],
    ),
    (
        "Aurora Bio Announces Positive Topline Results",
        L1
        + "Aurora Bio today announced positive topline results from its Phase 2 trial of AUR-12. AUR-12 has been granted Orphan Drug and Fast Track designations by the FDA.",
        [],
    ),
    (
        "Aurora Bio Receives MHRA Approval for AUR-12",
        L1
        + "Aurora Bio today announced that the UK Medicines and Healthcare products Regulatory Agency has granted a marketing authorisation for AUR-12 in Great Britain.",
        [("approval", "MHRA")],
    ),
    (
        "FDA Lifts Clinical Hold on AUR-30",
        L1
        + "Aurora Bio today announced that the FDA has lifted the partial clinical hold on its Phase 1 study of AUR-30 after reviewing the company's complete response.",
        [("hold_lifted", "FDA")],
    ),
    (
        "Aurora Bio Resubmits BLA",
        L1
        + "Aurora Bio today announced that it has resubmitted its Biologics License Application for AUR-12 to the FDA, addressing the items in the complete response letter received in August 2024.",
        [("filing", "FDA")],
    ),
    (
        "Aurora Bio Receives Refusal to File Letter",
        L1
        + "Aurora Bio today announced that the FDA has issued a Refusal to File letter for the company's Biologics License Application for AUR-12.",
        [("crl", "FDA")],
    ),
    (
        "FDA inspection",
        L1
        + "Aurora Bio today announced the successful completion of an FDA pre-license inspection of its manufacturing facility in San Diego, with no Form 483 observations.",
        [],
    ),
    (
        "Aurora Bio Announces TGA Approval",
        L1
        + "Aurora Bio today announced that Australia's Therapeutic Goods Administration has approved AUR-12 for the treatment of IgA nephropathy.",
        [("approval", "TGA")],
    ),
    (
        "Aurora Bio Announces FDA Clearance of IND for AUR-50",
        L1
        + "Aurora Bio today announced that the FDA has cleared its IND application for AUR-50, a next-generation siRNA, and that it plans to initiate a Phase 1 trial in mid-2025.",
        [("ind_clearance", "FDA")],
    ),
]
CASES_JUNE = [
    (
        "Hoshi Pharma Obtains Approval in Japan for HP-3",
        L2
        + "Hoshi Pharma Co., Ltd. announced that it has obtained manufacturing and marketing approval from the Ministry of Health, Labour and Welfare for HP-3 for the treatment of spinocerebellar ataxia.",
        [("approval", "PMDA")],
    ),
    (
        "Hoshi Pharma Files NDA in Japan",
        L2
        + "Hoshi Pharma today announced that it has submitted a New Drug Application to the Ministry of Health, Labour and Welfare for HP-3.",
        [("filing", "PMDA")],
    ),
    (
        "Hoshi Pharma Announces Clinical Trial Notification Submission",
        L2
        + "Hoshi Pharma today announced that it has submitted a clinical trial notification to the PMDA for a Phase 1 study of HP-5.",
        [],
    ),
    (
        "Hoshi Pharma Receives SAKIGAKE Designation",
        L2
        + "Hoshi Pharma today announced that HP-5 was designated by the MHLW as a product eligible for the SAKIGAKE designation system.",
        [("other_designation", "PMDA")],
    ),
    (
        "Jinling Bio's JL-7 IND Approved by NMPA",
        "NANJING, China, June 2, 2025 /PRNewswire/ -- Jinling Bio announced that its Class 1 innovative drug JL-7 has received approval from the NMPA to conduct clinical trials for advanced solid tumors.",
        [("ind_clearance", "NMPA")],
    ),
    (
        "Jinling Bio's IND Accepted by CDE",
        "NANJING, China, June 2, 2025 /PRNewswire/ -- Jinling Bio announced that the Center for Drug Evaluation of the NMPA has accepted the IND application for JL-7.",
        [],
    ),
    (
        "Jinling Bio Receives Breakthrough Therapy Designation from NMPA",
        "NANJING, China, June 2, 2025 /PRNewswire/ -- Jinling Bio today announced that JL-7 has been included in the Breakthrough Therapy Designation list by the Center for Drug Evaluation of China's NMPA for the treatment of relapsed multiple myeloma.",
        [("breakthrough_therapy", "NMPA")],
    ),
    (
        "Maple Therapeutics Receives Health Canada Approval",
        "TORONTO, June 2, 2025 (GLOBE NEWSWIRE) -- Maple Therapeutics Inc. announced today that Health Canada has approved MT-1 for adults with ALS.",
        [("approval", "HealthCanada")],
    ),
    (
        "Maple Therapeutics Files New Drug Submission with Health Canada",
        "TORONTO, June 2, 2025 (GLOBE NEWSWIRE) -- Maple Therapeutics Inc. announced today that it has filed a New Drug Submission with Health Canada for MT-1, which has been granted Priority Review status.",
        [("filing", "HealthCanada")],
    ),
    (
        "Thames Bio Receives ILAP Innovation Passport",
        "LONDON, June 2, 2025 -- Thames Bio plc today announced that TB-9 has been awarded an Innovation Passport under the UK's Innovative Licensing and Access Pathway (ILAP).",
        [("other_designation", "MHRA")],
    ),
    (
        "Thames Bio Receives MHRA CTA Approval",
        "LONDON, June 2, 2025 -- Thames Bio plc today announced that the MHRA has approved its Clinical Trial Application to begin a Phase 1 trial of TB-9 in the UK.",
        [("ind_clearance", "MHRA")],
    ),
    (
        "Koala Bio Commences Phase 1 Trial in Australia",
        "MELBOURNE, Australia, June 2, 2025 -- Koala Bio Ltd (ASX: KOA) today announced that the first participant has been dosed in its Phase 1 trial of KB-2, conducted under the Therapeutic Goods Administration's Clinical Trial Notification scheme.",
        [("trial_start", "TGA")],
    ),
    (
        "Form 8-K: FDA Clinical Hold",
        "Item 7.01 Regulation FD Disclosure. On May 30, 2025, Redwood Bio, Inc. received a letter from the FDA stating that the IND for RW-4 has been placed on full clinical hold.",
        [("clinical_hold", "FDA")],
    ),
    (
        "Redwood Bio Provides Update on RW-4 Program",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today provided an update on its RW-4 program. The FDA has notified the company that it may proceed with the Phase 1 trial, lifting the clinical hold placed in March 2025.",
        [("hold_lifted", "FDA")],
    ),
    (
        "Redwood Bio Reports First Quarter 2025 Financial Results",
        "SAN FRANCISCO, May 8, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today reported financial results for the first quarter of 2025.\n\nRecent Highlights\n\n- Received Fast Track designation from the FDA for RW-4 in February 2025.\n- Initiated the Phase 2 trial of RW-2 in January 2025.",
        [],
    ),
    (
        "Redwood Bio Announces FDA Approval of RW-1",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that the U.S. FDA has approved RW-1 (redwoximab) injection for the treatment of moderate-to-severe atopic dermatitis. RW-1 previously received Breakthrough Therapy designation.",
        [("approval", "FDA")],
    ),
    (
        "Redwood Bio Announces Transfer of Orphan Designation",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that the FDA orphan drug designation for RW-7 has been transferred to Redwood Bio from its licensor.",
        [],
    ),
    (
        "Redwood Bio Submits Request for Breakthrough Therapy Designation",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that it has submitted a request to the FDA for Breakthrough Therapy designation for RW-4.",
        [],
    ),
    (
        "Redwood Bio Initiates Rolling BLA Submission",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that it has initiated a rolling submission of a Biologics License Application to the FDA for RW-4, which has Breakthrough Therapy designation.",
        [],
    ),
    (
        "FDA Grants Accelerated Approval to Redwood's RW-4",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that the FDA granted accelerated approval to RW-4 for adults with relapsed multiple myeloma.",
        [("approval", "FDA")],
    ),
    (
        "Redwood Bio Receives 510(k) Clearance",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that the FDA has granted 510(k) clearance for its RedCheck diagnostic device.",
        [],
    ),
    (
        "Redwood Bio Receives EU Conditional Marketing Authorisation",
        "SAN FRANCISCO, June 2, 2025 (BUSINESS WIRE) -- Redwood Bio, Inc. today announced that the European Commission has granted conditional marketing authorisation for RW-4.",
        [("approval", "EC")],
    ),
]
CASES_SEPTEMBER = [
    (
        "Birch Bio Appoints Chief Medical Officer",
        L3
        + "Birch Bio today announced the appointment of Dr. Jane Roe as Chief Medical Officer. Dr. Roe previously led the team that secured FDA approval of two oncology drugs and the Breakthrough Therapy designation of a third.",
        [],
    ),
    (
        "Birch Bio Licenses BB-4 to Partner",
        L3
        + "Birch Bio today announced an exclusive license agreement with Cedar Pharma for BB-4, which has received Orphan Drug Designation from the FDA for Duchenne muscular dystrophy.",
        [],
    ),
    (
        "Birch Bio Announces Shareholder Approval of Merger",
        L3
        + "Birch Bio today announced that its shareholders approved the proposed merger with Cedar Pharma at a special meeting held today.",
        [],
    ),
    (
        "Birch Bio Receives GMP Certificate for Manufacturing Facility",
        L3
        + "Birch Bio today announced that its Shanghai manufacturing facility has received a GMP certificate from the NMPA following an on-site inspection.",
        [],
    ),
    (
        "Birch Bio Completes End-of-Phase 2 Meeting with FDA",
        L3
        + "Birch Bio today announced the successful completion of its End-of-Phase 2 meeting with the FDA, in which the agency agreed with the design of the Phase 3 trial of BB-4.",
        [],
    ),
    (
        "Birch Bio Receives IRB Approval",
        L3
        + "Birch Bio today announced that the institutional review board at Boston General Hospital has approved the protocol for its Phase 1 study of BB-9.",
        [],
    ),
    (
        "Birch Bio to Present at Conference",
        L3
        + "Birch Bio today announced that it will present new data on BB-4, its FDA-approved therapy for Duchenne muscular dystrophy, at the World Muscle Society Congress.",
        [],
    ),
    (
        "Birch Bio Publishes Phase 2 Results",
        L3
        + "Birch Bio today announced the publication of Phase 2 results for BB-4 in The Lancet. BB-4 was approved by the FDA in 2024 under accelerated approval.",
        [],
    ),
    (
        "Birch Bio Receives Reimbursement Approval in Germany",
        L3
        + "Birch Bio today announced that BB-4 has received reimbursement approval in Germany following the price negotiation with the GKV-SV.",
        [],
    ),
    (
        "Birch Bio Announces Nasdaq Listing Approval",
        L3
        + "Birch Bio today announced that its ordinary shares have been approved for listing on the Nasdaq Global Market.",
        [],
    ),
    (
        "Birch Bio Granted U.S. Patent for BB-4",
        L3
        + "Birch Bio today announced that the United States Patent and Trademark Office has granted a patent covering BB-4 compositions through 2041.",
        [],
    ),
    (
        "Birch Bio DSMB Recommends Continuation",
        L3
        + "Birch Bio today announced that the independent Data Safety Monitoring Board recommended continuing the Phase 3 trial of BB-4 without modification.",
        [],
    ),
    (
        "Birch Bio Completes Enrollment",
        L3
        + "Birch Bio today announced completion of enrollment in the Phase 3 FORTIS trial of BB-4, which is being conducted under an FDA Special Protocol Assessment.",
        [],
    ),
    (
        "Birch Bio Announces Pre-IND Meeting Outcome",
        L3
        + "Birch Bio today announced that the FDA provided written feedback at a pre-IND meeting supporting the planned IND submission for BB-9 in the first quarter of 2026.",
        [],
    ),
    (
        "Birch Bio Closes $50 Million Financing",
        L3
        + "Birch Bio today announced the closing of a $50 million private placement. Proceeds will fund the Phase 3 trial of BB-4 and preparation of a BLA submission.",
        [],
    ),
    (
        "Birch Bio Reports Second Quarter 2025 Results",
        L3
        + "Birch Bio today reported financial results for the second quarter of 2025 and provided a business update.\n\nSecond Quarter Highlights\n\n- In May, the FDA granted Fast Track designation to BB-9.\n- Dosed the first patient in the Phase 1 trial of BB-9 in June.",
        [],
    ),
    (
        "Birch Bio Receives FDA Approval for Expanded Manufacturing Site",
        L3
        + "Birch Bio today announced that the FDA has approved its new manufacturing facility in Ohio for the commercial production of BB-4.",
        [],
    ),
    (
        "Birch Bio Commercial Launch",
        L3
        + "Birch Bio today announced that the first patient has been treated with commercially available BB-4 following its approval by the FDA.",
        [],
    ),
    (
        "Birch Bio Announces CHMP Positive Opinion",
        L3
        + "Birch Bio today announced that the CHMP of the European Medicines Agency has adopted a positive opinion recommending marketing authorization for BB-4. The European Commission decision is expected within 67 days.",
        [],
    ),
    (
        "Investor Alert: Birch Bio Investigation",
        L3
        + "Kahn Swick & Foti, LLC, a law firm, is investigating whether Birch Bio's officers and directors breached their duties after the FDA placed a clinical hold on BB-9.",
        [],
    ),
]
CASES_OCTOBER = [
    (
        "YUNFENG BIO'S YF-101 IND APPLICATION CLEARED BY U.S. FDA",
        L4
        + "Yunfeng Biotech announced that the U.S. Food and Drug Administration has cleared the Investigational New Drug application of YF-101, an oral KRAS G12D inhibitor, for the treatment of advanced solid tumors.",
        [("ind_clearance", "FDA")],
    ),
    (
        "Yunfeng Bio's YF-101 Receives IND Approvals from Both FDA and NMPA",
        L4
        + "Yunfeng Biotech today announced that YF-101 has received IND approvals from both the U.S. FDA and China's NMPA.",
        [("ind_clearance", "FDA"), ("ind_clearance", "NMPA")],
    ),
    (
        "Yunfeng Bio Receives FDA Orphan Drug and Fast Track Designations for YF-202",
        L4
        + "Yunfeng Biotech today announced that the FDA has granted both Orphan Drug Designation and Fast Track Designation to YF-202 for pancreatic cancer.",
        [("orphan_drug", "FDA"), ("fast_track", "FDA")],
    ),
    (
        "EMA Validates Yunfeng's Marketing Authorisation Application for YF-303",
        L4
        + "Yunfeng Biotech today announced that the European Medicines Agency has validated its Marketing Authorisation Application for YF-303 for the treatment of HER2-positive gastric cancer.",
        [("filing", "EMA")],
    ),
    (
        "YF-303 Approved in China",
        L4
        + "Yunfeng Biotech today announced that YF-303 has been approved by the National Medical Products Administration for the treatment of HER2-positive gastric cancer.",
        [("approval", "NMPA")],
    ),
    (
        "FDA Approves Supplemental Application for YF-303",
        L4
        + "Yunfeng Biotech today announced that the FDA has approved the supplemental Biologics License Application for YF-303, expanding its label to first-line gastric cancer.",
        [("approval", "FDA")],
    ),
    (
        "Yunfeng Bio Announces FDA Approval of YF-303 and a CRL for YF-404",
        L4
        + "Yunfeng Biotech today announced that the FDA has approved YF-303 for gastric cancer. Separately, the FDA issued a complete response letter for the New Drug Application of YF-404.",
        [("approval", "FDA"), ("crl", "FDA")],
    ),
    (
        "Yunfeng Bio Announces First Patient Dosed in Phase 3 Trial of YF-202",
        L4
        + "Yunfeng Biotech today announced that the first patient has been dosed in its global Phase 3 trial of YF-202 in metastatic pancreatic cancer, which is being conducted under an IND cleared by the FDA in 2024.",
        [("trial_start", "FDA")],
    ),
    (
        "Yunfeng Bio Receives NMPA Breakthrough Therapy Designation",
        L4
        + "Yunfeng Biotech today announced that the Center for Drug Evaluation of the NMPA has granted Breakthrough Therapy Designation to YF-202.",
        [("breakthrough_therapy", "NMPA")],
    ),
    (
        "YF-303 Granted Conditional Approval in the European Union",
        L4
        + "Yunfeng Biotech today announced that the European Commission has granted conditional marketing authorisation to YF-303 in the European Union.",
        [("approval", "EC")],
    ),
    (
        "Yunfeng Bio Announces NDA Acceptance by NMPA with Priority Review",
        L4
        + "Yunfeng Biotech today announced that the NMPA has accepted the New Drug Application for YF-404 and granted it priority review.",
        [("filing", "NMPA")],
    ),
    (
        "Yunfeng Bio Obtains Approval for Phase 2 Clinical Trial in China",
        L4
        + "Yunfeng Biotech announced that it has obtained approval from the National Medical Products Administration to conduct a Phase 2 clinical trial of YF-505 in idiopathic pulmonary fibrosis.",
        [("ind_clearance", "NMPA")],
    ),
    (
        "Yunfeng Bio Announces EMA PRIME Designation for YF-202",
        L4
        + "Yunfeng Biotech today announced that the European Medicines Agency has granted PRIority MEdicines (PRIME) designation to YF-202 for pancreatic cancer.",
        [("prime", "EMA")],
    ),
    (
        "Yunfeng Bio Submits BLA to FDA for YF-606",
        L4
        + "Yunfeng Biotech today announced the submission of a Biologics License Application to the FDA for YF-606 in relapsed multiple myeloma.",
        [("filing", "FDA")],
    ),
    (
        "Yunfeng Bio Receives FDA Clearance to Resume Phase 1 Study",
        L4
        + "Yunfeng Biotech today announced that the FDA has lifted the clinical hold on its Phase 1 study of YF-707.",
        [("hold_lifted", "FDA")],
    ),
    (
        "Yunfeng Bio Announces Japan Approval of YF-303",
        L4
        + "Yunfeng Biotech today announced that Japan's Ministry of Health, Labour and Welfare has approved YF-303 for gastric cancer.",
        [("approval", "PMDA")],
    ),
    (
        "Yunfeng Bio Receives RMAT Designation for YF-808",
        L4
        + "Yunfeng Biotech today announced that the FDA has granted Regenerative Medicine Advanced Therapy designation to YF-808, an autologous CAR-T cell therapy for lupus nephritis.",
        [("rmat", "FDA")],
    ),
    (
        "Yunfeng Bio's NHC Investigator-Initiated Trial Approved",
        L4
        + "Yunfeng Biotech today announced that the investigator-initiated trial of YF-808 has been approved and registered by the National Health Commission of China.",
        [("ind_clearance", "NHC")],
    ),
    (
        "Yunfeng Bio Initiates Phase 1 Trial of YF-909 in Australia",
        L4
        + "Yunfeng Biotech today announced the initiation of its first-in-human Phase 1 trial of YF-909 in Australia, with the first participant dosed on October 10, 2025.",
        [("trial_start", None)],
    ),
    (
        "Yunfeng Bio Receives QIDP Designation",
        L4
        + "Yunfeng Biotech today announced that the FDA has designated YF-111 as a Qualified Infectious Disease Product for the treatment of complicated urinary tract infections.",
        [("other_designation", "FDA")],
    ),
]


def _milestones(title: str, body: str, published: str) -> list[tuple[str, str | None]]:
    release = ReleaseText(
        id="p", title=title, body=body, published=published, company="Aurora Bio, Inc."
    )
    return sorted(((m.type, m.agency) for m in extract(release).milestones), key=str)


@pytest.mark.parametrize(
    ("title", "body", "want"), CASES_MARCH, ids=[c[0][:50] for c in CASES_MARCH]
)
def test_fresh_wording_in_march_gives_the_labelled_milestones(
    title: str, body: str, want: list[tuple[str, str | None]]
) -> None:
    assert _milestones(title, body, "2025-03-03") == sorted(want, key=str)


@pytest.mark.parametrize(("title", "body", "want"), CASES_JUNE, ids=[c[0][:50] for c in CASES_JUNE])
def test_fresh_wording_in_june_gives_the_labelled_milestones(
    title: str, body: str, want: list[tuple[str, str | None]]
) -> None:
    assert _milestones(title, body, "2025-06-02") == sorted(want, key=str)


@pytest.mark.parametrize(
    ("title", "body", "want"), CASES_SEPTEMBER, ids=[c[0][:50] for c in CASES_SEPTEMBER]
)
def test_hard_negatives_in_fresh_wording_give_no_milestone(
    title: str, body: str, want: list[tuple[str, str | None]]
) -> None:
    assert _milestones(title, body, "2025-09-09") == sorted(want, key=str)


@pytest.mark.parametrize(
    ("title", "body", "want"), CASES_OCTOBER, ids=[c[0][:50] for c in CASES_OCTOBER]
)
def test_fresh_wording_in_october_gives_the_labelled_milestones(
    title: str, body: str, want: list[tuple[str, str | None]]
) -> None:
    assert _milestones(title, body, "2025-10-14") == sorted(want, key=str)
