"""Key facts (first version; deepened under the strike-statistics issue)."""
from __future__ import annotations

from .merge import DocFacts


def extract_facts(parsed) -> DocFacts:
    return DocFacts()
