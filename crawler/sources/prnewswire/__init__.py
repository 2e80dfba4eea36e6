"""PR Newswire. Its site-specific parsers still live in `crawler/parsing/` (release*.py,
listing.py, rss.py); this folder holds only its text conventions for the generic parser."""
