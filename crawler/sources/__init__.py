"""One folder per wire: its URL scheme, dates, text conventions, feed and listing parsers.

Everything here is a pure function (bytes or str and a URL in, dataclasses out, no I/O).
Detail pages of wires without verified markup go through the source-neutral
`crawler.parsing.generic_release` with the wire's `CONVENTIONS`.
"""
