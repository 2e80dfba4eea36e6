"""A real `wirewatch serve` on a free 127.0.0.1 port, read by real headless Chromium.

`python -m tests.web.test_web_chromium docs/` refreshes the README screenshots
(docs/web-events.png, docs/web-company.png) from the synthetic history.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import pytest

from storage import migrate
from storage.session import make_engine, make_session_factory
from tests.support.chromium import Browser
from tests.support.web import HISTORY, HOSTILE_TITLE, Milestone, add_milestone, seed_history

CHROMIUM = Path("/usr/bin/chromium")
WIREWATCH = Path(sys.executable).with_name("wirewatch")
PNG = b"\x89PNG\r\n\x1a\n"
HOSTILE = Milestone(
    "2026-03-02", "Acme Cell Therapeutics", "crl", "FDA", "AC-101", "spinal cord injury",
    "negative", HOSTILE_TITLE,
    "Acme <img src=x onerror=\"document.documentElement.setAttribute('data-xss','ev')\"> said so.",
)  # fmt: skip

pytestmark = pytest.mark.slow


def seeded_project(root: Path, *, hostile: bool) -> Path:
    """A config file whose SQLite database holds the synthetic history."""
    url = f"sqlite:///{root / 'wirewatch.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine, url)
    with make_session_factory(engine).begin() as session:
        seed_history(session)
        if hostile:
            add_milestone(session, HOSTILE)
    engine.dispose()
    config = root / "wirewatch.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[daemon]\nstate_dir = "{root / "var"}"\n', encoding="utf-8"
    )
    return config


@contextmanager
def serving(config: Path) -> Iterator[str]:
    """`wirewatch serve --port 0`; yields the base URL it printed."""
    process = subprocess.Popen(
        [str(WIREWATCH), "--config", str(config), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=60):
                raise AssertionError("wirewatch serve printed nothing in 60 s")
        line = process.stdout.readline()
        assert line.startswith("wirewatch: serving http://127.0.0.1:"), line
        yield line.split()[2].rstrip("/")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        errors = process.stderr.read() if process.stderr else ""
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    # uvicorn shuts down gracefully, then dies of the SIGTERM it caught, as services do.
    assert process.returncode in (0, -15), process.returncode
    assert "Traceback" not in errors, errors


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="wirewatch-chromium-") as profile:
        return subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip


def rendered(url: str) -> lxml.html.HtmlElement:
    """The DOM after Chromium loaded the page (and ran whatever it would run)."""
    return lxml.html.fromstring(chromium("--dump-dom", url).stdout)


def screenshot(url: str, png: Path, width: int, height: int) -> None:
    chromium(f"--screenshot={png}", f"--window-size={width},{height}", url)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI (make system-deps installs it)")
        pytest.skip("no /usr/bin/chromium here")
    config = seeded_project(tmp_path_factory.mktemp("web"), hostile=True)
    with serving(config) as base:
        yield base


def test_the_events_page_renders_every_event_in_chromium(site: str) -> None:
    doc = rendered(f"{site}/")
    assert doc.xpath("//h1/text()") == ["Regulatory milestones"]
    assert len(doc.xpath("//li[contains(@class, 'event ')]")) == len(HISTORY) + 1
    assert doc.xpath("//select[@name='company']/option/@value")[1:] == [
        "Acme Cell Therapeutics", "Kyoto Neurocell", "Neuronova", "XellSmart",
    ]  # fmt: skip


def test_filters_in_the_query_string_narrow_the_list_in_chromium(site: str) -> None:
    # The form submits these very parameters with GET (no script involved).
    form = rendered(f"{site}/").xpath("//form[@class='filters']")[0]
    assert (form.get("method"), form.get("action")) == ("get", "/")
    assert form.xpath(".//*[@name]/@name") == ["company", "type", "agency", "since", "q"]
    doc = rendered(f"{site}/?company=Neuronova&agency=FDA&since=2026-02-01")
    summaries = doc.xpath("//a[@class='summary']/text()")
    assert summaries == ["FDA lifted the clinical hold on NN-7 (multiple system atrophy)"]
    assert doc.xpath("//select[@name='company']/option[@selected]/@value") == ["Neuronova"]
    doc = rendered(f"{site}/?q=no-such-product-anywhere")
    assert not doc.xpath("//li[contains(@class, 'event ')]")
    assert "No milestone matches" in doc.text_content()


def test_a_user_filters_with_the_form_in_chromium(site: str) -> None:
    with Browser() as browser:
        browser.open(f"{site}/")
        # Native drop-downs cannot be clicked headless: choose as the form would, then type
        # and press the button like a user.
        browser.evaluate(
            "document.querySelector('select[name=company]').value = 'XellSmart';"
            "document.querySelector('select[name=agency]').value = 'FDA';"
        )
        browser.type_into("input[name=q]", "XS228")
        browser.click_and_wait("form.filters button[type=submit]")
        assert browser.evaluate("location.search") == (
            "?company=XellSmart&type=&agency=FDA&since=&q=XS228"
        )
        summaries = browser.evaluate(
            "[...document.querySelectorAll('a.summary')].map(a => a.textContent)"
        )
        assert summaries == [
            "FDA-approved trial of XS228 started (ALS, Phase I/IIa)",
            "FDA granted Fast Track designation to XS228 (ALS)",
            "FDA granted orphan drug designation to XS228 (ALS)",
            "FDA cleared the IND for XS228 (ALS, Phase I/IIa)",
            "FDA granted orphan drug designation to XS228 (ALS)",
        ]
        assert browser.evaluate("document.querySelector('a.clear').textContent") == "Clear"
        browser.click_and_wait("a.clear")
        assert browser.evaluate("location.search") == ""
        count = browser.evaluate("document.querySelectorAll('li.event').length")
        assert count == len(HISTORY) + 1
        # The stylesheet loaded under the CSP: the masthead is navy, not unstyled.
        colour = browser.evaluate(
            "getComputedStyle(document.querySelector('.masthead')).backgroundColor"
        )
        assert colour == "rgb(20, 33, 61)"


def test_a_hostile_headline_is_shown_as_text_and_never_runs(site: str) -> None:
    for path in ("/", "/?type=crl", "/events/19", "/companies/Acme%20Cell%20Therapeutics"):
        doc = rendered(f"{site}{path}")
        assert doc.get("data-xss") is None, path  # no script or handler ran
        assert not doc.xpath("//body//script | //img"), path
        assert "<script>document.documentElement" in doc.text_content(), path


def test_the_company_timeline_renders_as_svg_in_chromium(site: str, tmp_path: Path) -> None:
    doc = rendered(f"{site}/companies/XellSmart")
    assert doc.xpath("//svg//text[@class='lane-name']/text()") == [
        "XS-411", "XS228", "XS-402", "XS-501",
    ]  # fmt: skip
    assert len(doc.xpath("//svg//circle")) == sum(
        m.company == "XellSmart" and m.novelty == "new" for m in HISTORY
    )
    png = tmp_path / "company.png"
    screenshot(f"{site}/companies/XellSmart", png, 1100, 900)
    data = png.read_bytes()
    assert data.startswith(PNG)
    assert int.from_bytes(data[16:20], "big") == 1100
    assert len(data) > 40_000  # a chart with colour and text, not a blank page


def test_the_event_page_highlights_the_evidence_in_chromium(site: str) -> None:
    doc = rendered(f"{site}/events/3")
    assert doc.xpath("//mark[@id='evidence']/text()") == [HISTORY[2].evidence]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as root,
        serving(seeded_project(Path(root), hostile=False)) as base,
    ):
        screenshot(f"{base}/", out / "web-events.png", 1100, 1250)
        screenshot(f"{base}/companies/XellSmart", out / "web-company.png", 1100, 960)
