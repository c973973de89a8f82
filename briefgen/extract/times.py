"""Time expressions: finding them in a sentence, resolving them against a reference date,
and telling the reported event from earlier events an article recalls (background)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .sentences import dateline_length

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
         r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_FIRST = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
                        re.I)
_MONTH_FIRST = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
                          r"(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
_MONTH_ONLY = re.compile(r"\b(?P<prep>in|since|during|by|early|late|mid-?)\s+" + _MONTH
                         + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)
_YEAR = re.compile(r"\b(?P<prep>in|since|during|of|from|by)\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
                      r"(?:\s+(?P<part>morning|afternoon|evening|night))?", re.I)
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)"
                    r"(?=[\s,;)]|$)|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b", re.I)
_RELATIVE = re.compile(r"\b(?P<rel>today|tonight|yesterday|overnight|last night|this morning|"
                       r"this weekend|last year|last month|last week|earlier this (?:year|month))\b",
                       re.I)
# A count over a period up to now, not this incident: "since the start of the war", "so far
# this year".
_CUMULATIVE = re.compile(r"\bsince the (?:start|beginning|outbreak) of (?:the |its |Russia's )?"
                         r"(?:full-scale )?(?:war|invasion|conflict|year)\b|"
                         r"\bsince the (?:full-scale )?(?:war|invasion|conflict) (?:began|started)\b|"
                         r"\bso far this (?:year|month)\b", re.I)


@dataclass
class TimeExpr:
    start: int  # offsets into the text given to `find_times`
    end: int
    text: str
    kind: str  # clock, date, month, year, weekday, relative, period ("since the war began")
    date: dt.date | None = None  # resolved calendar date (first day for months/years)
    clock: tuple[int, int] | None = None
    iso: str | None = None
    past: bool = False  # an earlier event than the one reported

    @property
    def sort_key(self) -> str:
        return self.iso or ""


def reference_date(document) -> dt.date | None:
    """The publication date (ingest fills it from metadata, the URL or a dateline)."""
    return getattr(document, "published", None)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: dt.date | None) -> int | None:
    # A month and day without a year is the latest such day not after the reference date.
    if ref is None:
        return None
    year = ref.year
    candidate = _safe_date(year, month, day)
    if candidate is not None and candidate > ref + dt.timedelta(days=1):
        year -= 1
    return year


def find_times(text: str, ref: dt.date | None) -> list[TimeExpr]:
    """Every time expression in a (sentence) text, resolved where the reference date allows."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def add(expr: TimeExpr) -> None:
        if any(s < expr.end and expr.start < e for s, e in taken):
            return
        taken.append((expr.start, expr.end))
        found.append(expr)

    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
            year = int(m["year"]) if m["year"] else _year_for(month, day, ref)
            date = _safe_date(year, month, day) if year else None
            if year is None and not 1 <= day <= 31:
                continue
            add(TimeExpr(m.start(), m.end(), m.group(0), "date", date,
                         iso=date.isoformat() if date else None))
    for m in _MONTH_ONLY.finditer(text):
        if m["month"].lower() == "may" and not m["year"]:
            continue  # "may" is far more often the verb
        month = MONTHS[m["month"].lower().rstrip(".")]
        year = int(m["year"]) if m["year"] else None
        if year is None and ref is not None:
            year = ref.year if month <= ref.month else ref.year - 1
        date = _safe_date(year, month, 1) if year else None
        start = m.start("month")
        add(TimeExpr(start, m.end(), text[start:m.end()], "month", date,
                     iso=f"{year:04d}-{month:02d}" if year else None))
    for m in _YEAR.finditer(text):
        year = int(m["year"])
        add(TimeExpr(m.start("year"), m.end(), m["year"], "year", dt.date(year, 1, 1),
                     iso=f"{year:04d}"))
    for m in _WEEKDAY.finditer(text):
        date = None
        if ref is not None:
            back = (ref.weekday() - WEEKDAYS[m["wd"].lower()]) % 7
            date = ref - dt.timedelta(days=back)
        add(TimeExpr(m.start(), m.end(), m.group(0), "weekday", date,
                     iso=date.isoformat() if date else None))
    for m in _RELATIVE.finditer(text):
        rel = m["rel"].lower()
        date = None
        if ref is not None:
            if rel == "yesterday":
                date = ref - dt.timedelta(days=1)
            elif rel in ("last year",):
                date = dt.date(ref.year - 1, 1, 1)
            elif rel in ("today", "tonight", "overnight", "last night", "this morning"):
                date = ref
        expr = TimeExpr(m.start(), m.end(), m.group(0), "relative", date,
                        iso=date.isoformat() if date and rel != "last year" else None)
        expr.past = rel in ("last year", "last month", "last week") or rel.startswith("earlier")
        if rel == "last year" and date:
            expr.iso = f"{date.year:04d}"
        add(expr)
    for m in _CUMULATIVE.finditer(text):
        expr = TimeExpr(m.start(), m.end(), m.group(0), "period")  # no time of an event
        expr.past = True
        add(expr)
    for m in _CLOCK.finditer(text):
        if m["h24"] is not None:
            hour, minute = int(m["h24"]), int(m["m24"])
        else:
            hour, minute = int(m["h"]) % 12, int(m["m"] or 0)
            if m["ap"].lower().startswith("p"):
                hour += 12
        if hour > 23 or minute > 59:
            continue
        add(TimeExpr(m.start(), m.end(), m.group(0).strip(), "clock", clock=(hour, minute),
                     iso=f"T{hour:02d}:{minute:02d}"))
    found.sort(key=lambda e: e.start)
    _attach_clocks(found)
    _mark_past(found, text, ref)
    return found


def _attach_clocks(found: list[TimeExpr]) -> None:
    """Give a clock time the date of the day named right after or before it ("11:30 p.m. Tuesday")."""
    claimed: set[int] = set()  # a day named after one time is not also the day of the next
    for i, expr in enumerate(found):
        if expr.kind != "clock":
            continue
        # The day named after a time belongs to it ("at 6:10 (0310 GMT) on August 10"); else
        # the day just before it ("on Sunday from 8:30 a.m.").
        near = [o for o in found[i + 1:i + 2] if o.kind != "clock" and 0 <= o.start - expr.end <= 40]
        near += [o for o in found[max(i - 1, 0):i] if o.kind != "clock"
                 and 0 <= expr.start - o.end <= 30 and o.start not in claimed]
        for other in near[:1]:
            claimed.add(other.start)
            if other.date is not None and other.kind in ("weekday", "date", "relative"):
                expr.date = other.date
                expr.iso = f"{other.date.isoformat()}T{expr.clock[0]:02d}:{expr.clock[1]:02d}"
            expr.text = (expr.text + " " + other.text if other.start > expr.start
                         else other.text + " " + expr.text)
            break


def _mark_past(found: list[TimeExpr], text: str, ref: dt.date | None) -> None:
    for expr in found:
        if expr.past:
            continue
        if ref is not None and expr.date is not None and expr.kind != "clock":
            # A few days' slack: "overnight into Sunday" reported on Monday is still the event.
            limit = ref - dt.timedelta(days=3)
            if expr.kind == "year":
                expr.past = expr.date.year < ref.year
            elif expr.kind == "month":
                expr.past = (expr.date.year, expr.date.month) < (ref.year, ref.month)
            else:
                expr.past = expr.date < limit
        elif ref is None:
            # Without a date to compare with: a year or a month alone points back in time; a full
            # date does when it frames the sentence ("On July 19, ...").
            before = text[:expr.start].strip().lower()
            expr.past = expr.kind in ("year", "month") or (
                expr.kind == "date" and before in ("on", "earlier on", "in", "earlier,", "")
            )


def find_times_in(texts: list[str], ref: dt.date | None) -> list[list[TimeExpr]]:
    """`find_times` for each sentence of a story, then a clock time with no day of its own
    takes the day the story last named ("… on Sunday. Sirens sounded shortly after 6 p.m."),
    never one from a sentence about an earlier event."""
    # Not the dateline's date ("TEL AVIV, June 8 (Reuters) -"): when the story was filed.
    per_sentence = []
    for text in texts:
        begin = dateline_length(text)
        per_sentence.append([e for e in find_times(text, ref) if e.start >= begin])
    day: dt.date | None = None
    for exprs in per_sentence:
        if is_background(exprs):
            continue
        days = [e.date for e in exprs if e.kind in ("date", "weekday", "relative")
                and e.date is not None and not e.past]
        if days:
            # A sentence naming its own day keeps its own reading ("from 10:45 p.m. Tuesday
            # until 4:15 a.m." ends the next morning: see roll_forward).
            day = days[-1]
            continue
        for expr in exprs:
            if expr.kind == "clock" and expr.date is None and day is not None \
                    and expr.clock is not None:
                expr.date = day
                expr.iso = f"{day.isoformat()}T{expr.clock[0]:02d}:{expr.clock[1]:02d}"
    return per_sentence


def is_background(times: list[TimeExpr]) -> bool:
    """A sentence recalls an earlier event when its time expressions all point to the past."""
    dated = [t for t in times if t.kind in ("date", "month", "year", "weekday")]
    if dated:
        return all(t.past for t in dated)
    return any(t.past for t in times)


def roll_forward(start: TimeExpr, end: TimeExpr) -> str | None:
    """ISO for the end of a window: an undated morning time after a dated evening start is the
    next day ("11:30 p.m. Tuesday ... 6:30 a.m.")."""
    if end.date is not None or start.date is None or end.clock is None or start.clock is None:
        return end.iso
    day = start.date + dt.timedelta(days=1 if end.clock < start.clock else 0)
    return f"{day.isoformat()}T{end.clock[0]:02d}:{end.clock[1]:02d}"
