"""Charts for a brief, drawn once with matplotlib: SVG for the PDF, PNG for the DOCX.

One house style (Okabe-Ito colour-blind-safe palette, DejaVu Sans, light grid). Every chart has a
title, axis units and a source line. A chart is only made when the brief has data for it
(`available_charts`), so no section ever shows an empty plot. Output bytes are deterministic:
the SVG hash salt, font handling and metadata dates are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from .model import STANCES, Brief, StrikeRow

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
}
STANCE_COLOURS = {
    "condemn": PALETTE["vermillion"],
    "deny": PALETTE["purple"],
    "concern": PALETTE["orange"],
    "support": PALETTE["green"],
    "call_for_action": PALETTE["blue"],
    "neutral": PALETTE["grey"],
    "other": PALETTE["sky"],
}
WEAPON_LABELS = {
    "drone": "Drones",
    "cruise_missile": "Cruise missiles",
    "ballistic_missile": "Ballistic missiles",
    "missile": "Missiles",
    "guided_bomb": "Guided bombs",
    "rocket": "Rockets",
    "aircraft": "Aircraft",
    "other": "Other",
    "total": "Total",
}
STANCE_LABELS = {
    "condemn": "Condemns",
    "deny": "Denies",
    "concern": "Concerned",
    "support": "Supports",
    "call_for_action": "Calls for action",
    "neutral": "Neutral",
    "other": "Other",
}

CHART_NAMES = ("strikes", "reactions", "timeline")
PNG_DPI = 220
SVG_FONT_FAMILY = "Brief Sans"  # declared by the PDF stylesheet (render/html.py) from DejaVu Sans
_WIDTH_IN = 6.4


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    svg: bytes
    png: bytes
    width_in: float
    height_in: float


def current_strikes(brief: Brief) -> list[StrikeRow]:
    """Rows of this incident (not recalled earlier events) that carry at least one count.

    Rows are shown as the text gives them, one per actor and weapon: figures of different
    actors or sources are never summed, because a sum would be a number no source states.
    """
    return [r for r in brief.strikes
            if not r.background and (r.launched is not None or r.intercepted is not None)]


def strike_rows(brief: Brief) -> list[tuple[str, str, StrikeRow]]:
    """(weapon label, actor name, row) for the table and chart, in the order of the text."""
    from .extract.parties import party_name

    return [(WEAPON_LABELS[r.weapon], party_name(r.actor) if r.actor else "Not stated", r)
            for r in current_strikes(brief)]


def parse_when(value: str | None) -> dt.datetime | None:
    """A timeline `when` with a time of day, or None (dates alone are not plotted)."""
    if not value or "T" not in value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def timed_events(brief: Brief) -> list[tuple[dt.datetime, str]]:
    events = [(parse_when(e.when), e.text) for e in brief.timeline if not e.background]
    return sorted((w, t) for w, t in events if w is not None)


def available_charts(brief: Brief) -> set[str]:
    names = set()
    if current_strikes(brief):
        names.add("strikes")
    if brief.reactions:
        names.add("reactions")
    if len(timed_events(brief)) >= 2:
        names.add("timeline")
    return names


def source_line(brief: Brief, extra: str | None = None) -> str:
    """The chart's source line, short enough for one line under the plot: publishers, else
    shortened headlines; past ~80 characters, the first and how many more."""
    names = list(dict.fromkeys(s.publisher or (_shorten(s.title) if s.title else s.id)
                               for s in brief.sources))
    listed = "; ".join(names)
    if len(listed) > 80:
        listed = f"{names[0]} and {len(names) - 1} more"
    text = ("Sources: " if len(names) > 1 else "Source: ") + (listed or "briefgen extraction")
    if extra:
        text += f", {extra}"
    return text


def _shorten(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def chart_titles(brief: Brief) -> dict[str, str]:
    """The caption text of each available chart (used by the plan before any drawing)."""
    titles = {
        "strikes": "Weapons launched and intercepted",
        "reactions": "Reactions by stance",
        "timeline": "Timeline of the incident",
    }
    return {name: titles[name] for name in CHART_NAMES if name in available_charts(brief)}


def draw_charts(brief: Brief, names: set[str] | None = None, scale: float = 1.0,
                kinds: Collection[str] = ("svg", "png")) -> dict[str, Chart]:
    """Draw the requested (and available) charts. `scale` shrinks height for tight layouts.

    `kinds` says which encodings are needed (the PDF and HTML use the SVG, the DOCX the PNG);
    one left out is empty bytes, because rasterising a chart costs more than drawing it."""
    wanted = available_charts(brief) if names is None else names & available_charts(brief)
    if not wanted:
        return {}
    import matplotlib

    drawers = {"strikes": _draw_strikes, "reactions": _draw_reactions, "timeline": _draw_timeline}
    titles = chart_titles(brief)
    charts = {}
    with matplotlib.rc_context(_house_style()):
        for name in CHART_NAMES:
            if name not in wanted:
                continue
            fig = drawers[name](brief, scale)
            # The chart carries its own title (it is also used alone, e.g. pasted into slides);
            # the date makes it differ from the document caption next to it.
            title = titles[name] + (f", {brief.date.day} {brief.date:%B %Y}" if brief.date else "")
            fig.suptitle(title, x=0.01, ha="left", fontsize=10.5, fontweight="bold")
            width, height = fig.get_size_inches()
            svg = _save(fig, "svg") if "svg" in kinds else b""
            png = _save(fig, "png") if "png" in kinds else b""
            charts[name] = Chart(name, titles[name], svg, png, float(width), float(height))
    return charts


def _figure(height: float):
    """A figure of its own, outside pyplot's registry of open figures: nothing global to
    close or leak, and ~6 % less drawing time per brief (same bytes; 4 alternating rounds)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_WIDTH_IN, height))
    return fig, fig.subplots()


def _house_style() -> dict[str, object]:
    return {
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.edgecolor": "#555555",
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.5,
        "axes.axisbelow": True,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "legend.frameon": False,
        "svg.hashsalt": "briefgen",  # fixed ids in the SVG: same bytes every run
        # Text as text: WeasyPrint draws it with the document's own DejaVu @font-face (three
        # times faster than thousands of glyph outlines, and the chart text is searchable).
        "svg.fonttype": "none",
        "figure.dpi": 100,
        "savefig.dpi": PNG_DPI,
        # The PNG (Word) is drawn at print resolution, where grid-fitting glyphs buys nothing:
        # unhinted text keeps the outlines as the PDF's SVG draws them, and the raster takes
        # ~10 % less time (0.211 vs 0.239 s per brief over the corpus, interleaved).
        "text.hinting": "no_hinting",
    }


def _save(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    # Metadata dates off, software string fixed: the bytes depend only on the data.
    metadata = {"Date": None, "Creator": "briefgen"} if fmt == "svg" else {"Software": "briefgen"}
    with warnings.catch_warnings():
        # A party name in a script DejaVu lacks (CJK, Tangut …) is drawn with a fallback
        # glyph; matplotlib's per-glyph warning would only clutter the command's output.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        # PNG: zlib level 1 instead of 6 halves the encoding time for a file about 5 % larger
        # (it is deflated again inside the DOCX zip anyway).
        extra = {"pil_kwargs": {"compress_level": 1}} if fmt == "png" else {}
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=PNG_DPI, **extra)
    data = buf.getvalue()
    if fmt == "svg":
        # Name the PDF's own @font-face family (the same DejaVu file), so chart text can never
        # come from whatever fonts the machine happens to have.
        data = data.replace(b"font-family: 'DejaVu Sans'", f"font-family: '{SVG_FONT_FAMILY}'".encode())
    return data


def _footer(fig, text: str) -> None:
    fig.text(0.01, 0.015, text, fontsize=6.5, color="#555555", ha="left", va="bottom")


def _draw_strikes(brief: Brief, scale: float):
    rows = strike_rows(brief)
    several_actors = len({r.actor for _, _, r in rows}) > 1
    labels = [f"{label}\n({actor})" if several_actors else label for label, actor, _ in rows]
    launched = [r.launched or 0 for _, _, r in rows]
    stopped = [r.intercepted or 0 for _, _, r in rows]
    height = max(1.6, (0.55 if several_actors else 0.45) * len(rows) + 1.0) * scale
    fig, ax = _figure(height)
    ys = list(range(len(rows)))[::-1]
    bar = 0.36
    ax.barh([y + bar / 2 for y in ys], launched, height=bar, color=PALETTE["orange"], label="Launched")
    ax.barh([y - bar / 2 for y in ys], stopped, height=bar, color=PALETTE["blue"], label="Intercepted")
    top = max(launched + stopped) or 1
    for y, (_, _, row) in zip(ys, rows, strict=True):
        n, i = row.launched, row.intercepted
        if n is None:
            note = "launches not reported"
        elif i is None:
            note = "interceptions not reported"
        else:
            note = f"{i / n:.0%} intercepted" if n else ""
        ax.text((n or 0) + top * 0.01, y + bar / 2, f"{n}" if n is not None else "–", va="center",
                fontsize=7.5)
        ax.text((i or 0) + top * 0.01, y - bar / 2, f"{i if i is not None else '–'}  ({note})",
                va="center", fontsize=7.5, color="#222222")
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, top * 1.45)
    ax.xaxis.get_major_locator().set_params(integer=True)  # weapons are counted whole: no "0.2"
    ax.set_xlabel("Number of weapons")
    ax.grid(axis="y", visible=False)
    # Above the plot, right-aligned: inside it, the legend sat on the value labels ("3  (launches
    # not reported)") whenever a bar was long.
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2, fontsize=7.5, ncol=2)
    reporters = sorted({r.reported_by for _, _, r in rows if r.reported_by})
    _footer(fig, source_line(brief, "figures as reported by " + ", ".join(reporters) if reporters else None))
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.42 / height, bottom=0.62 / height)
    return fig


def _draw_reactions(brief: Brief, scale: float):
    parties: dict[str, list[str]] = defaultdict(list)
    for reaction in brief.reactions:
        if reaction.party not in parties[reaction.stance]:
            parties[reaction.stance].append(reaction.party)
    stances = [s for s in STANCES if parties.get(s)]
    height = max(1.5, 0.36 * len(stances) + 1.0) * scale
    fig, ax = _figure(height)
    ys = list(range(len(stances)))[::-1]
    counts = [len(parties[s]) for s in stances]
    ax.barh(ys, counts, height=0.6, color=[STANCE_COLOURS[s] for s in stances])
    xmax = max(counts) + max(3.5, 0.8 * max(counts))  # room for the names after the bars
    # The names must end inside the plot: about 95 characters of 7.5 pt text span the axes.
    span_chars = 95
    for y, stance in zip(ys, stances, strict=True):
        names = ", ".join(parties[stance])
        room = int(span_chars * (xmax - len(parties[stance]) - 0.1) / xmax)
        if len(names) > room:
            names = names[:max(room - 3, 1)].rsplit(",", 1)[0] + ", …"
        ax.text(len(parties[stance]) + 0.08, y, names, va="center", fontsize=7.5)
    ax.set_yticks(ys, [STANCE_LABELS[s] for s in stances])
    ax.set_xlim(0, xmax)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Number of parties (countries and organisations)")
    ax.grid(axis="y", visible=False)
    _footer(fig, source_line(brief, "stance as classified by briefgen"))
    fig.subplots_adjust(left=0.2, right=0.98, top=1 - 0.42 / height, bottom=0.62 / height)
    return fig


def _draw_timeline(brief: Brief, scale: float):
    from matplotlib import dates as mdates

    events = timed_events(brief)
    height = 1.8 * scale
    fig, ax = _figure(height)
    times = [w for w, _ in events]
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.scatter(times, [0] * len(times), color=PALETTE["blue"], zorder=3, s=18)
    for k, (when, text) in enumerate(events):
        level = 0.55 if k % 2 == 0 else -0.55
        short = text if len(text) <= 38 else text[:36].rsplit(" ", 1)[0] + "…"
        ax.vlines(when, 0, level * 0.8, color="#999999", linewidth=0.6)
        ax.text(when, level, f"{when:%H:%M}  {short}", ha="center", va="center", fontsize=7)
    span = (times[-1] - times[0]) or dt.timedelta(hours=1)
    ax.set_xlim(times[0] - span * 0.25, times[-1] + span * 0.25)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    ax.set_xlabel(f"Local time as reported, {times[0]:%d %B %Y}")
    _footer(fig, source_line(brief))
    fig.subplots_adjust(left=0.03, right=0.97, top=1 - 0.42 / height, bottom=0.62 / height)
    return fig
