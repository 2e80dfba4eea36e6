"""The HTML digest rendered by a real browser (headless Chromium), at phone and desktop width.

`python -m tests.alerts.test_email_screenshot docs/` refreshes the README screenshots.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alerts.digest import Filters, Recipient, assemble_digest
from alerts.email import MailSettings, render_digest
from tests.support.mailing import event_view

CHROMIUM = Path("/usr/bin/chromium")
PNG = b"\x89PNG\r\n\x1a\n"


def sample_html() -> str:
    """A realistic digest: three companies on three wires, five milestone types, one
    correction."""
    recipient = Recipient(
        1, "bd-team@example.com", datetime(2026, 1, 1, tzinfo=UTC), "Asia/Shanghai",
        frozenset({"crl"}), Filters(companies=("XellSmart", "Acme Cell Therapeutics", "Neuronova"),
                                    types=(), keywords=("iPSC",)),
    )  # fmt: skip
    url = "https://www.prnewswire.com/news-releases/{}-30246{}.html"
    events = [
        event_view(1, title="XellSmart Receives FDA IND Clearance for XS-411, an iPSC-Derived "
                   "Dopaminergic Cell Therapy for Parkinson's Disease", url=url.format("xs411", 1)),
        event_view(2, type="orphan_drug", product="XS228", indication="ALS", phase=None,
                   evidence="XellSmart today announced that the FDA has granted Orphan Drug "
                   "Designation to XS228 for the treatment of amyotrophic lateral sclerosis.",
                   title="XellSmart's XS228 Granted FDA Orphan Drug Designation for ALS",
                   url=url.format("xs228", 2)),
        event_view(3, type="crl", status="negative", company="Acme Cell Therapeutics",
                   product="AC-101", indication="spinal cord injury", phase=None,
                   evidence="Acme received a complete response letter from the FDA regarding "
                   "its Biologics License Application for AC-101.",
                   title="Acme Cell Therapeutics Receives Complete Response Letter for AC-101",
                   source="businesswire",
                   url="https://www.businesswire.com/news/home/20260302005123/en/"),
        event_view(4, type="prime", agency="EMA", company="Neuronova", product="NN-7",
                   indication="multiple system atrophy", phase=None,
                   evidence="The European Medicines Agency has granted PRIME eligibility to NN-7.",
                   title="Neuronova's NN-7 Receives EMA PRIME Designation",
                   source="globenewswire", url="https://www.globenewswire.com/news-release/"
                   "2026/03/02/3375001/0/en/Neuronova-NN-7-PRIME.html"),
        event_view(5, type="trial_start", status="started", agency="NMPA", product="XS-411",
                   evidence="The first patient has been dosed in the NMPA-approved Phase I trial.",
                   title="First Patient Dosed in XellSmart's Phase I Trial of XS-411 in China",
                   url=url.format("dosed", 5)),
    ]  # fmt: skip
    retracted = [
        event_view(6, type="approval", company="Neuronova", product="NN-3", retracted=True,
                   retracted_reason="the approval was a 2019 event restated in a new release",
                   title="Neuronova Reports Full-Year Results", url=url.format("fy", 6)),
    ]  # fmt: skip
    digest = assemble_digest(recipient, events, retracted, datetime(2026, 3, 3, 0, tzinfo=UTC))
    assert digest is not None
    settings = MailSettings(unsubscribe="mailto:wirewatch-unsubscribe@example.com")
    return render_digest(digest, settings).html


def screenshot(html: Path, png: Path, width: int, height: int = 1400) -> None:
    with tempfile.TemporaryDirectory(prefix="wirewatch-chromium-") as profile:
        _chromium(html, png, width, height, profile)


def _chromium(html: Path, png: Path, width: int, height: int, profile: str) -> None:
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
         f"--screenshot={png}", f"--window-size={width},{height}", html.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@pytest.mark.slow
def test_the_digest_renders_in_chromium_at_phone_width(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI (make system-deps installs it)")
        pytest.skip("no /usr/bin/chromium here")
    page = tmp_path / "digest.html"
    page.write_text(sample_html(), encoding="utf-8")
    png = tmp_path / "digest.png"
    screenshot(page, png, 420)
    data = png.read_bytes()
    assert data.startswith(PNG)
    assert int.from_bytes(data[16:20], "big") == 420
    assert len(data) > 30_000  # text, chips and colour, not a blank page


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    page = out / ".digest-sample.html"
    page.write_text(sample_html(), encoding="utf-8")
    screenshot(page, out / "digest.png", 900, 1760)
    screenshot(page, out / "digest-phone.png", 420, 2000)
    page.unlink()
