"""Spider `prnewswire`: every PR Newswire watch (`scrapy crawl prnewswire` works from the project root)."""

from crawler.spiders.base import WatchSpider


class PrnewswireSpider(WatchSpider):
    name = source = "prnewswire"
