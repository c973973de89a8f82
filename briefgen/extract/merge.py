"""Merging what the extractors found in each document into one `Brief`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Brief, Casualties, Fact, KeyFigure, Reaction, Situation, Source, StrikeRow, TimelineEvent
from .parties import party
from .stance import combine


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
    strikes = _merge_strikes(strikes)
    reactions = _merge_reactions(reactions)
    timeline = _order_timeline(timeline, min(dates) if dates else None)
    casualties = _merge_casualties(facts)
    return Brief(
        title=title,
        date=min(dates) if dates else None,
        bluf=first.bluf,
        situation=first.situation,
        key_facts=[fact for f in facts for fact in f.key_facts],
        key_figures=_unique_figures([fig for f in facts for fig in f.key_figures]),
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


def _merge_strikes(rows: list[StrikeRow]) -> list[StrikeRow]:
    """The same row reported by several sources is one row with all their evidence; so is a
    row that gives one of the two counts of another and contradicts neither ("fired seven
    cruise missiles" in one source, "seven … five intercepted" in the other)."""
    out: list[StrikeRow] = []
    for row in rows:
        twin = next((o for o in out if _same_figures(o, row)), None)
        if twin is None:
            out.append(row.model_copy(deep=True))
        else:
            twin.launched = twin.launched if twin.launched is not None else row.launched
            twin.intercepted = twin.intercepted if twin.intercepted is not None else row.intercepted
            _add_new(twin.evidence, row.evidence)
            twin.confidence = max(twin.confidence, row.confidence)
    return out


def _merge_reactions(reactions: list[Reaction]) -> list[Reaction]:
    """One reaction per speaker across sources ("Ukraine's air force" quoted by two outlets):
    their evidence together, one stance for all their statements. A speaker without a name
    (an anonymous source of a party) stays apart: nothing says it is the same one."""
    out: list[Reaction] = []
    stances: dict[int, list[str]] = {}
    for reaction in reactions:
        key = (reaction.party_code, (reaction.speaker or "").lower())
        twin = next((o for o in out if reaction.speaker
                     and (o.party_code, (o.speaker or "").lower()) == key), None)
        if twin is None:
            out.append(reaction.model_copy(deep=True))
            stances[id(out[-1])] = [reaction.stance]
            continue
        stances[id(twin)].append(reaction.stance)
        twin.stance = combine(stances[id(twin)])
        twin.quote = twin.quote or reaction.quote
        twin.role = twin.role or reaction.role
        _add_new(twin.evidence, reaction.evidence)
        twin.confidence = max(twin.confidence, reaction.confidence)
    return out


def _add_new(evidence: list, more: list) -> None:
    """Append the evidence not cited yet (two sources, or two kinds, may cite one sentence)."""
    evidence += [e for e in more if e not in evidence]


def _same_figures(a: StrikeRow, b: StrikeRow) -> bool:
    if (a.actor, a.weapon, a.background) != (b.actor, b.weapon, b.background):
        return False
    pairs = ((a.launched, b.launched), (a.intercepted, b.intercepted))
    if any(x is not None and y is not None and x != y for x, y in pairs):
        return False  # the sources disagree: both figures are shown
    return any(x is not None and x == y for x, y in pairs) or (a.launched, a.intercepted) == (
        b.launched, b.intercepted)


def _order_timeline(events: list[TimelineEvent], published=None) -> list[TimelineEvent]:
    """Earlier (background) events first by year, then the reported event by time. A time
    without a date ("T01:00") is sorted as that time on the publication day, when known
    (ordering only: its `when` stays date-less, as the text gives it); else it keeps its
    place in the text."""
    def key(item: tuple[int, TimelineEvent]) -> tuple:
        index, event = item
        dated = event.when if event.when and not event.when.startswith("T") else None
        if dated is None and event.when and published is not None:
            dated = published.isoformat() + event.when
        if event.background:
            return (0, dated[:4] if dated else "9999", dated or "", index)
        return (1, dated or "", index) if dated else (1, "", index)

    ordered = sorted(enumerate(events), key=key)
    return [event for _, event in ordered]


def _merge_casualties(facts: list[DocFacts]) -> Casualties:
    """The highest reported toll of each kind across sources (tolls rise as reports update)."""
    result = Casualties()
    for f in facts:
        c = f.casualties
        for kind in ("killed", "injured"):
            value = getattr(c, kind)
            if value is not None and (getattr(result, kind) is None or value > getattr(result, kind)):
                setattr(result, kind, value)
                result.where = c.where or result.where
                # Once per sentence: one sentence may give both tolls, one source both kinds.
                _add_new(result.evidence, c.evidence)
    return result


def _unique_figures(figures: list[KeyFigure]) -> list[KeyFigure]:
    seen: set[tuple[float, str]] = set()
    out = []
    for fig in figures:
        key = (fig.value, fig.label.lower())
        if key not in seen:
            seen.add(key)
            out.append(fig)
    return out
