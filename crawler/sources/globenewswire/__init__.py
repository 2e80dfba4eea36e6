"""GlobeNewswire (www.globenewswire.com): feeds, listings, ids, dates, text conventions.

What a crawler may use (no robots.txt of the site was available offline, so the live file
decides; Scrapy's RobotsTxtMiddleware reads it): RSS feeds under `/RssFeed/…`
(`orgclass/1` public companies, `industry/<code>-<name>`, `subjectcode/<code>-<name>`,
`organization/<base64 id>`), organisation/subject/industry listings under `/search/…`, and
release pages under `/news-release/…`. Links inside release bodies go through
`/Tracker?data=…`; the parsers never follow them.

Entry points: `feed.parse_feed`, `listing.parse_listing`, `urls.release_id`,
`urls.release_date`, `urls.canonical_url`, `dates.parse_datetime`, and `text.CONVENTIONS`
for `crawler.parsing.generic_release.parse_generic_release` (detail pages).
"""
