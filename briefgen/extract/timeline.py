"""Timeline (first version; deepened under the strike-statistics issue)."""
from __future__ import annotations

from ..model import TimelineEvent


def extract_timeline(parsed) -> list[TimelineEvent]:
    return []
