"""WIREWATCH_* Scrapy settings for a plain `scrapy crawl <source>`.

`wirewatch crawl` passes validated settings itself (in $WIREWATCH_CRAWL_SETTINGS); without it,
the watches come from the TOML file that $WIREWATCH_CONFIG (or ./wirewatch.toml) names, and the
URLs from the documented environment variables (WIREWATCH_<SOURCE>_BASE_URL). Each spider
picks its own source's values out of WIREWATCH_SOURCES and its own watches.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.sources.registry import SOURCES

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
    configured = data.get("source", {})
    sources = {name: _source(name, configured.get(name, {})) for name in SOURCES}
    settings: dict[str, Any] = {
        "WIREWATCH_SOURCES": sources,
        "WIREWATCH_DATABASE_URL": os.environ.get("WIREWATCH_DATABASE_URL")
        or data.get("database", {}).get("url", "sqlite:///var/wirewatch.db"),
        "WIREWATCH_WATCHES": [
            w for w in data.get("watch", DEFAULT_WATCHES) if w.get("enabled", True)
        ],
        "WIREWATCH_COMPANIES": data.get("company", []),
    }
    return settings


def _source(name: str, source: dict[str, Any]) -> dict[str, Any]:
    info = SOURCES[name]
    base_url = (
        os.environ.get(f"WIREWATCH_{name.upper()}_BASE_URL")
        or source.get("base_url")
        or info.base_url
    )
    if "@" in urlsplit(base_url).netloc:
        raise SystemExit(f"source.{name}.base_url: must not contain a user name or password")
    extra = {key: source.get(key, default) for key, default in info.extra_urls.items()}
    settings: dict[str, Any] = {
        "WIREWATCH_BASE_URL": base_url,
        "WIREWATCH_EXTRA_URLS": extra,
        "DOWNLOAD_DELAY": float(source.get("download_delay", info.download_delay)),
    }
    if "max_requests" in source:
        settings["WIREWATCH_MAX_REQUESTS"] = int(source["max_requests"])
    if "user_agent" in source:
        settings["USER_AGENT"] = source["user_agent"]
    return settings
