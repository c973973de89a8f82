"""Reactions by country (first version; deepened under the reactions issue)."""
from __future__ import annotations

from ..model import Reaction


def extract_reactions(parsed) -> list[Reaction]:
    return []
