"""The plan both writers follow: an audience's sections filled from a brief.

`build_plan(brief, audience)` turns the facts into the ordered list of sections with their
headings, items, citations, tables and figures. The HTML/PDF writer and the DOCX writer both
walk this plan, which is what keeps the two formats in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import charts
from .audience import MANIFEST, Audience
from .errors import InputError
from .model import Brief, Evidence


@dataclass
class Citation:
    label: str  # "S1": the source id shown as [S1]
    anchor: str  # "ev-3": target in the sources section, where the sentence is quoted
    sentence: str


@dataclass
class Item:
    """One entry of a section: a fact, a reaction, an event, a figure, a quote."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Table:
    number: int
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # right-aligned columns


@dataclass
class Figure:
    number: int
    caption: str
    chart: str  # charts.CHART_NAMES


@dataclass
class Section:
    id: str
    label: str
    anchor: str
    options: dict[str, Any]
    items: list[Item] = field(default_factory=list)
    groups: list[Section] = field(default_factory=list)  # sub-headings (reactions by party)
    table: Table | None = None
    figure: Figure | None = None
    note: str = ""  # e.g. "and 3 more parties"


@dataclass
class SourceEntry:
    id: str
    title: str
    publisher: str
    url: str | None
    date: str
    evidence: list[tuple[str, Evidence]]  # (anchor, evidence) cited from this source


@dataclass
class Plan:
    audience: str
    audience_label: str
    title: str
    subtitle: str
    marking: str
    date_text: str
    sections: list[Section]
    sources: list[SourceEntry]
    keywords: list[str]
    author: str
    organisation: str
    fit: int = 0

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading in document order: what both outputs must show."""
        return section_headings(self.sections)

    def chart_names(self) -> set[str]:
        return {s.figure.chart for s in self.sections if s.figure}


def section_headings(sections: list[Section]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for section in sections:
        if section.label and section.id != "toc":
            out.append((1, section.label))
        out += [(2, g.label) for g in section.groups]
    return out


def format_date(value: Any) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_number(value: float | int | None, qualifier: str | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{qualifier} {text}" if qualifier else text


# The running footer shares its line with the marking and the page number: a title longer than
# a third of the line wraps into the marking (A4 and Letter fit ~45 characters of 7.5 pt type).
FOOTER_TITLE_CHARS = 45


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis; 0 = no limit."""
    if not limit or len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _Citations:
    """Numbers each distinct evidence sentence once, in order of first citation.

    Several facts often come from one sentence (a launch count and an interception count);
    the sources list shows that sentence once, with the character range of every span cited
    from it."""

    def __init__(self) -> None:
        self.anchors: dict[tuple[str, str], str] = {}
        self.evidence: list[tuple[str, Evidence]] = []
        self.by_key: dict[tuple[str, str], Evidence] = {}  # the listed copy, widened in place

    def cite(self, evidence: list[Evidence]) -> list[Citation]:
        out: list[Citation] = []
        seen_labels: set[str] = set()
        for ev in evidence:
            key = (ev.source_id, ev.sentence)
            if key not in self.anchors:
                self.anchors[key] = f"ev-{len(self.anchors) + 1}"
                self.evidence.append((self.anchors[key], ev.model_copy()))
                self.by_key[key] = self.evidence[-1][1]
            else:
                known = self.by_key[key]
                known.start, known.end = min(known.start, ev.start), max(known.end, ev.end)
            if ev.source_id not in seen_labels:
                seen_labels.add(ev.source_id)
                out.append(Citation(ev.source_id, self.anchors[key], ev.sentence))
        return out


def _format(pattern: str, values: dict[str, str], where: str) -> str:
    try:
        # An empty placeholder (no date) must not leave "Analyst brief · " behind.
        return pattern.format_map(values).strip().strip("·|,:–—-").strip()
    except (KeyError, ValueError, IndexError) as exc:
        raise InputError(f"{where}: bad pattern {pattern!r} ({exc}); "
                         f"placeholders: {', '.join('{' + k + '}' for k in values)}") from None


def build_plan(brief: Brief, audience: Audience, *, marking: str | None = None, author: str | None = None,
               organisation: str | None = None, fit: int = 0) -> Plan:
    """The audience's sections filled from the brief. `fit` > 0 tightens limits (one-page fitting)."""
    cfg = audience.config
    text_limit = int(cfg.get("text_limit") or 0)
    tighten = _FIT_STEPS[min(fit, len(_FIT_STEPS) - 1)] if fit else {}
    if tighten.get("text_limit"):
        text_limit = min(text_limit or 10_000, tighten["text_limit"])
    values = {
        "title": brief.title,
        "date": format_date(brief.date),
        "audience": audience.name,
        "audience_label": audience.label,
        "organisation": organisation or "",
    }
    where = str(audience.folder / MANIFEST)
    citations = _Citations()
    counters = {"table": 0, "figure": 0}
    available = charts.chart_titles(brief)

    def table(caption: str, headers: list[str], rows: list[list[str]], numeric: list[bool]) -> Table:
        counters["table"] += 1
        return Table(counters["table"], caption, headers, rows, numeric)

    def figure(chart: str) -> Figure | None:
        if chart not in available:
            return None
        counters["figure"] += 1
        return Figure(counters["figure"], available[chart], chart)

    sections: list[Section] = []
    for spec in audience.sections:
        limit = int(spec["limit"] or 0)
        if spec["id"] in tighten.get("limits", {}):
            limit = min(limit or 10_000, tighten["limits"][spec["id"]])
        section = Section(spec["id"], spec["label"], f"sec-{spec['id']}", dict(spec))
        cite = citations.cite if spec["citations"] else (lambda _ev: [])
        filled = _fill(section, brief, limit, text_limit, cite, table, figure)
        if filled:
            sections.append(section)
    if any(s.id == "toc" for s in sections):
        toc = next(s for s in sections if s.id == "toc")
        for sec in sections:
            if sec.label and sec.id != "toc":
                toc.items.append(Item(sec.label, fields={"level": 1, "anchor": sec.anchor}))
            toc.items += [Item(g.label, fields={"level": 2, "anchor": g.anchor}) for g in sec.groups]
    sources = []
    for source in brief.sources:
        cited = [(a, ev) for a, ev in citations.evidence if ev.source_id == source.id]
        sources.append(SourceEntry(source.id, source.title or source.path or source.url or source.id,
                                   source.publisher or "", source.url,
                                   format_date(source.published), cited))
    effective_marking = cfg.get("marking", "") if marking is None else marking
    keywords = list(dict.fromkeys([r.party for r in brief.reactions]
                                  + [label.lower() for label, _, _ in charts.strike_rows(brief)]))
    return Plan(
        audience=audience.name,
        audience_label=audience.label,
        title=_format(str(cfg["title"]), values, where),
        subtitle=_format(str(cfg["subtitle"]), values, where),
        marking=str(effective_marking or ""),
        date_text=values["date"],
        sections=sections,
        sources=sources,
        keywords=keywords,
        author=author or "",
        organisation=organisation or "",
        fit=fit,
    )


# Progressive tightening for audiences with `max_pages`: each step keeps the same sections
# but fewer and shorter items (the executive minimum is 3 key facts).
_FIT_STEPS: list[dict[str, Any]] = [
    {},
    {"text_limit": 260},
    {"text_limit": 200, "limits": {"key_facts": 4, "reactions": 8}},
    {"text_limit": 150, "limits": {"key_facts": 3, "reactions": 6}},
    {"text_limit": 110, "limits": {"key_facts": 3, "reactions": 5}},
    {"text_limit": 80, "limits": {"key_facts": 3, "reactions": 4}},
]
MAX_FIT = len(_FIT_STEPS) - 1


def _headline_reaction(reactions: list[Any]) -> Any:
    """The one reaction that speaks for a party in a one-line summary: a stance over a neutral
    report, a named speaker over a body, a direct quote over paraphrase."""
    return max(reactions, key=lambda r: (r.stance not in ("neutral", "other"), r.speaker is not None
                                         and r.role is not None, r.quote is not None, r.confidence))


# A rank or courtesy title the extractor leaves at the end of the role ("spokesperson Col.")
# belongs in front of the name when the two are printed apart: "Col. Martin Ode", not "Col., …".
# Several make one rank ("Maj. Gen.", "Rear Adm."): all of them move.
_TRAILING_TITLE = re.compile(r"(?:^|\s)((?:(?:Rear|Vice)\s+)?(?:(?:Col|Gen|Lt|Maj|Capt|Cpt|Adm|Sgt|Brig|Cpl|"
                             r"Cmdr|Cdr|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep)\.\s*)+)$")


def _role_and_name(reaction: Any) -> tuple[str | None, str | None]:
    role, name = reaction.role, reaction.speaker
    title = _TRAILING_TITLE.search(role or "")
    if title and name:
        role = role[:title.start()].strip() or None
        name = f"{title.group(1).strip()} {name}"
    return role, name


def _party_line(reaction: Any) -> str:
    """"Romanian Defense Minister, Andrei Vlasceanu"; a body named once, not twice."""
    parts = [x for x in _role_and_name(reaction) if x]
    if len(parts) == 2 and _same_text(parts[0], parts[1]):
        parts = parts[1:]
    return ", ".join(parts)


def _attribution(reaction: Any) -> str:
    """"Sean Savett, White House spokesperson, United States"; nothing said twice ("North
    Korea's state news agency KCNA", not that, its role and "North Korea" again)."""
    parts: list[str] = []
    role, name = _role_and_name(reaction)
    # The catch-all party ("Other": an analyst, a witness) says nothing about who spoke.
    party = reaction.party if reaction.party_code != "OTHER" else None
    for part in (name, role, party):
        if part and not any(_same_text(part, said) for said in parts):
            parts.append(part)
    return ", ".join(parts)


def _same_text(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())

    return norm(a) == norm(b) or norm(a) in norm(b) or norm(b) in norm(a)


def _statement(reaction: Any, text_limit: int) -> str:
    """The reported content, unless it only repeats the direct quote shown above it."""
    if reaction.quote and _same_text(reaction.statement, reaction.quote):
        return ""
    return shorten(reaction.statement, text_limit)


def _fill(section: Section, brief: Brief, limit: int, text_limit: int, cite, table, figure) -> bool:
    """Fill one section from the brief; False when there is nothing to show (section left out)."""
    kind, opts = section.id, section.options

    def cut(items: list[Any]) -> list[Any]:
        return items[:limit] if limit else items

    if kind == "toc":
        return True
    if kind in ("bluf", "lead"):
        if brief.bluf is None:
            return False
        section.items = [Item(shorten(brief.bluf.text, text_limit), cite(brief.bluf.evidence))]
        if kind == "lead":
            sit = brief.situation
            where = ", ".join(sit.where)
            dateline = " · ".join(x for x in (where, format_date(brief.date)) if x)
            section.items[0].fields["dateline"] = dateline
        return True
    if kind == "situation":
        sit = brief.situation
        rows = [[k, v] for k, v in (("What", sit.what), ("Where", ", ".join(sit.where)),
                                    ("When", sit.when_text or sit.when_start)) if v]
        cas = brief.casualties
        if cas.killed is not None or cas.injured is not None:
            parts = [f"{cas.killed} killed" if cas.killed is not None else "",
                     f"{cas.injured} injured" if cas.injured is not None else ""]
            rows.append(["Casualties", ", ".join(p for p in parts if p) + (f" ({cas.where})" if cas.where
                                                                           else "")])
        if not rows:
            return False
        section.items = [Item(f"{k}: {v}", fields={"term": k, "value": v}) for k, v in rows]
        section.items[0].citations = cite(sit.evidence)
        return True
    if kind == "key_facts":
        facts = cut(brief.key_facts)
        section.items = [Item(shorten(f.text, text_limit), cite(f.evidence)) for f in facts]
        return bool(section.items)
    if kind == "key_figures":
        figs = cut(brief.key_figures)
        section.items = [Item(f"{format_number(f.value, f.qualifier)} {f.label}", cite(f.evidence),
                              {"value": format_number(f.value, f.qualifier), "label": f.label})
                         for f in figs]
        if not section.items:
            return False
        if opts["table"]:
            section.table = table("Key figures reported in the sources", ["Figure", "What it counts"],
                                  [[i.fields["value"], i.fields["label"]] for i in section.items],
                                  [True, False])
        return True
    if kind == "timeline":
        # Earlier events the reports recall stay in the timeline, marked, for context.
        events = cut(brief.timeline)
        if not events:
            return False
        section.items = [Item(shorten(e.text, text_limit), cite(e.evidence), {
            "when": f"{e.when_text} (earlier)" if e.background else e.when_text,
            "background": e.background}) for e in events]
        if opts["table"]:
            section.table = table("Sequence of events", ["When", "What happened"],
                                  [[i.fields["when"], i.text] for i in section.items], [False, False])
        if opts["chart"]:
            section.figure = figure("timeline")
        return True
    if kind == "strikes":
        strike_rows = charts.strike_rows(brief)
        if not strike_rows:
            return False
        rows = []
        for label, actor, row in strike_rows:
            n, i = row.launched, row.intercepted
            # The rate is the only figure computed here: the ratio of two cited counts.
            rate = f"{i / n:.0%}" if i is not None and n else "–"
            # A table cell starts with a capital, as "Launched by" and "Weapon" do; the text
            # gives "the Ukrainian air force" mid-sentence and "The …" at a sentence's start.
            reporter = row.reported_by or ""
            rows.append([actor, label, format_number(n, row.qualifier), format_number(i), rate,
                         reporter[:1].upper() + reporter[1:]])
        rows_ev = charts.current_strikes(brief)
        section.note = ("Each row is a figure as reported (sources that agree share a row); rows "
                        "are not summed. Interception rate = intercepted / launched.")
        # One item carrying the citations of every row (each source cited once).
        section.items = [Item(section.note, cite([ev for r in rows_ev for ev in r.evidence]))]
        if opts["table"]:
            section.table = table("Weapons launched and intercepted",
                                  ["Launched by", "Weapon", "Launched", "Intercepted", "Rate",
                                   "Reported by"], rows, [False, False, True, True, True, False])
        if opts["chart"]:
            section.figure = figure("strikes")
        return True
    if kind == "reactions":
        reactions = brief.reactions
        if not reactions:
            return False
        by_party: dict[str, list[Any]] = {}
        for r in reactions:
            by_party.setdefault(r.party, []).append(r)
        parties = list(by_party)
        shown = cut(parties)
        if len(parties) > len(shown):
            section.note = f"…and {len(parties) - len(shown)} more parties."
        if opts["style"] == "lines":
            for party in shown:
                r = _headline_reaction(by_party[party])
                said = f"“{r.quote.rstrip(',;: ')}”" if r.quote else r.statement or ""
                who = r.speaker if r.speaker and r.speaker != party else ""
                text = shorten(f"{who}: {said}" if who else said, text_limit)
                section.items.append(Item(text, cite(r.evidence), {
                    "party": party, "stance": charts.STANCE_LABELS[r.stance], "stance_id": r.stance,
                    "who": _party_line(r)}))
        else:
            for party in shown:
                group = Section("reaction", party, f"party-{len(section.groups) + 1}", {})
                for r in by_party[party]:
                    group.items.append(Item(_statement(r, text_limit), cite(r.evidence), {
                        "party": party, "stance": charts.STANCE_LABELS[r.stance], "stance_id": r.stance,
                        "who": _party_line(r), "quote": r.quote or ""}))
                section.groups.append(group)
        if opts["chart"]:
            section.figure = figure("reactions")
        return True
    if kind == "quotes":
        quoted = cut([r for r in brief.reactions if r.quote])
        section.items = [Item(shorten(r.quote or "", text_limit), cite(r.evidence),
                              {"who": _attribution(r)})
                         for r in quoted]
        return bool(section.items)
    if kind == "sources":
        return bool(brief.sources)
    raise AssertionError(kind)  # SECTION_KINDS is validated when the audience loads
