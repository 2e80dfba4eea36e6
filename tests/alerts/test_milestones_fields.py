"""Fields a BD analyst reads: product, indication (from the sentence or the product's own
description), never a time zone, trial acronym or target as product."""

from __future__ import annotations

from alerts.milestones import ReleaseText, extract
from wirewatch.demo import IND_BODY, IND_TITLE


def _events(title: str, body: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    result = extract(ReleaseText(id="t", title=title, body=body, published="2025-11-06"))
    return [
        (m.novelty, m.type, m.agency, m.product, m.indication)
        for m in result.milestones + result.mentions
    ]


def test_two_products_with_two_conditions_are_paired_in_order() -> None:
    body = (
        "SUZHOU, China, Nov. 6, 2025 /PRNewswire/ -- XellSmart today announced that its cell "
        "therapies XS411 and XS228, targeting Parkinson's disease and ALS, have been approved by "
        "the FDA to enter Phase I clinical trials."
    )
    found = {(p, i) for _, _, _, p, i in _events("XellSmart receives two FDA IND clearances", body)}
    assert found == {("XS411", "Parkinson's disease"), ("XS228", "ALS")}


def test_a_product_followed_by_its_condition_keeps_it_in_a_list_of_products() -> None:
    found = _events(IND_TITLE, IND_BODY)
    assert ("new", "ind_clearance", "FDA", "XS-203", "spinal cord injury") in found
    (orphan,) = [e for e in found if e[1] == "orphan_drug"]
    assert orphan[3:] == ("XS228", "amyotrophic lateral sclerosis")


def test_a_product_without_a_condition_takes_its_own_description_not_the_headline() -> None:
    body = (
        "BOSTON, Nov. 6, 2025 /PRNewswire/ -- Acme Bio today announced that the FDA has granted "
        "Fast Track designation to AB-202.\n\nAB-202 is an oral inhibitor for the treatment of "
        "lupus nephritis. AB-101 is being developed for heart failure."
    )
    found = _events("Acme Bio Receives Fast Track Designation; Updates Heart Failure Program", body)
    assert found[0] == ("new", "fast_track", "FDA", "AB-202", "lupus nephritis")


def test_a_time_zone_a_target_isoform_and_the_company_are_never_the_product() -> None:
    body = (
        "SHANGHAI, Nov. 6, 2025 /PRNewswire/ -- Neurogene today announced that the NMPA has "
        "granted IND clearance to CT041, its CAR T-cell product targeting CLDN18.2, at 9:00 "
        "UTC-4 for gastric cancer."
    )
    release = ReleaseText(
        id="t", title="Update", body=body, published="2025-11-06", company="Neurogene Inc."
    )
    products = {m.product for m in extract(release).milestones}
    assert products == {"CT041"}
