"""Scrapy settings for the `prnewswire` spider (scrapy.cfg points here).

`wirewatch` sets the WIREWATCH_* values when it launches a crawl; under a plain
`scrapy crawl prnewswire` they come from the environment and the TOML file
(see `crawler.environment`).
"""

from crawler.environment import settings_from_environment

BOT_NAME = "wirewatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# The site disallows /search/; discovery uses newsrooms, lists and RSS only.
ROBOTSTXT_OBEY = True
# One request at a time to the site; DOWNLOAD_DELAY is the floor AutoThrottle never goes below.
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 2.0
DOWNLOAD_DELAY_JITTER = 0.5  # each delay is 0.5x..1.5x DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# A hung response must not hold the only slot for three minutes.
DOWNLOAD_TIMEOUT = 30
# The site sheds load with 503s and rate-limits with 429: retry with backoff (Retry-After).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
WIREWATCH_RETRY_AFTER_MAX = 60
DOWNLOADER_MIDDLEWARES = {
    "crawler.offsite.OffsiteGuardMiddleware": 50,  # before robots.txt: never leave the site
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # Scrapy's components with nothing to do here, each called for every request or every
    # callback output (~2 % of a crawl process' CPU together): spiders set no allowed_domains
    # (OffsiteGuardMiddleware keeps the crawl on its site), no credentials, no DEPTH_LIMIT,
    # and the meta-copy check is a development aid.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
# http(s) only: a `file://` card link or redirect must never read a local file.
DOWNLOAD_HANDLERS = {
    "file": None, "s3": None, "ftp": None, "data": None,
    # Keeps the connection from one request to the next (crawler/keepalive.py).
    "http": "crawler.keepalive.KeepAliveDownloadHandler",
    "https": "crawler.keepalive.KeepAliveDownloadHandler",
}  # fmt: skip
ITEM_PIPELINES = {
    "crawler.pipelines.normalize.NormalizePipeline": 100,
    "crawler.pipelines.apply_filters.ApplyFiltersPipeline": 200,
    "crawler.pipelines.drop_duplicates.DropDuplicatesPipeline": 300,
    "crawler.pipelines.store_releases.StoreReleasesPipeline": 400,
}
EXTENSIONS = {
    "crawler.extensions.crawl_runs.CrawlRunsExtension": 500,
    "scrapy.extensions.telnet.TelnetConsole": None,
}
# A scheduled crawl that runs away is stopped; the backfill raises these.
# A detail page yields one item and a listing page only requests: Scrapy's default of 100
# spawns 100 asyncio tasks per response for nothing (measured ~0.5 ms a page).
CONCURRENT_ITEMS = 1
# Scrapy's check re-parses the callback's source on every response (its cache misses bound
# methods); mypy and the tests cover what it warns about.
WARN_ON_GENERATOR_RETURN_VALUE = False
CLOSESPIDER_TIMEOUT = 900
MEMUSAGE_LIMIT_MB = 1024
TELNETCONSOLE_ENABLED = False
# Scrapy's remote control runs Python code sent to an HTTP server it starts in every crawl, and
# writes the server's token into the user's home (~/.local/state/scrapy/job_files, left behind
# by a killed crawl; unwritable under the unit's ProtectHome, an ERROR a crawl). Not for a daemon.
REMOTE_CONTROL_ENABLED = False
HTTPCACHE_ENABLED = False
LOG_LEVEL = "INFO"
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
}
USER_AGENT = "wirewatch/0.1 (regulatory-milestone monitor)"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

WIREWATCH_MODE = "incremental"
WIREWATCH_MAX_PAGES = 20
WIREWATCH_PAGE_SIZE = 25
WIREWATCH_STORE_BATCH = 50
# Processes parsing detail pages (0: inline); a backfill uses one (crawler.parse_pool).
WIREWATCH_PARSE_WORKERS = 0
# Their command line after the interpreter (empty: `-m crawler.parsing.worker`); a backfill's
# also extracts milestones in its spare time (`wirewatch.spare_extraction`).
WIREWATCH_PARSE_WORKER_ARGS: list[str] = []
# Requests one incremental crawl may make (0: no limit); what is left over waits for the next.
WIREWATCH_MAX_REQUESTS = 0
# Failed or pending links of a watch fetched again per crawl, whatever its listing shows.
WIREWATCH_RETRY_LINKS = 50

globals().update(settings_from_environment())
