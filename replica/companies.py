"""The newsrooms of the replica: XellSmart plus fictional iPSC, biotech and non-biotech issuers."""

from __future__ import annotations

from replica.model import Company, Product

_FLS = (
    "This press release contains forward-looking statements within the meaning of the Private "
    "Securities Litigation Reform Act of 1995, including statements regarding the timing and "
    "outcome of regulatory submissions, the initiation and design of clinical trials, and the "
    "therapeutic potential of product candidates. Actual results may differ materially from those "
    "expressed or implied by such statements because of risks and uncertainties, including those "
    "described in the company's filings. The company undertakes no obligation to update any "
    "forward-looking statement, except as required by law."
)
FORWARD_LOOKING = _FLS


def _about(name: str, what: str, where: str) -> tuple[str, ...]:
    return (
        f"{name} is {what}.",
        (
            f"Headquartered in {where}, {name} combines process development, GMP manufacturing and "
            "clinical operations under one roof, and collaborates with academic medical centers on "
            "translational research. For more information, visit the company's website."
        ),
    )


COMPANIES: tuple[Company, ...] = (
    Company(
        slug="xellsmart",
        name="XellSmart",
        legal_name="XellSmart Biopharmaceutical (Suzhou) Co., Ltd.",
        city="SUZHOU, China",
        region="Jiangsu",
        field="ipsc",
        about=(
            (
                "XellSmart is dedicated to developing universal, off-the-shelf, allogeneic, "
                "clinical-grade iPSC-derived cell therapies to address Parkinson's disease and other "
                "CNS diseases that currently lack effective clinical solutions."
            ),
            (
                "XellSmart operates a 5,000+ square meter facility comprising an advanced R&D center, "
                "GMP production facility, and quality control center, and has achieved large-scale "
                "manufacturing of multiple GMP-grade iPSC-derived neural progenitor cell therapies."
            ),
        ),
        products=(
            Product(
                "XS-411",
                "iPSC-derived dopaminergic neural progenitor cell therapy",
                "Parkinson's disease",
            ),
            Product(
                "XS228",
                "iPSC-derived motor neuron progenitor cell therapy",
                "amyotrophic lateral sclerosis (ALS)",
            ),
            Product("XS-203", "iPSC-derived neural progenitor cell therapy", "spinal cord injury"),
            Product(
                "XS-515",
                "iPSC-derived oligodendrocyte progenitor cell therapy",
                "multiple system atrophy",
            ),
        ),
        home="CN",
    ),
    Company(
        "neurova-cell-therapeutics",
        "Neurova Cell Therapeutics",
        "Neurova Cell Therapeutics, Inc.",
        "CAMBRIDGE, Mass.",
        "Massachusetts",
        "ipsc",
        _about(
            "Neurova Cell Therapeutics",
            "a clinical-stage company developing iPSC-derived "
            "neural cell therapies for neurodegenerative diseases",
            "Cambridge, Massachusetts",
        ),
        (
            Product("NCT-101", "iPSC-derived dopaminergic neuron therapy", "Parkinson's disease"),
            Product("NCT-230", "iPSC-derived astrocyte therapy", "ALS"),
        ),
        "NRVA",
        "Nasdaq",
        home="US",
    ),
    Company(
        "kairos-regenerative-medicine",
        "Kairos Regenerative Medicine",
        "Kairos Regenerative Medicine, Inc.",
        "SAN DIEGO",
        "California",
        "ipsc",
        _about(
            "Kairos Regenerative Medicine",
            "a biotechnology company building off-the-shelf "
            "induced pluripotent stem cell (iPSC) platforms",
            "San Diego, California",
        ),
        (
            Product(
                "KRM-07",
                "iPSC-derived retinal pigment epithelium",
                "dry age-related macular degeneration",
            ),
            Product("KRM-12", "iPSC-derived cardiomyocyte patch", "ischemic heart failure"),
        ),
        "KRMX",
        "Nasdaq",
        home="US",
    ),
    Company(
        "hikari-ips-laboratories",
        "Hikari iPS Laboratories",
        "Hikari iPS Laboratories K.K.",
        "TOKYO",
        "Tokyo",
        "ipsc",
        _about(
            "Hikari iPS Laboratories",
            "a regenerative medicine company developing "
            "iPSC-derived cell products for neurological and eye diseases",
            "Tokyo, Japan",
        ),
        (
            Product("HK-DA01", "iPSC-derived dopaminergic progenitor cells", "Parkinson's disease"),
            Product("HK-SC02", "iPSC-derived neural stem/progenitor cells", "spinal cord injury"),
        ),
        home="JP",
    ),
    Company(
        "aldergate-biosciences",
        "Aldergate Biosciences",
        "Aldergate Biosciences, Inc.",
        "BOSTON",
        "Massachusetts",
        "ipsc",
        _about(
            "Aldergate Biosciences",
            "a clinical-stage company developing allogeneic iPSC-derived NK and T cell therapies",
            "Boston, Massachusetts",
        ),
        (
            Product("ALD-NK3", "iPSC-derived CAR-NK cell therapy", "relapsed B-cell lymphoma"),
            Product("ALD-T19", "iPSC-derived CAR-T cell therapy", "lupus nephritis"),
        ),
        "ALDG",
        "Nasdaq",
        home="US",
    ),
    Company(
        "lumen-neurocell",
        "Lumen NeuroCell",
        "Lumen NeuroCell, Inc.",
        "SOUTH SAN FRANCISCO, Calif.",
        "California",
        "ipsc",
        _about(
            "Lumen NeuroCell",
            "a biotechnology company engineering neural cell therapies "
            "from induced pluripotent stem cells",
            "South San Francisco, California",
        ),
        (
            Product("LNC-5", "iPSC-derived interneuron cell therapy", "drug-resistant epilepsy"),
            Product(
                "LNC-9", "iPSC-derived oligodendrocyte progenitor cells", "multiple system atrophy"
            ),
        ),
        home="US",
    ),
    Company(
        "qilin-cell-biotech",
        "Qilin Cell Biotech",
        "Shanghai Qilin Cell Biotech Co., Ltd.",
        "SHANGHAI",
        "Shanghai",
        "ipsc",
        _about(
            "Qilin Cell Biotech",
            "a Chinese cell therapy company developing iPSC-derived islet and hepatocyte therapies",
            "Shanghai, China",
        ),
        (
            Product("QL-IS1", "iPSC-derived islet cell therapy", "type 1 diabetes"),
            Product("QL-HP2", "iPSC-derived hepatocyte therapy", "acute liver failure"),
        ),
        home="CN",
    ),
    Company(
        "hanbit-cellworks",
        "Hanbit CellWorks",
        "Hanbit CellWorks Co., Ltd.",
        "SEOUL, South Korea",
        "Seoul",
        "ipsc",
        _about(
            "Hanbit CellWorks",
            "a Korean regenerative medicine company developing "
            "iPSC-derived mesenchymal and chondrocyte therapies",
            "Seoul, South Korea",
        ),
        (
            Product(
                "HB-MSC4", "iPSC-derived mesenchymal stromal cells", "graft-versus-host disease"
            ),
            Product("HB-CH1", "iPSC-derived chondrocyte implant", "knee cartilage defects"),
        ),
        home="KR",
    ),
    Company(
        "northbridge-therapeutics",
        "Northbridge Therapeutics",
        "Northbridge Therapeutics, Inc.",
        "PHILADELPHIA",
        "Pennsylvania",
        "biotech",
        _about(
            "Northbridge Therapeutics",
            "a clinical-stage biotechnology company developing "
            "bispecific antibodies for solid tumors",
            "Philadelphia, Pennsylvania",
        ),
        (
            Product("NBT-214", "bispecific antibody", "non-small cell lung cancer"),
            Product("NBT-330", "antibody-drug conjugate", "ovarian cancer"),
        ),
        "NBTX",
        "Nasdaq",
        ("BIO", "PHA", "HEA"),
        home="US",
    ),
    Company(
        "tessera-gene-medicines",
        "Tessera Gene Medicines",
        "Tessera Gene Medicines, Inc.",
        "RALEIGH, N.C.",
        "North Carolina",
        "biotech",
        _about(
            "Tessera Gene Medicines",
            "a biotechnology company developing AAV gene therapies for rare inherited diseases",
            "Raleigh, North Carolina",
        ),
        (
            Product("TGM-401", "AAV9 gene therapy", "Friedreich's ataxia"),
            Product("TGM-118", "AAV gene therapy", "Fabry disease"),
        ),
        "TGMD",
        "Nasdaq",
        home="US",
    ),
    Company(
        "halvern-biologics",
        "Halvern Biologics",
        "Halvern Biologics AG",
        "BASEL, Switzerland",
        "Basel-Stadt",
        "biotech",
        _about(
            "Halvern Biologics",
            "a biopharmaceutical company developing long-acting "
            "biologics for inflammatory diseases",
            "Basel, Switzerland",
        ),
        (
            Product("HVB-22", "long-acting IL-23 antibody", "moderate-to-severe psoriasis"),
            Product("HVB-51", "TL1A antibody", "ulcerative colitis"),
        ),
        home="EU",
    ),
    Company(
        "corvane-diagnostics",
        "Corvane Diagnostics",
        "Corvane Diagnostics, Inc.",
        "SEATTLE",
        "Washington",
        "biotech",
        _about(
            "Corvane Diagnostics",
            "a molecular diagnostics company developing blood-based "
            "tests for early cancer detection",
            "Seattle, Washington",
        ),
        (Product("CorvaScreen", "multi-cancer early detection blood test", "cancer screening"),),
        "CRVD",
        "NYSE",
        ("BIO", "HEA"),
        home="US",
    ),
    Company(
        "granite-peak-industrial",
        "Granite Peak Industrial Supply",
        "Granite Peak Industrial Supply, Inc.",
        "CHICAGO",
        "Illinois",
        "other",
        _about(
            "Granite Peak Industrial Supply",
            "a distributor of maintenance, repair and "
            "operating products serving businesses in North America",
            "Chicago, Illinois",
        ),
        ticker="GPKI",
        exchange="NYSE",
        industries=("MFG",),
        home="US",
    ),
    Company(
        "harborline-financial",
        "Harborline Financial Group",
        "Harborline Financial Group, Inc.",
        "NEW YORK",
        "New York",
        "other",
        _about(
            "Harborline Financial Group",
            "a diversified financial services company with "
            "banking, wealth management and payments businesses",
            "New York, New York",
        ),
        ticker="HBLF",
        exchange="NYSE",
        industries=("FIN",),
        home="US",
    ),
    Company(
        "bellmont-consumer-brands",
        "Bellmont Consumer Brands",
        "Bellmont Consumer Brands Corp.",
        "MINNEAPOLIS",
        "Minnesota",
        "other",
        _about(
            "Bellmont Consumer Brands",
            "a maker of household and personal care products sold in more than 40 countries",
            "Minneapolis, Minnesota",
        ),
        ticker="BLMT",
        exchange="NYSE",
        industries=("RTL",),
        home="US",
    ),
)

BY_SLUG: dict[str, Company] = {c.slug: c for c in COMPANIES}
