"""Pure text → regulatory milestone events. No I/O.

Public entry point: ``extract(release) -> Extraction``.
"""
