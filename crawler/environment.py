"""WIREWATCH_* Scrapy settings for a plain `scrapy crawl prnewswire`.

`wirewatch crawl` passes validated settings itself (in $WIREWATCH_CRAWL_SETTINGS); without it,
the watches come from the TOML file that $WIREWATCH_CONFIG (or ./wirewatch.toml) names, and the
URLs from the documented environment variables.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_WATCHES = [{"name": "xellsmart", "kind": "company", "path": "/news/xellsmart/"}]


def settings_from_environment() -> dict[str, Any]:
    explicit = os.environ.get("WIREWATCH_CRAWL_SETTINGS")
    if explicit:
        loaded: dict[str, Any] = json.loads(Path(explicit).read_text(encoding="utf-8"))
        return loaded
    data: dict[str, Any] = {}
    path = Path(os.environ.get("WIREWATCH_CONFIG") or "wirewatch.toml")
    if path.exists():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = data.get("source", {}).get("prnewswire", {})
    settings: dict[str, Any] = {
        "WIREWATCH_BASE_URL": os.environ.get("WIREWATCH_PRNEWSWIRE_BASE_URL")
        or source.get("base_url", "https://www.prnewswire.com"),
        "WIREWATCH_DATABASE_URL": os.environ.get("WIREWATCH_DATABASE_URL")
        or data.get("database", {}).get("url", "sqlite:///var/wirewatch.db"),
        "WIREWATCH_WATCHES": [
            w for w in data.get("watch", DEFAULT_WATCHES) if w.get("enabled", True)
        ],
        "WIREWATCH_COMPANIES": data.get("company", []),
    }
    if "@" in urlsplit(settings["WIREWATCH_BASE_URL"]).netloc:
        raise SystemExit("source.prnewswire.base_url: must not contain a user name or password")
    if "max_requests" in source:
        settings["WIREWATCH_MAX_REQUESTS"] = int(source["max_requests"])
    if "download_delay" in source:
        settings["DOWNLOAD_DELAY"] = float(source["download_delay"])
    if "user_agent" in source:
        settings["USER_AGENT"] = source["user_agent"]
    return settings
