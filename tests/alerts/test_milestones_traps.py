"""One test per labelling trap (ARCHITECTURE.md rules 1–6, mission-anchors §5)."""

from __future__ import annotations

from alerts.milestones import Extraction, ReleaseText, extract

ABOUT = "About Acme Cell\n\nAcme Cell develops iPSC-derived therapies.\n\nSOURCE Acme Cell"


def run(title: str, *paragraphs: str, published: str = "Jun 10, 2025, 08:00 ET") -> Extraction:
    body = "BOSTON, June 10, 2025 /PRNewswire/ -- " + "\n\n".join(paragraphs) + "\n\n" + ABOUT
    return extract(ReleaseText(id="t", title=title, body=body, published=published))


def new(result: Extraction) -> set[tuple[str, str | None]]:
    return {(m.type, m.agency) for m in result.milestones}


def test_approved_for_phase_i_clinical_trials_is_an_ind_clearance_not_an_approval() -> None:
    result = run(
        "Acme's AC-101 Approved by the U.S. FDA for Phase I Clinical Trials",
        "Acme Cell today announced that AC-101 has been approved by the U.S. FDA to enter Phase I "
        "clinical trials for Parkinson's disease.",
    )
    assert new(result) == {("ind_clearance", "FDA")}
    assert result.milestones[0].phase == "Phase I"


def test_marketing_approval_is_an_approval() -> None:
    result = run(
        "FDA Approves Acme's AC-101",
        "Acme Cell today announced that the FDA has approved AC-101 for the treatment of "
        "Parkinson's disease.",
    )
    assert new(result) == {("approval", "FDA")}


def test_joint_fda_and_nmpa_clearance_is_two_events() -> None:
    result = run(
        "Acme Receives IND Clearance from U.S. FDA and China NMPA",
        "Acme Cell today announced that the U.S. FDA and China's NMPA have cleared its IND "
        "applications for AC-101.",
    )
    assert new(result) == {("ind_clearance", "FDA"), ("ind_clearance", "NMPA")}


def test_one_clearance_of_two_products_is_two_events() -> None:
    result = run(
        "Acme Announces FDA Clearance of INDs",
        "Acme Cell today announced that the FDA has cleared the IND applications for AC-101 and "
        "AC-102.",
    )
    assert sorted(m.product or "" for m in result.milestones) == ["AC-101", "AC-102"]


def test_product_written_with_and_without_hyphen_is_one_product() -> None:
    result = run(
        "Acme's AC101 Granted FDA Fast Track Designation",
        "Acme Cell today announced that the FDA has granted Fast Track designation to AC101.",
        "The FDA's Fast Track designation for AC-101 was granted based on Phase 1 data.",
    )
    assert [(m.type, m.product) for m in result.milestones] == [("fast_track", "AC101")]


def test_relative_clause_designation_is_not_new() -> None:
    result = run(
        "Acme Appoints Chief Medical Officer",
        "Acme Cell today appointed Dr. Jane Roe as CMO. She will lead AC-101, which has received "
        "Fast Track and RMAT designations from the FDA.",
    )
    assert new(result) == set()
    assert {m.novelty for m in result.mentions} == {"restated"}


def test_ind_approvals_to_date_recap_is_restated() -> None:
    result = run(
        "Acme Closes Series B",
        "Acme Cell today closed a $50 million Series B. The company has secured seven IND "
        "approvals from the FDA and NMPA to date.",
    )
    assert new(result) == set()


def test_negation_is_not_an_event() -> None:
    result = run(
        "Acme Clarifies Status of AC-101",
        "Acme Cell clarified that AC-101 has not received marketing approval from the FDA.",
    )
    assert result.milestones == ()
    assert all(m.type != "approval" for m in result.mentions)


def test_hold_lifted_is_reversed_and_the_old_hold_is_restated() -> None:
    result = run(
        "FDA Lifts Clinical Hold on Acme's AC-101",
        "Acme Cell today announced that the FDA has lifted the clinical hold on the Phase 1 "
        "trial of AC-101. The FDA placed the trial on clinical hold in February 2025.",
    )
    assert [(m.type, m.status) for m in result.milestones] == [("hold_lifted", "reversed")]
    assert [(m.type, m.novelty) for m in result.mentions] == [("clinical_hold", "restated")]


def test_clinical_hold_placed_is_negative() -> None:
    result = run(
        "FDA Places Clinical Hold on Acme's AC-101 Trial",
        "Acme Cell today announced that the FDA has placed a clinical hold on the AC-101 trial.",
    )
    assert [(m.type, m.status) for m in result.milestones] == [("clinical_hold", "negative")]


def test_priority_review_granted_is_a_filing_accepted() -> None:
    result = run(
        "FDA Accepts Acme's BLA for AC-101 and Grants Priority Review",
        "Acme Cell today announced that the FDA has accepted its BLA for AC-101 and granted "
        "Priority Review.",
    )
    assert [(m.type, m.agency, m.status) for m in result.milestones] == [
        ("filing", "FDA", "accepted")
    ]


def test_cta_approved_is_an_ind_clearance() -> None:
    result = run(
        "Acme Receives MHRA CTA Approval",
        "Acme Cell today announced that the MHRA has approved its Clinical Trial Authorisation "
        "application for a Phase 1 study of AC-101.",
    )
    assert new(result) == {("ind_clearance", "MHRA")}


def test_eu_conditional_marketing_authorisation_is_an_ec_approval() -> None:
    result = run(
        "European Commission Grants Conditional Marketing Authorisation to AC-101",
        "Acme Cell today announced that the European Commission has granted conditional "
        "marketing authorisation for AC-101.",
    )
    assert new(result) == {("approval", "EC")}


def test_chmp_positive_opinion_is_not_an_approval() -> None:
    result = run(
        "Acme Receives Positive CHMP Opinion for AC-101",
        "Acme Cell today announced that the CHMP has adopted a positive opinion recommending "
        "marketing authorisation of AC-101. A European Commission decision is expected in 67 days.",
    )
    assert result.milestones == ()


def test_cde_accepted_ind_is_a_mention_not_a_clearance() -> None:
    result = run(
        "Acme's IND for AC-101 Accepted by China's CDE",
        "Acme Cell today announced that the CDE of China's NMPA has accepted (受理) the IND "
        "application for AC-101.",
    )
    assert result.milestones == ()
    assert [(m.type, m.agency, m.status) for m in result.mentions] == [
        ("ind_clearance", "NMPA", "accepted")
    ]


def test_nhc_study_approval_is_an_nhc_ind_clearance() -> None:
    result = run(
        "Acme's Investigator-Initiated Study Approved by China's National Health Commission",
        "Acme Cell today announced that an investigator-initiated clinical study of AC-101 has "
        "been approved by China's National Health Commission.",
    )
    assert new(result) == {("ind_clearance", "NHC")}


def test_plans_to_submit_a_bla_is_planned() -> None:
    result = run(
        "Acme Hosts R&D Day",
        "Acme Cell plans to submit a BLA for AC-101 to the FDA in 2026 and expects FDA approval "
        "in 2027.",
    )
    assert result.milestones == ()
    assert {m.novelty for m in result.mentions} == {"planned"}


def test_law_firm_alert_about_an_old_crl_is_not_new() -> None:
    result = run(
        "INVESTOR ALERT: Law Firm Investigates Claims on Behalf of Acme Cell Investors",
        "A shareholder rights law firm is investigating Acme Cell on behalf of investors. On "
        "March 3, 2025, Acme announced that the FDA had issued a Complete Response Letter.",
    )
    assert result.milestones == ()


def test_trial_start_takes_the_regulator_the_trial_is_tied_to() -> None:
    result = run(
        "Acme Doses First Patient",
        "Acme Cell today announced that the first patient has been dosed in its NMPA-approved "
        "Phase 1 trial of AC-101.",
    )
    assert new(result) == {("trial_start", "NMPA")}
    assert [(m.type, m.novelty) for m in result.mentions] == [("ind_clearance", "restated")]


def test_trial_start_without_a_regulator_has_no_agency() -> None:
    result = run(
        "Acme Doses First Patient",
        "Acme Cell today announced that the first patient has been dosed in a Phase 1 trial of "
        "AC-101 at Massachusetts General Hospital.",
    )
    assert new(result) == {("trial_start", None)}


def test_regulator_named_only_by_country_is_other() -> None:
    result = run(
        "Acme's AC-101 Approved in Hong Kong",
        "Acme Cell today announced that AC-101 has been approved in Hong Kong for the treatment "
        "of lymphoma.",
    )
    assert new(result) == {("approval", "other")}


def test_about_section_history_is_background() -> None:
    body = (
        "BOSTON, June 10, 2025 /PRNewswire/ -- Acme Cell will present at a conference.\n\n"
        "About Acme Cell\n\nIn 2024 the FDA granted Orphan Drug Designation to AC-101."
    )
    result = extract(ReleaseText(id="t", title="Acme to Present", body=body))
    assert result.milestones == ()
    assert [m.novelty for m in result.mentions] == ["background"]


def test_the_same_event_repeated_later_is_one_event() -> None:
    result = run(
        "FDA Grants Orphan Drug Designation to Acme's AC-101",
        "Acme Cell today announced that the FDA has granted Orphan Drug Designation to AC-101.",
        '"Receiving Orphan Drug Designation from the FDA for AC-101 is important," said the CEO.',
    )
    assert len(result.milestones) == 1
    assert result.milestones[0].evidence.startswith("Acme Cell today announced")
