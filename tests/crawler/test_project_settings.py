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
