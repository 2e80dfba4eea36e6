"""Spider `businesswire`: every Business Wire watch (`scrapy crawl businesswire` works from the project root)."""

from crawler.spiders.base import WatchSpider


class BusinesswireSpider(WatchSpider):
    name = source = "businesswire"
