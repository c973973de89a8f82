"""Where the PDF time goes, and what the alternatives would save (findings for the renderer).

    .venv/bin/python bench/pdf_options.py [FACTS.json] [--runs 5]

In one warm process, interleaved round by round, times WeasyPrint laying out and writing
briefgen's own PDF HTML for a brief with: the charts as they are (SVG, text as outlines), SVG
with real text, PNG charts, and whole fonts instead of subsets; plus the chart drawing itself
(SVG and PNG) and pyplot's import. Prints medians and ratios to the current setting.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("facts", nargs="?", default=str(ROOT / "tests" / "fixtures" / "sample_brief.json"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from briefgen import charts
    from briefgen.api import load_brief
    from briefgen.audience import DEFAULT_AUDIENCE, load_audience
    from briefgen.fastimport import import_weasyprint
    from briefgen.plan import build_plan
    from briefgen.render import _html, allowed_roots, source_date
    from briefgen.render import base_url as render_base_url
    from briefgen.render.pdf import make_fetcher

    weasyprint = import_weasyprint()
    brief = load_brief(args.facts)
    aud = load_audience(DEFAULT_AUDIENCE)
    plan = build_plan(brief, aud)
    names = plan.chart_names()
    html = _html(plan, brief, aud, charts.draw_charts(brief, names), source_date(), for_pdf=True)
    base_url = render_base_url(aud)

    def draw(**style):
        stock = charts._house_style
        charts._house_style = lambda: {**stock(), **style}
        try:
            return charts.draw_charts(brief, names)
        finally:
            charts._house_style = stock

    svg_path = {f"chart-{n}.svg": (c.svg, "image/svg+xml") for n, c in draw().items()}
    as_text = draw(**{"svg.fonttype": "none"})
    svg_text = {f"chart-{n}.svg": (c.svg, "image/svg+xml") for n, c in as_text.items()}
    png = {f"chart-{n}.svg": (c.png, "image/png") for n, c in draw().items()}
    variants = {
        "as is (SVG, text as paths)": (svg_path, {}),
        "SVG with <text>": (svg_text, {}),
        "PNG charts (220 dpi)": (png, {}),
        "whole fonts, no subsetting": (svg_path, {"full_fonts": True}),
    }

    def layout_and_write(memory, options) -> tuple[float, int]:
        start = time.perf_counter()
        doc = weasyprint.HTML(string=html, base_url=base_url,
                              url_fetcher=make_fetcher(allowed_roots(aud), memory)).render()
        data = doc.write_pdf(**options)
        return time.perf_counter() - start, len(data)

    def draw_once(fmt: str) -> float:
        from matplotlib import pyplot as plt

        start = time.perf_counter()
        with plt.rc_context(charts._house_style()):
            for name in names & charts.available_charts(brief):
                fig = {"strikes": charts._draw_strikes, "reactions": charts._draw_reactions,
                       "timeline": charts._draw_timeline}[name](brief, plt, 1.0)
                charts._save(fig, fmt)
                plt.close(fig)
        return time.perf_counter() - start

    times: dict[str, list[float]] = {k: [] for k in variants}
    sizes: dict[str, int] = {}
    draws: dict[str, list[float]] = {"draw charts: SVG": [], "draw charts: PNG 220 dpi": []}
    for round_no in range(args.runs + 1):
        for name, (memory, options) in variants.items():
            elapsed, size = layout_and_write(memory, options)
            if round_no:
                times[name].append(elapsed)
                sizes[name] = size
        for label, fmt in (("draw charts: SVG", "svg"), ("draw charts: PNG 220 dpi", "png")):
            elapsed = draw_once(fmt)
            if round_no:
                draws[label].append(elapsed)
    imports = {}
    for label, code in (("import matplotlib.pyplot", "import matplotlib; matplotlib.use('Agg'); "
                         "import matplotlib.pyplot"),
                        ("import matplotlib.figure + backend_agg", "import matplotlib.figure, "
                         "matplotlib.backends.backend_agg")):
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            runs.append(time.perf_counter() - start)
        imports[label] = statistics.median(runs)

    base = statistics.median(times["as is (SVG, text as paths)"])
    print(f"facts: {args.facts}   runs={args.runs}   (WeasyPrint layout + write_pdf, warm)")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"  {name:36s} {m:6.3f} s  ×{m / base:4.2f}   PDF {sizes[name] / 1024:6.0f} KB")
    for name, values in draws.items():
        m = statistics.median(values)
        print(f"  {name:36s} {m:6.3f} s  ×{m / base:4.2f} of the PDF time")
    for name, value in imports.items():
        print(f"  {name + ' (new process)':36s} {value:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
