"""Timeline: every sentence that places an event in time, the reported event and the earlier
ones the article recalls (flagged background), each with its evidence."""

from __future__ import annotations

import re

from ..model import Evidence, TimelineEvent
from .sentences import clean, is_noise
from .times import TimeExpr, find_times_in, is_background, reference_date

# Expressions too vague to place an event on their own.
_VAGUE = {"this weekend", "earlier this year", "earlier this month", "last week", "last month"}
MAX_WORDS = 28


def extract_timeline(parsed) -> list[TimelineEvent]:
    return _extract(parsed)


def _extract(parsed) -> list[TimelineEvent]:
    ref = reference_date(parsed.document)
    events: list[TimelineEvent] = []
    sents = list(parsed.doc.sents)
    for sent, found in zip(sents, find_times_in([s.text for s in sents], ref), strict=True):
        if is_noise(sent.text, parsed.document.title):
            continue
        quoted = _quoted_ranges(sent.text)
        # "… today can reach the capital tomorrow," she said: words inside a quotation are
        # rhetoric, not times of events.
        exprs = [e for e in found if e.text.lower() not in _VAGUE and e.kind != "period"
                 and not any(a <= e.start < b for a, b in quoted)
                 and not _describes_someone(sent, e)]
        if not exprs:
            continue
        shown = _shown(exprs)
        events.append(TimelineEvent(
            when=_when(exprs), when_text=" – ".join(e.text for e in shown),
            text=_short(clean(sent.text)), background=is_background(exprs),
            evidence=[Evidence(source_id=parsed.document.id, start=sent.start_char,
                               end=sent.end_char, sentence=sent.text.strip())],
            confidence=0.7 if any(e.iso for e in exprs) else 0.5))
    return events


_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def _describes_someone(sent, expr: TimeExpr) -> bool:
    """"Jan Novak, defence minister from 2015 to 2019, said …": a date inside an apposition
    describes the speaker's past, not an event of the story."""
    span = sent.char_span(expr.start, expr.end, alignment_mode="expand")
    return span is not None and any(a.dep_ == "appos" for t in span for a in (t, *t.ancestors))


def _shown(exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Expressions to show, without a weekday already folded into a clock time."""
    clocks = [e for e in exprs if e.kind == "clock"]
    return [e for e in exprs if not (e.kind != "clock" and any(
        e.text in c.text for c in clocks))]


def _when(exprs: list[TimeExpr]) -> str | None:
    """Most precise ISO value: a dated clock time, a date, a month or year, a bare clock time."""
    for kinds in (("clock",), ("date", "weekday", "relative"), ("month", "year")):
        for e in exprs:
            if e.kind in kinds and e.iso and not e.iso.startswith("T"):
                return e.iso
    return next((e.iso for e in exprs if e.iso), None)


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]).rstrip(",;:") + "…"
