"""A backfill's parse worker extracts milestones in its spare time (`wirewatch.spare_extraction`).

Real PR Newswire pages through the real worker program (a child process fed by `ParsePool`); the
extractions it leaves must be exactly what the analysis would extract from the stored release.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from alerts.milestones.codec import extraction_to_json, text_digest
from alerts.milestones.extract import extract
from crawler.cleaning import company_aliases
from crawler.items import PressRelease
from crawler.parse_pool import ParsePool
from wirewatch import spare_extraction
from wirewatch.config import load_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "prnewswire"
URL = "https://www.prnewswire.com/news-releases/x-302427583.html"


def parse_all(args: list[str], names: list[str]) -> list[PressRelease]:
    async def scenario() -> list[PressRelease]:
        pool = ParsePool(1, args=args)
        try:
            parsed = []
            for name in names:  # one at a time: the worker is idle after each page
                parsed.append(await pool.parse_release((FIXTURES / name).read_bytes(), URL))
                await asyncio.sleep(0.3)
            return parsed
        finally:
            await pool.close()

    return asyncio.run(scenario())


def config_with_company(tmp_path: Path) -> Path:
    path = tmp_path / "wirewatch.toml"
    path.write_text(
        "[database]\nurl = 'sqlite:///" + str(tmp_path / "w.db") + "'\n"
        "[daemon]\nstate_dir = '" + str(tmp_path / "var") + "'\n"
        "[[company]]\nname = 'Norvana'\naliases = ['Norvana Biotherapeutics, Inc.']\n",
        encoding="utf-8",
    )
    return path


def test_the_worker_leaves_what_the_analysis_would_extract(tmp_path: Path) -> None:
    config = load_config(str(config_with_company(tmp_path)), environ={})
    directory = spare_extraction.new_directory(tmp_path / "var")
    names = sorted(p.name for p in FIXTURES.glob("detail-*.html"))
    parsed = parse_all(spare_extraction.worker_args(config, directory), names)
    found = spare_extraction.load(directory)
    aliases = company_aliases(c.model_dump() for c in config.company)
    texts = [spare_extraction.release_text(release, aliases) for release in parsed]
    # The 2017 and 2024 HackerRank pages are one release in two templates: one text.
    assert len(found) == len({text_digest(t) for t in texts}) == len(names) - 1
    for text in texts:
        assert found[text_digest(text)] == extract(text)
    # The stored company is the [[company]] name: so is the text extracted ahead.
    assert "Norvana Biotherapeutics, Inc." in {r.company for r in parsed}
    assert "Norvana" in {t.company for t in texts}
    assert sum(len(found[text_digest(t)].milestones) for t in texts) >= 3


def test_lines_cut_short_or_foreign_are_skipped(tmp_path: Path) -> None:
    good = {"text": "a" * 32, "extraction": extraction_to_json(extract(
        spare_extraction.release_text(parse_all([], ["detail-2025-xellsmart-302427583.html"])[0], {})
    ))}  # fmt: skip
    line = json.dumps(good)
    (tmp_path / "1.jsonl").write_text(
        "\n".join([line, "not json", json.dumps({"text": "b" * 32}), json.dumps([1]), line[:50]]),
        encoding="utf-8",
    )
    (tmp_path / "2.jsonl").write_bytes(b"\xff\xfe broken bytes\n")
    found = spare_extraction.load(tmp_path)
    assert list(found) == ["a" * 32]


def test_directories_of_backfills_no_longer_running_are_removed(tmp_path: Path) -> None:
    run = tmp_path / "run"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    gone = run / f"extractions-{int(ended.stdout)}"
    alive = run / f"extractions-{os.getppid()}"
    for directory in (gone, alive):
        directory.mkdir(parents=True)
        (directory / "1.jsonl").write_text("{}\n", encoding="utf-8")
    mine = spare_extraction.new_directory(tmp_path)
    assert mine == run / f"extractions-{os.getpid()}" and not list(mine.iterdir())
    assert not gone.exists() and alive.exists()


def test_a_worker_that_cannot_write_still_parses(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-directory"
    started = time.monotonic()
    parsed = parse_all(["-m", "wirewatch.spare_extraction", str(missing)],
                       ["detail-2025-xellsmart-302427583.html"])  # fmt: skip
    assert parsed[0].title and time.monotonic() - started < 30
    assert not missing.exists()
