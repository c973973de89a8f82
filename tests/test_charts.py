"""Charts: drawn only when there is data, deterministic bytes, print resolution PNG."""

from __future__ import annotations

import struct
from pathlib import Path

from briefgen import charts
from briefgen.model import Brief, StrikeRow

FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"


def sample() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def test_strike_rows_are_shown_as_reported_never_summed():
    brief = sample()
    brief.strikes.append(StrikeRow(actor="RUS", weapon="drone", intercepted=37))
    rows = [(label, actor, r.launched, r.intercepted) for label, actor, r in charts.strike_rows(brief)]
    # The recalled March attack (background) is left out; the other side's claim is its own
    # row (launches unknown) instead of being added to the attacker's drones.
    assert rows[:3] == [("Drones", rows[0][1], 164, 141), ("Cruise missiles", rows[0][1], 38, 29),
                        ("Ballistic missiles", rows[0][1], 6, 2)]
    assert rows[-1] == ("Drones", "Russia", None, 37)
    assert all(not r.background for _, _, r in charts.strike_rows(brief))


def test_no_data_no_chart():
    brief = sample().model_copy(update={"strikes": [], "reactions": [], "timeline": []})
    assert charts.available_charts(brief) == set()
    assert charts.draw_charts(brief) == {}


def test_timeline_needs_two_timed_events():
    brief = sample()
    brief.timeline = brief.timeline[:1]
    assert "timeline" not in charts.available_charts(brief)


def test_charts_are_deterministic_and_print_resolution():
    first = charts.draw_charts(sample())
    second = charts.draw_charts(sample())
    assert set(first) == {"strikes", "reactions", "timeline"}
    for name, chart in first.items():
        assert chart.svg == second[name].svg, name
        assert chart.png == second[name].png, name
        assert b"<dc:date>" not in chart.svg  # no render date in the SVG metadata
        width_px = struct.unpack(">I", chart.png[16:20])[0]
        assert width_px / chart.width_in >= 200, "PNG for Word must be print resolution"


def test_strike_chart_shows_interception_rate_units_and_source():
    # Text is drawn as outlines in the SVG, so check the PNG-independent parts via matplotlib:
    # the house style draws the labels from these helpers.
    brief = sample()
    assert charts.source_line(brief).startswith("Sources: Coastal Wire; Marren Herald")
    chart = charts.draw_charts(brief, {"strikes"})["strikes"]
    assert chart.title == "Weapons launched and intercepted"
    assert chart.svg.startswith(b"<?xml")


def test_json_alone_draws_no_chart(tmp_path):
    """A facts-only render must not pay for matplotlib (its import alone is ~0.5 s)."""
    import subprocess
    import sys

    fixture = Path(__file__).parent / "fixtures" / "sample_brief.json"
    code = ("import sys; from briefgen import api; "
            f"files = api.render_files(api.load_brief({str(fixture)!r}), formats=['json']); "
            "assert files['json'].startswith(b'{'); "
            "print(sorted(m for m in ('matplotlib', 'weasyprint', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_trimmed_matplotlib_import_draws_the_same_charts():
    """The render processes import matplotlib without docstring tables and the 3D projection
    (fastimport.import_matplotlib): the charts must come out byte for byte the same."""
    import subprocess
    import sys

    fixture = Path(__file__).parent / "fixtures" / "sample_brief.json"
    code = ("import hashlib, sys; from briefgen import api, charts, fastimport; "
            "trim = sys.argv[1] == 'trim'; trim and fastimport.import_matplotlib(); "
            f"drawn = charts.draw_charts(api.load_brief({str(fixture)!r})); "
            "import matplotlib.artist as a, matplotlib.lines as l; "
            "assert 'linewidth' in a.kwdoc(l.Line2D); import mpl_toolkits.mplot3d; "
            "print(sorted((n, hashlib.sha256(c.svg + c.png).hexdigest()) for n, c in drawn.items()))")
    outputs = [subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True,
                              check=True).stdout for mode in ("trim", "stock")]
    assert outputs[0] == outputs[1] and "strikes" in outputs[0]


def test_source_line_of_many_sources_stays_short():
    from briefgen.model import Source

    brief = Brief(title="t", sources=[
        Source(id="S1", title="Drone debris falls in a field near the river port during the night"),
        Source(id="S2", title="Second report on the same incident with a very long headline indeed"),
        Source(id="S3", publisher="Coastal Wire")])
    line = charts.source_line(brief, "figures as reported by the air force")
    assert line.startswith("Sources: Drone debris falls in a field near the…")
    assert "and 2 more" in line and len(line) < 120


def test_a_single_weapon_gets_whole_number_ticks():
    import re

    brief = sample()
    brief.strikes = [StrikeRow(actor="PRK", weapon="ballistic_missile", launched=1)]
    svg = charts.draw_charts(brief, {"strikes"}, kinds=("svg",))["strikes"].svg.decode()
    ticks = re.findall(r">\s*(\d+(?:\.\d+)?)\s*<", svg)
    assert ticks and all("." not in tick for tick in ticks)


def test_strike_legend_never_covers_the_value_labels():
    """One long bar with a long label (launches not reported) reaches the right edge, where
    a legend inside the plot used to sit on top of it."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    brief = sample()
    brief.strikes = [StrikeRow(actor="RUS", weapon="drone", intercepted=3)]
    with matplotlib.rc_context(charts._house_style()):
        fig = charts._draw_strikes(brief, 1.0)
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        (ax,) = fig.axes
        legend = ax.get_legend().get_window_extent(renderer)
        labels = [text.get_window_extent(renderer) for text in ax.texts]
    assert any("3" in text.get_text() for text in ax.texts)
    assert not any(legend.overlaps(label) for label in labels)
    assert legend.x1 <= fig.bbox.x1 and legend.y1 <= fig.bbox.y1  # still on the chart
