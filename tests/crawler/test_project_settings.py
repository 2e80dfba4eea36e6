"""What the project's Scrapy settings switch off, checked on the extensions themselves."""

from __future__ import annotations

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.extensions.remote_control import RemoteControl
from scrapy.extensions.telnet import TelnetConsole
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

import crawler.settings


def _project() -> Settings:
    settings = Settings()
    settings.setmodule(crawler.settings, priority="project")
    return settings


@pytest.mark.parametrize("extension", [RemoteControl, TelnetConsole])
def test_no_crawl_opens_a_server_that_runs_code_sent_to_it(extension: type) -> None:
    # RemoteControl (on by default) would serve /execute on a port of its own in every crawl
    # and write its token into the user's home; the telnet console is a Python shell.
    ours = _project()
    crawler = get_crawler(
        settings_dict={
            key: ours[key] for key in ("REMOTE_CONTROL_ENABLED", "TELNETCONSOLE_ENABLED")
        }
    )
    with pytest.raises(NotConfigured):
        extension.from_crawler(crawler)


def test_the_components_each_request_passes_through() -> None:
    """Scrapy components that would only cost time here are off; the ones the crawl relies on
    (its site guard, retries with Retry-After, robots.txt, redirects, cookies, proxies,
    compression, timeouts, the Referer a browser sends, HTTP error handling) stay."""
    from scrapy.utils.conf import build_component_list

    ours = _project()
    downloader = set(build_component_list(ours.getwithbase("DOWNLOADER_MIDDLEWARES")))
    spider = set(build_component_list(ours.getwithbase("SPIDER_MIDDLEWARES")))
    scrapy_dl = "scrapy.downloadermiddlewares."
    assert downloader == {
        "crawler.offsite.OffsiteGuardMiddleware", "crawler.middlewares.RetryAfterMiddleware",
        *(scrapy_dl + name for name in (
            "robotstxt.RobotsTxtMiddleware", "downloadtimeout.DownloadTimeoutMiddleware",
            "defaultheaders.DefaultHeadersMiddleware", "useragent.UserAgentMiddleware",
            "redirect.MetaRefreshMiddleware", "httpcompression.HttpCompressionMiddleware",
            "redirect.RedirectMiddleware", "cookies.CookiesMiddleware",
            "httpproxy.HttpProxyMiddleware", "stats.DownloaderStats",
            "httpcache.HttpCacheMiddleware",  # not configured: left out when the crawl starts
        )),
    }  # fmt: skip
    assert spider == {
        "scrapy.spidermiddlewares.start.StartSpiderMiddleware",
        "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware",
        "scrapy.spidermiddlewares.referer.RefererMiddleware",
        "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware",
    }
