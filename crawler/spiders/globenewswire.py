"""Spider `globenewswire`: every GlobeNewswire watch (`scrapy crawl globenewswire` works from the project root)."""

from crawler.spiders.base import WatchSpider


class GlobenewswireSpider(WatchSpider):
    name = source = "globenewswire"
