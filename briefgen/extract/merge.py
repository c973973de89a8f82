"""Merging what the extractors found in each document into one `Brief`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Brief, Casualties, Fact, KeyFigure, Reaction, Situation, Source, StrikeRow, TimelineEvent
from .parties import party


@dataclass
class DocFacts:
    """What `facts.extract_facts` finds in one document."""

    bluf: Fact | None = None
    situation: Situation = field(default_factory=Situation)
    key_facts: list[Fact] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    casualties: Casualties = field(default_factory=Casualties)


def build_brief(parsed, facts: list[DocFacts], reactions: list[Reaction], strikes: list[StrikeRow],
                timeline: list[TimelineEvent], sources: list[Source], *, title: str | None) -> Brief:
    first = facts[0] if facts else DocFacts()
    dates = [s.published for s in sources if s.published]
    title = title or next((s.title for s in sources if s.title), None) or _title_from(first)
    # Actors: every party that launched weapons or reacted, most mentioned first.
    counts: Counter[str] = Counter()
    for row in strikes:
        if row.actor:
            counts[row.actor] += 2
    for reaction in reactions:
        if reaction.party_code != "OTHER":
            counts[reaction.party_code] += 1
    actors = [party(code) for code, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    timeline = sorted(timeline, key=lambda e: (e.when is None, e.when or "", e.evidence[0].start
                                               if e.evidence else 0))
    casualties = next((f.casualties for f in facts if f.casualties.killed is not None
                       or f.casualties.injured is not None), Casualties())
    return Brief(
        title=title,
        date=min(dates) if dates else None,
        bluf=first.bluf,
        situation=first.situation,
        key_facts=[fact for f in facts for fact in f.key_facts],
        key_figures=[fig for f in facts for fig in f.key_figures],
        strikes=strikes,
        reactions=reactions,
        timeline=timeline,
        casualties=casualties,
        actors=actors,
        sources=sources,
    )


def _title_from(facts: DocFacts) -> str:
    if facts.bluf:
        words = facts.bluf.text.split()
        return " ".join(words[:10]).rstrip(",.;:") + ("…" if len(words) > 10 else "")
    return "Incident brief"
