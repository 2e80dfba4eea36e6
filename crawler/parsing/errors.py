"""Why a page could not be parsed: the spider turns these into crawl health."""


class PageError(Exception):
    """A fetched page that is not a release or listing we can read."""

    health = "failed"


class BlockedPage(PageError):
    """An "Access Denied" or challenge page served with 200 instead of content."""

    health = "blocked"


class LayoutChanged(PageError):
    """A 200 page that has none of the structure the parsers know."""

    health = "layout_changed"


class TruncatedPage(PageError):
    """A page cut short in transit: the body stops before the release ends."""

    health = "failed"
