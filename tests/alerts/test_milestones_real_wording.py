"""Wording real writers use and the synthetic sets did not (issue 11), in new sentences written
for these tests: each names the general rule it exercises."""

from __future__ import annotations

import pytest

from alerts.milestones import ReleaseText, extract

LEAD = "BOSTON, Nov. 6, 2025 (GLOBE NEWSWIRE) -- "


def _new(title: str, body: str, company: str | None = None) -> list[tuple[str, str | None]]:
    release = ReleaseText(id="t", title=title, body=body, published="2025-11-06", company=company)
    return sorted((m.type, m.agency) for m in extract(release).milestones)


def test_a_company_described_by_a_relative_clause_still_announces_its_news() -> None:
    body = (
        LEAD + "Corvane Bio, Inc., which is a clinical-stage company that develops gene therapies "
        "using its TRV-9 platform, today announced that the FDA has granted Orphan Drug "
        "Designation to CV-310 for Fabry disease."
    )
    assert _new("Corvane Bio Receives Orphan Drug Designation", body) == [("orphan_drug", "FDA")]


def test_a_hold_in_the_voice_of_an_8k_exhibit_is_news() -> None:
    body = (
        "On November 4, 2025, Corvane Bio, Inc. (the Company) received notice from the U.S. Food "
        "and Drug Administration that the Phase 1 study of CV-310 has been placed on clinical "
        "hold. The Company intends to work with the agency to resolve its questions."
    )
    assert _new("Item 8.01 Other Events", body) == [("clinical_hold", "FDA")]


@pytest.mark.parametrize(
    ("sentence", "agency"),
    [
        ("has obtained approval in Japan for KX-20 for the treatment of hereditary angioedema", "PMDA"),
        ("has received a Notice of Compliance from Health Canada for KX-20", "HealthCanada"),
        ("has been granted marketing authorisation by the MHRA for KX-20", "MHRA"),
        ("KX-20 has been registered on the ARTG by the Therapeutic Goods Administration", "TGA"),
    ],
)  # fmt: skip
def test_japanese_canadian_uk_and_australian_approvals(sentence: str, agency: str) -> None:
    body = LEAD + f"Kestrel Pharma today announced that it {sentence}."
    assert _new("Kestrel Pharma Announces Approval of KX-20", body) == [("approval", agency)]


def test_a_device_approval_is_not_a_drug_milestone() -> None:
    body = (
        LEAD + "Kestrel Medical today announced that the FDA has approved the KESTREL System, a "
        "medical device for wound closure, through the premarket approval (PMA) pathway."
    )
    assert _new("FDA Approves KESTREL System", body) == []


def test_a_reconsideration_meeting_granted_is_no_approval() -> None:
    body = LEAD + "Kestrel Pharma today announced that its request for a reconsideration hearing was authorized by Health Canada."  # fmt: skip
    assert _new("Reconsideration Hearing Authorized", body) == []


def test_a_designation_only_requested_is_not_granted() -> None:
    body = LEAD + "Kestrel Pharma today announced that it has applied to the FDA for Orphan Drug Designation and Rare Pediatric Disease Designation for KX-20."  # fmt: skip
    assert _new("Kestrel Pharma Seeks Orphan Drug Designation", body) == []


def test_a_designation_remaining_in_effect_or_transferred_is_not_new() -> None:
    kept = LEAD + "Kestrel Pharma today announced that the Fast Track designation of KX-20 remains in effect after the FDA review."  # fmt: skip
    moved = LEAD + "Kestrel Pharma today announced the transfer of the Orphan Drug Designation for KX-20 from its former partner."  # fmt: skip
    assert _new("Fast Track Designation of KX-20 Remains in Effect", kept) == []
    assert _new("Kestrel Pharma Update", moved) == []


def test_a_rolling_submission_begun_is_not_a_filing_and_its_completion_is() -> None:
    begun = LEAD + "Kestrel Pharma today announced that it has initiated a rolling submission of its Biologics License Application for KX-20 to the FDA."  # fmt: skip
    done = LEAD + "Kestrel Pharma today announced that it has completed the rolling submission of its Biologics License Application for KX-20 to the FDA."  # fmt: skip
    assert ("filing", "FDA") not in _new("Kestrel Pharma Begins Rolling BLA Submission", begun)
    assert _new("Kestrel Pharma Completes BLA Submission", done) == [("filing", "FDA")]


def test_a_business_update_announces_what_its_headline_names_and_recaps_the_rest() -> None:
    body = (
        LEAD + "Kestrel Pharma today reported financial results for the third quarter of 2025.\n\n"
        "Recent Highlights\n\n"
        "The European Medicines Agency granted PRIME eligibility to KX-20 for Fabry disease.\n\n"
        "Kestrel Pharma received Fast Track designation from the FDA for KX-11 in August."
    )
    named = "Kestrel Pharma Reports Third Quarter 2025 Results and Announces PRIME Eligibility for KX-20"
    assert _new(named, body) == [("prime", "EMA")]
    assert _new("Kestrel Pharma Reports Third Quarter 2025 Results", body) == []


def test_a_scheme_names_its_regulator_when_the_text_does_not() -> None:
    body = LEAD + "Kestrel Pharma today announced that KX-20 has been designated under the SAKIGAKE designation system."  # fmt: skip
    assert _new("KX-20 Receives SAKIGAKE Designation", body) == [("other_designation", "PMDA")]


def test_the_company_name_is_never_the_product() -> None:
    body = LEAD + "Pentagene Inc. today announced that the FDA has granted Fast Track designation to its PG-7 gene therapy."  # fmt: skip
    release = ReleaseText(id="t", title="Pentagene Receives Fast Track", body=body, company="Pentagene Inc.")  # fmt: skip
    assert {m.product for m in extract(release).milestones} == {"PG-7"}


def test_a_designation_stated_as_status_under_a_data_headline_is_not_news() -> None:
    body = (
        LEAD + "Kestrel Pharma today announced positive topline results from its Phase 2 trial "
        "of KX-20. KX-20 has been granted Orphan Drug and Fast Track designations by the FDA."
    )
    assert _new("Kestrel Pharma Announces Positive Topline Results", body) == []


def test_a_trial_named_after_its_phase_is_not_a_second_product() -> None:
    body = LEAD + "Kestrel Pharma today announced that the first patient has been dosed in its Phase 2 KES-2 trial evaluating KX-20 in IgA nephropathy."  # fmt: skip
    release = ReleaseText(id="t", title="Kestrel Pharma Doses First Patient", body=body)
    assert [(m.type, m.product) for m in extract(release).milestones] == [("trial_start", "KX-20")]
