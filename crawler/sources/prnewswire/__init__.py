"""PR Newswire (www.prnewswire.com): its site-specific parsers, one per template era.

Entry points: `release.parse_release` (detail pages, eras in `release_20xx.py` over
`release_base.py`), `listing.parse_listing` (newsrooms and category lists), `rss.parse_rss`,
`dates.parse_prn_datetime`, `fields` (ids, canonical URLs, newsroom slugs, dateline city),
`chrome` (the site chrome cut before parsing), `text.CONVENTIONS` (dateline, end of release,
boilerplate: fingerprints and the generic parser), and `source.SOURCE` for the crawl.
"""
