"""Business Wire (www.businesswire.com, feed.businesswire.com): feeds, listings, ids, dates,
text conventions and robots.txt constraints.

Entry points: `feed.parse_feed` (the `/mrss/` feeds: the channel robots.txt points to),
`listing.parse_listing`, `urls.release_id`, `urls.release_date`, `urls.canonical_url`,
`urls.unwrap_smartlink`, `dates.parse_datetime`, `robots.may_fetch`, and `text.CONVENTIONS`
for `crawler.parsing.generic_release.parse_generic_release` (detail pages).
"""
