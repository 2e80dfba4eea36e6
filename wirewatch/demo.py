"""The demo's synthetic news: two fresh releases the replica publishes between two crawls."""

from __future__ import annotations

IND_TITLE = (
    "XellSmart Receives FDA IND Clearance for XS-203, an Allogeneic iPSC-Derived Neural "
    "Progenitor Cell Therapy for Chronic Spinal Cord Injury"
)
IND_BODY = """\
XellSmart Biomedical (Suzhou) Co., Ltd. ("XellSmart"), a clinical-stage biotechnology company \
developing allogeneic iPSC-derived cell therapies for neurological diseases, today announced that \
the U.S. Food and Drug Administration (FDA) has cleared its Investigational New Drug (IND) \
application for XS-203 for the treatment of chronic spinal cord injury, allowing the company to \
begin a Phase I clinical trial in the United States.

"FDA clearance of XS-203 is an important step for patients living with spinal cord injury," said \
the company's chief executive officer. The open-label, dose-escalation Phase I study will \
evaluate the safety and tolerability of XS-203.

XS-203 is XellSmart's third program to reach the clinic, after XS-411 for Parkinson's disease and \
XS228 for amyotrophic lateral sclerosis, which received FDA orphan drug designation in 2023.

About XellSmart

XellSmart is a clinical-stage company developing off-the-shelf iPSC-derived cell therapies for \
Parkinson's disease, ALS, spinal cord injury and multiple system atrophy.

(This is a synthetic release published by the wirewatch demo replica.)"""

FINANCING_TITLE = "XellSmart Closes Series C Financing to Expand iPSC Manufacturing"
FINANCING_BODY = """\
XellSmart today announced the closing of a Series C financing to expand GMP manufacturing of its \
iPSC-derived cell therapy candidates. The company previously received FDA IND clearance for \
XS-411 and XS228.

(This is a synthetic release published by the wirewatch demo replica.)"""


# The demo's other wires (replicas): their watches, and one fresh milestone each.
WIRE_WATCHES = """
[[watch]]
name = "gnw-xellsmart"
source = "globenewswire"
kind = "company"
path = "/search/organization/xellsmart"

[[watch]]
name = "gnw-biotechnology"
source = "globenewswire"
kind = "category"
path = "/search/industry/biotechnology"
include = ["iPSC", "cell therapy", "XellSmart", "Parkinson's", "ALS"]

[[watch]]
name = "bw-xellsmart"
source = "businesswire"
kind = "company"
path = "/newsroom?company=xellsmart"

[[watch]]
name = "bw-biotechnology"
source = "businesswire"
kind = "rss"
path = "/mrss/home/?rss=biotechnology"
include = ["iPSC", "cell therapy", "XellSmart", "Parkinson's", "ALS"]
"""

RMAT_TITLE = "XellSmart's XS-411 Receives FDA Regenerative Medicine Advanced Therapy Designation"
RMAT_BODY = """\
XellSmart today announced that the U.S. Food and Drug Administration (FDA) has granted \
Regenerative Medicine Advanced Therapy (RMAT) designation to XS-411, its allogeneic \
iPSC-derived dopaminergic neural progenitor cell therapy for Parkinson's disease.

(This is a synthetic release published by the wirewatch demo replica of GlobeNewswire.)"""

ORPHAN_TITLE = "XellSmart Receives EMA Orphan Drug Designation for XS228 in ALS"
ORPHAN_BODY = """\
XellSmart today announced that the European Medicines Agency (EMA) has granted orphan drug \
designation to XS228, its iPSC-derived motor neuron progenitor cell therapy for amyotrophic \
lateral sclerosis (ALS).

(This is a synthetic release published by the wirewatch demo replica of Business Wire.)"""
