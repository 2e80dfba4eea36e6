"""The TOML configuration, validated at start; environment variables override the file.

A bad key or value becomes one `ConfigError` line naming the key (exit code 2 in the CLI).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from datetime import timedelta
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from alerts.vocabulary import Agency, MilestoneType
from crawler.sources.registry import SOURCES
from wirewatch.schedules import (
    Schedule,
    parse_crawl_schedule,
    parse_digest_schedule,
    parse_duration,
    zone,
)

ENV_CONFIG = "WIREWATCH_CONFIG"
ENV_DATABASE_URL = "WIREWATCH_DATABASE_URL"
# `[source.<name>] base_url` from the environment, per source.
ENV_BASE_URLS = {name: f"WIREWATCH_{name.upper()}_BASE_URL" for name in SOURCES}
ENV_SMTP_URL = "WIREWATCH_SMTP_URL"
ENV_WEB_TOKEN = "WIREWATCH_WEB_TOKEN"  # noqa: S105 (the variable's name)
DEFAULT_FILE = "wirewatch.toml"


class ConfigError(Exception):
    """One line naming the key and what is wrong with it."""


# A configuration file larger than this is not one (`--config /dev/zero` read for ever).
MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _duration(value: object) -> timedelta:
    """Parsed once here; everything downstream gets a `timedelta`."""
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):  # pydantic reports ValueError, not TypeError, as bad input
        raise ValueError(  # noqa: TRY004
            f'{value!r} is not a duration: write it as a string such as "24h"'
        )
    return parse_duration(value)


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    if "@" in parts.netloc:
        # The sites need no login, Scrapy cannot use one in the URL (every request fails
        # "invalid hostname: user:pw@host", printing it), and it would be logged and stored.
        raise ValueError("must not contain a user name or password")
    return value.rstrip("/")


def _smtp_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
        raise ValueError(
            "must look like smtp://user:pass@host:port (or smtps://, smtp+starttls://)"
        )
    try:
        _ = parts.port
    except ValueError as exc:
        raise ValueError("has a bad port") from exc
    return value


def _database_url(value: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError as exc:
        raise ValueError("is not a database URL (sqlite:///path or postgresql://…)") from exc
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(f"backend {backend!r} is not supported (sqlite or postgresql)")
    return value


def _zone(value: str) -> str:
    zone(value)
    return value


def _digest(value: str) -> str:
    parse_digest_schedule(value)
    return value


def _email(value: str) -> str:
    # Non-ASCII addresses (RFC 6531) are accepted: a server that offers SMTPUTF8 delivers them,
    # and one that does not fails that one delivery (and tells ops), never the whole queue.
    value = value.strip()
    local, _, domain = value.rpartition("@")
    if (
        not local
        or "." not in domain
        or any(c.isspace() or c in '<>,;"' or not c.isprintable() for c in value)
    ):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def _hook_url(value: str) -> str:
    """A Slack or webhook URL. It is a secret (whoever has it can post): no error repeats it."""
    try:
        parts = urlsplit(value)
        _ = parts.port
    except ValueError:
        raise ValueError("is not a URL") from None
    if not parts.hostname or parts.scheme not in ("https", "http"):
        raise ValueError("must be an https:// URL")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError("must be https:// (plain http only to 127.0.0.1 or localhost)")
    if parts.username is not None or parts.password is not None:
        raise ValueError("must not carry a user name or password")
    if any(c.isspace() or not c.isprintable() for c in value):
        raise ValueError("must not contain spaces or control characters")
    return value


def _optional_duration(value: object) -> timedelta | None:
    return None if value is None else _duration(value)


Duration = Annotated[timedelta, BeforeValidator(_duration)]
OptionalDuration = Annotated[timedelta | None, BeforeValidator(_optional_duration)]
Email = Annotated[str, AfterValidator(_email)]
HookUrl = Annotated[str, AfterValidator(_hook_url), Field(max_length=2048)]


class Strict(BaseModel):
    # strict: `"3"` is not 3, `"no"` is not false and `true` is not a 1.0 s delay (red-team L1).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


HttpUrl = Annotated[str, AfterValidator(_http_url)]


class WireSourceSettings(Strict):
    """`[source.<name>]`: the same keys for every wire, each with its own defaults."""

    base_url: HttpUrl = "https://www.prnewswire.com"
    download_delay: float = Field(default=2.0, ge=0, le=600)
    user_agent: str = "wirewatch/0.1 (+https://github.com/wirewatch; regulatory-milestone monitor)"
    timeout: Duration = timedelta(seconds=30)
    max_pages: int = Field(default=20, ge=1, le=100_000)
    # Requests one incremental crawl may make (0: no limit); the rest waits for the next crawl.
    max_requests: int = Field(default=300, ge=0, le=1_000_000)

    @property
    def extra_urls(self) -> dict[str, str]:
        """The wire's other sites, by crawl settings key (see `SourceInfo.extra_urls`)."""
        return {}


class PrnewswireSource(WireSourceSettings):
    base_url: HttpUrl = SOURCES["prnewswire"].base_url


class GlobenewswireSource(WireSourceSettings):
    base_url: HttpUrl = SOURCES["globenewswire"].base_url


class BusinesswireSource(WireSourceSettings):
    base_url: HttpUrl = SOURCES["businesswire"].base_url
    download_delay: float = Field(default=SOURCES["businesswire"].download_delay, ge=0, le=600)
    # Its /mrss/ feeds live on their own host; the crawl may fetch there too.
    feed_url: HttpUrl = SOURCES["businesswire"].extra_urls["feed_url"]

    @property
    def extra_urls(self) -> dict[str, str]:
        return {"feed_url": self.feed_url}


class Source(Strict):
    prnewswire: PrnewswireSource = PrnewswireSource()
    globenewswire: GlobenewswireSource = GlobenewswireSource()
    businesswire: BusinesswireSource = BusinesswireSource()

    def named(self, name: str) -> WireSourceSettings:
        settings: WireSourceSettings = getattr(self, name)
        return settings


SourceName = Literal["prnewswire", "globenewswire", "businesswire"]


class Watch(Strict):
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")]
    source: SourceName = "prnewswire"
    kind: Literal["company", "category", "rss"]
    path: str
    enabled: bool = True
    expected_period: OptionalDuration = None
    include: list[str] = []
    exclude: list[str] = []

    @field_validator("path")
    @classmethod
    def _path(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("source", "prnewswire") != "prnewswire":
            return value  # checked with the kind, below
        if not value.startswith("/") or "://" in value:
            raise ValueError("must be a path on the site starting with / (e.g. /news/xellsmart/)")
        if value.startswith(("/search/", "/search-results/")):
            raise ValueError("/search/ is disallowed by the site's robots.txt")
        return value

    @model_validator(mode="after")
    def _kind_matches_path(self) -> Watch:
        if self.source != "prnewswire":
            problem = SOURCES[self.source].path_problem(self.kind, self.path)
            if problem:
                raise ValueError(f"path: {problem}")
            return self
        if self.kind == "rss" and not self.path.endswith(".rss"):
            raise ValueError("an rss watch needs a feed path ending in .rss")
        if self.kind == "company" and not self.path.startswith("/news/"):
            raise ValueError("a company watch needs a newsroom path /news/<slug>/")
        return self

    @property
    def expected_period_delta(self) -> timedelta | None:
        return self.expected_period


class Company(Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []


CHANNELS = ("email", "slack", "webhook")


class Subscriber(Strict):
    """Exactly one address: `email`, `slack` (an incoming-webhook URL) or `webhook` (+ secret).
    URLs are secrets: logs, `status` and errors print `label` (the name) instead."""

    email: Email | None = None
    slack: HookUrl | None = None
    webhook: HookUrl | None = None
    webhook_secret: Annotated[str, Field(min_length=16, max_length=512)] | None = Field(
        default=None, repr=False
    )
    name: (
        Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")] | None
    ) = None
    digest: Annotated[str, AfterValidator(_digest)] = "daily 08:00 UTC"
    immediate: list[MilestoneType] = ["approval", "crl", "clinical_hold", "ind_clearance"]
    companies: list[str] = []
    types: list[MilestoneType] = []
    agencies: list[Agency] = []
    keywords: list[str] = []

    @model_validator(mode="after")
    def _one_address(self) -> Subscriber:
        given = [c for c in CHANNELS if getattr(self, c) is not None]
        if len(given) != 1:
            raise ValueError("needs exactly one address: email, slack or webhook")
        if (self.webhook is None) != (self.webhook_secret is None):
            raise ValueError("webhook and webhook_secret go together (the body is signed with it)")
        return self

    @property
    def channel(self) -> str:
        return next(c for c in CHANNELS if getattr(self, c) is not None)

    @property
    def address(self) -> str:
        return str(self.email or self.slack or self.webhook).strip()

    @property
    def label(self) -> str:
        """What is printed: the name, else the e-mail address, else a name made from a hash of
        the URL (stable, and reveals nothing)."""
        if self.name:
            return self.name
        if self.email:
            return self.email.strip()
        return f"{self.channel}-{hashlib.sha256(self.address.encode()).hexdigest()[:8]}"

    def answers_to(self, wanted: str) -> bool:
        """`digest --subscriber`: the name, the e-mail address (any case) or the URL."""
        wanted = wanted.strip()
        return wanted in (self.label, self.address) or (
            self.channel == "email" and wanted.lower() == self.address.lower()
        )

    @cached_property
    def schedule(self) -> Schedule:
        return parse_digest_schedule(self.digest)


class Smtp(Strict):
    url: Annotated[str, AfterValidator(_smtp_url)] | None = None
    from_: Annotated[str, Field(alias="from")] = "wirewatch <alerts@example.com>"
    ops: list[Email] = []
    ops_slack: HookUrl | None = None  # ops alerts also to this Slack incoming webhook
    unsubscribe: str | None = None
    timeout: Duration = timedelta(seconds=30)

    @field_validator("unsubscribe")
    @classmethod
    def _unsubscribe(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("mailto:", "https://", "http://")):
            raise ValueError("must be a mailto: address or an http(s) URL")
        return value


class Database(Strict):
    url: Annotated[str, AfterValidator(_database_url)] = "sqlite:///var/wirewatch.db"


class ScheduleSection(Strict):
    crawl: str = "every 30m"
    timezone: Annotated[str, AfterValidator(_zone)] = "UTC"

    @model_validator(mode="after")
    def _crawl(self) -> ScheduleSection:
        try:
            parse_crawl_schedule(self.crawl, self.timezone)
        except ValueError as exc:
            raise ValueError(f"crawl: {exc}") from exc
        return self

    @cached_property
    def crawl_schedule(self) -> Schedule:
        return parse_crawl_schedule(self.crawl, self.timezone)


class Alerts(Strict):
    baseline_grace: Duration = timedelta(hours=24)
    event_window: Duration = timedelta(days=30)
    failures_before_alert: int = Field(default=3, ge=1, le=1000)


class Daemon(Strict):
    crawl_timeout: Duration = timedelta(minutes=30)
    stop_grace: Duration = timedelta(seconds=8)
    state_dir: str = "var"


class Web(Strict):
    """`wirewatch serve`: the bearer token required when bound to a non-loopback address."""

    token: (
        Annotated[str, Field(strict=True, min_length=16, max_length=512, pattern=r"^[\x21-\x7e]+$")]
        | None
    ) = None


class Config(Strict):
    source: Source = Source()
    watch: list[Watch] = []
    company: list[Company] = []
    subscriber: list[Subscriber] = []
    smtp: Smtp = Smtp()
    database: Database = Database()
    schedule: ScheduleSection = ScheduleSection()
    alerts: Alerts = Alerts()
    daemon: Daemon = Daemon()
    web: Web = Web()

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        names = [w.name for w in self.watch]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ValueError(f"watch names must be unique: {', '.join(duplicated)}")
        emails = [s.email.lower() for s in self.subscriber if s.email]
        if len(set(emails)) != len(emails):
            raise ValueError("subscriber e-mails must be unique")
        urls = [(s.channel, s.address) for s in self.subscriber if not s.email]
        if len(set(urls)) != len(urls):
            raise ValueError("a Slack or webhook URL is listed twice in [[subscriber]]")
        labels = [s.label for s in self.subscriber]
        repeated = sorted({n for n in labels if labels.count(n) > 1})
        if repeated:
            raise ValueError(f"subscriber names must be unique: {', '.join(repeated)}")
        return self

    @property
    def enabled_watches(self) -> list[Watch]:
        return [w for w in self.watch if w.enabled]

    def sources_of(self, watches: list[Watch]) -> list[str]:
        """The sources these watches read, in order of first use."""
        return list(dict.fromkeys(w.source for w in watches))

    def watch_named(self, name: str) -> Watch:
        for watch in self.watch:
            if watch.name == name:
                return watch
        known = ", ".join(w.name for w in self.watch) or "none"
        raise ConfigError(f"--watch {name}: no such watch (configured: {known})")


def builtin_defaults() -> dict[str, Any]:
    """The built-in configuration, also shipped as wirewatch.example.toml."""
    text = resources.files("wirewatch").joinpath("default.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def config_path(explicit: str | None) -> Path | None:
    """--config, else $WIREWATCH_CONFIG, else ./wirewatch.toml if present, else built-ins."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    local = Path(DEFAULT_FILE)
    return local if local.exists() else None


def load_config(explicit: str | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read, override from the environment and validate; raise ConfigError with one line."""
    env = os.environ if environ is None else environ
    path = config_path(explicit)
    data = builtin_defaults() if path is None else _read_toml(path)
    _apply_environment(data, env)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc, path)) from exc
    except RecursionError as exc:
        raise ConfigError(f"config file {path}: values nest too deeply") from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except OSError as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"config file {path} is larger than {MAX_CONFIG_BYTES} bytes")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"config file {path}: values nest too deeply") from exc


def _apply_environment(data: dict[str, Any], env: Any) -> None:
    if env.get(ENV_DATABASE_URL):
        data.setdefault("database", {})["url"] = env[ENV_DATABASE_URL]
    for name, variable in ENV_BASE_URLS.items():
        if env.get(variable):
            data.setdefault("source", {}).setdefault(name, {})["base_url"] = env[variable]
    if env.get(ENV_SMTP_URL):
        data.setdefault("smtp", {})["url"] = env[ENV_SMTP_URL]
    if env.get(ENV_WEB_TOKEN):
        data.setdefault("web", {})["token"] = env[ENV_WEB_TOKEN]


def _one_line(exc: ValidationError, path: Path | None) -> str:
    error = exc.errors()[0]
    key = _key(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    elif error["type"] == "missing":
        message = "is required"
    where = f" in {path}" if path else ""
    origin = _env_origin(key)
    if len(message) > 300:
        message = message[:300] + "…"
    return f"config error{where}: {key}: {_redact(message)}{origin}"


def _key(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _env_origin(key: str) -> str:
    variables = {
        "database.url": ENV_DATABASE_URL,
        **{f"source.{name}.base_url": variable for name, variable in ENV_BASE_URLS.items()},
        "smtp.url": ENV_SMTP_URL,
        "web.token": ENV_WEB_TOKEN,
    }
    variable = variables.get(key)
    if variable and os.environ.get(variable):
        return f" (from ${variable})"
    return ""


def _redact(message: str) -> str:
    """Never print a password that a URL carried into an error message."""
    from storage.redaction import redact_secrets

    return redact_secrets(message)
