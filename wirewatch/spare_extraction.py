"""A backfill's milestone extraction, done ahead by its parse worker with the CPU the crawl leaves.

A backfill crawl parses its detail pages in a worker process (`crawler.parse_pool`); the crawl
itself keeps one core busy, the worker less than half of the other. The analysis after the crawl
then spent ~2 ms a release extracting milestones, longer than the crawl. So the backfill's
worker is this program: it serves pages as `crawler.parsing.worker` does and, whenever no page
is waiting, extracts the milestones of a release it answered and appends them to
`<directory>/<pid>.jsonl`, keyed by the digest of the text the analysis will read
(`alerts.milestones.codec`). The analysis takes an extraction from there only for a stored
release with the same text digest (another company alias, a tidied field: extracted again), so
what it stores is what it would have found itself. Whatever the worker did not reach (the
crawl was faster, a release longer than `MAX_BODY`, the worker died) is extracted as before.

Run by the crawl: `python -m wirewatch.spare_extraction DIRECTORY [ALIASES_JSON]`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from alerts.milestones.codec import extraction_from_json, extraction_to_json, text_digest
from alerts.milestones.model import Extraction, ReleaseText
from alerts.milestones.model import release_text as stored_text
from crawler.cleaning import canonical_company, company_aliases
from crawler.items import PressRelease

if TYPE_CHECKING:  # not imported by the worker: it starts with the crawl
    from wirewatch.config import Config

logger = logging.getLogger(__name__)

PREFIX = "extractions-"
# Longer bodies are left to the analysis: a worker busy for seconds on one would hold up pages.
MAX_BODY = 40_000


def worker_args(config: Config, directory: Path) -> list[str]:
    """The parse worker's command line (after the interpreter) for a crawl writing to
    `directory`: `WIREWATCH_PARSE_WORKER_ARGS`."""
    aliases = company_aliases(c.model_dump() for c in config.company)
    return ["-m", __name__, str(directory), json.dumps(aliases)]


def new_directory(state_dir: Path) -> Path:
    """An empty directory for this process's backfill under `<state_dir>/run`; those of
    backfills no longer running are removed."""
    run = state_dir / "run"
    run.mkdir(parents=True, exist_ok=True)
    for stale in run.glob(f"{PREFIX}*"):
        pid = stale.name.removeprefix(PREFIX)
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    directory = run / f"{PREFIX}{os.getpid()}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()
    return directory


def load(directory: Path) -> dict[str, Extraction]:
    """{text digest: extraction} of every line the workers wrote; a line cut short (a worker
    killed mid-write) or otherwise unreadable is skipped, its release extracted again."""
    found: dict[str, Extraction] = {}
    skipped = 0
    for path in sorted(directory.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            logger.warning("cannot read %s: %s", path, exc.strerror or exc)
            continue
        for line in lines:
            try:
                entry = json.loads(line)
                found[str(entry["text"])] = extraction_from_json(entry["extraction"])
            except (ValueError, KeyError, TypeError):
                skipped += 1
    if skipped:
        logger.info("%d unreadable line(s) of the parse worker's extractions skipped", skipped)
    return found


def release_text(release: PressRelease, aliases: Mapping[str, str]) -> ReleaseText:
    """What the analysis will read (`alerts.milestones.model.release_text`) once the crawl has
    stored `release`, with the [[company]] name its normalizing gives."""
    text = stored_text(release)
    return dataclasses.replace(text, company=canonical_company(aliases, release.company))


class _Extractor:
    def __init__(self, out: IO[str], aliases: Mapping[str, str]) -> None:
        from alerts.milestones.extract import extract  # the worker's, not the command's

        self.extract = extract
        self.out: IO[str] | None = out
        self.aliases = aliases

    def __call__(self, release: PressRelease) -> None:
        if self.out is None or len(release.body) > MAX_BODY:
            return
        text = release_text(release, self.aliases)
        try:
            extraction = self.extract(text)
        except Exception:  # noqa: BLE001 (the analysis extracts it again, and reports the bug)
            return
        entry = {"text": text_digest(text), "extraction": extraction_to_json(extraction)}
        try:
            self.out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError:  # a full disk: the pages still matter, the rest is extracted later
            self.out = None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv: list[str]) -> None:
    from crawler.parsing import worker  # the parsers: the worker's, not the command's

    directory = Path(argv[0])
    aliases: dict[str, str] = json.loads(argv[1]) if len(argv) > 1 else {}
    out: IO[str] | None = None
    with contextlib.suppress(OSError):
        out = (directory / f"{os.getpid()}.jsonl").open("w", encoding="utf-8")
    try:
        worker.main(_Extractor(out, aliases) if out else None)
    finally:
        if out is not None:
            with contextlib.suppress(OSError):
                out.close()


if __name__ == "__main__":
    main(sys.argv[1:])
