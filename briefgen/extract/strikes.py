"""Strike statistics (first version; deepened under the strike-statistics issue)."""
from __future__ import annotations

from ..model import StrikeRow


def extract_strikes(parsed) -> list[StrikeRow]:
    return []
