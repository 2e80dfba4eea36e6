"""Pure text → regulatory milestone events. No I/O.

Public entry point: ``extract(release) -> Extraction``.
"""

from alerts.milestones.extract import extract
from alerts.milestones.model import Extraction, Milestone, ReleaseText

__all__ = ["Extraction", "Milestone", "ReleaseText", "extract"]
