"""briefgen benchmark: one command, one run, every figure a ratio against a baseline measured in
the same run (the machines are shared and noisy, so absolute seconds mean little).

    make bench          # or: .venv/bin/python bench/run.py [--runs 5] [--batch 40]

Measures, for the project's example and the seed article:
  - cold `briefgen generate SOURCE --format pdf,docx` (a new process per run, median);
  - pandoc (pypandoc-binary) on an equivalent Markdown brief built from briefgen's own facts
    JSON and chart PNGs: to DOCX, and to PDF with --pdf-engine=weasyprint;
  - the floor: WeasyPrint alone laying out briefgen's own HTML for that brief, warm;
and batch mode (`generate --each` over 40 articles) at --jobs 1 and --jobs 2: briefs per second
and peak RSS per process. Prints a table and writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "romania-drone-debris.txt"
SEED = SHARED / "seed" / "poland-drone-incursion.txt"
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

TIMEOUT = 300  # seconds; a hung run is reported, not waited for forever
TARGETS = {"cold_vs_pandoc": 1.5, "batch_vs_floor": 1.3, "jobs2_vs_jobs1": 1.7, "worker_rss_mb": 350}

# Cold-run variants measured side by side in the same run (before/after of speed changes).
COLD_VARIANTS = {"briefgen": {}, "briefgen serial": {"BRIEFGEN_SERIAL": "1"}}


def briefgen_cmd() -> list[str]:
    exe = BIN / "briefgen"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefgen"]


def bench_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # pandoc's --pdf-engine=weasyprint runs the `weasyprint` executable: the venv's.
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    # Measure the checkout this file lives in, whatever the venv's editable install points at.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env or bench_env(), cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{' '.join(cmd[:4])}… did not finish in {TIMEOUT} s") from None
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}… exit {proc.returncode}: "
                           f"{(proc.stderr or proc.stdout).strip()[-400:]}")
    return elapsed


def checkout(rev: str, work: Path) -> Path:
    """The tree of a git revision, extracted (no worktree, nothing in the repository changes)."""
    dest = work / "baseline-src"
    dest.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def precompile(trees: list[Path]) -> str:
    """Byte-compile the measured briefgen trees, as `pip install` does for an installed package.

    An editable install leaves that to Python's first import, which never happens where
    PYTHONDONTWRITEBYTECODE is set (it is on the project machines): every cold run would then
    compile ~50 modules from source in each of its three processes, a cost no user pays."""
    for tree in trees:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "briefgen")], check=True,
                       stdout=subprocess.DEVNULL)
    flag = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return f"briefgen byte-compiled before timing, as pip install does{flag}"


def font_subsetting() -> str:
    """Which font subsetter stock WeasyPrint uses here: it decides what the floor and pandoc's
    PDF engine pay (~0.4 s a brief more with the fontTools fallback; briefgen uses HarfBuzz
    either way, see briefgen/render/hbsubset.py)."""
    import ctypes.util

    if ctypes.util.find_library("harfbuzz-subset"):
        return "fonts: system libharfbuzz-subset present (stock WeasyPrint and briefgen subset with it)"
    return ("fonts: no system libharfbuzz-subset: stock WeasyPrint (the floor, pandoc's PDF engine) "
            "subsets with fontTools, briefgen with the uharfbuzz wheel")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def round_ratios(runs: dict[str, list[float]]) -> list[float]:
    """briefgen / pandoc (DOCX + PDF) within each round: the contenders of one round ran seconds
    apart, so a change in the host's speed between rounds cancels out of these. Their spread
    says how far to trust the ratio of medians the target is judged on."""
    ours, docx, pdf = runs.get("briefgen", []), runs.get("pandoc_docx", []), runs.get("pandoc_pdf", [])
    if not (len(ours) == len(docx) == len(pdf)):
        return []  # a failed run left the rounds unpaired
    return [a / (b + c) for a, b, c in zip(ours, docx, pdf, strict=True)]


def spread(values: list[float]) -> str:
    """'median [min–max]' of per-round ratios."""
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f} [{min(values):.2f}–{max(values):.2f}]"


# --- per source: cold briefgen, pandoc, WeasyPrint floor -----------------------------------

def bench_source(source: Path, work: Path, runs: int) -> dict:
    from brief_md import write_markdown

    work.mkdir(parents=True)
    result: dict = {"source": str(source), "bytes": source.stat().st_size, "errors": []}
    facts = work / "facts.json"
    timed(briefgen_cmd() + ["-q", "extract", str(source), "-o", str(facts)])
    md_dir = work / "md"
    md_dir.mkdir()
    md = write_markdown(facts, md_dir)
    pandoc = _pandoc_path()

    times: dict[str, list[float]] = {name: [] for name in COLD_VARIANTS}
    times.update({"pandoc_docx": [], "pandoc_pdf": []})
    # Round-robin, one unmeasured warm-up round first (page cache, .pyc files): a burst of load
    # from another user then hits every contender alike instead of one of them.
    for round_no in range(runs + 1):
        for name, env in COLD_VARIANTS.items():
            out = work / f"out-{name.replace(' ', '-')}"
            try:
                elapsed = timed(briefgen_cmd() + ["-q", "generate", str(source), "--format", "pdf,docx",
                                                  "--out", str(out)], bench_env(**env))
            except RuntimeError as exc:
                result["errors"].append(f"{name}: {exc}")
                continue
            if round_no:
                times[name].append(elapsed)
        if pandoc:
            docx = timed([pandoc, md.name, "-o", "brief.docx"], cwd=md_dir)
            pdf = timed([pandoc, md.name, "-o", "brief.pdf", "--pdf-engine=weasyprint"], cwd=md_dir)
            if round_no:
                times["pandoc_docx"].append(docx)
                times["pandoc_pdf"].append(pdf)
    result["runs"] = times
    result["median"] = {name: median(values) for name, values in times.items()}
    m = result["median"]
    m["pandoc_total"] = (m["pandoc_docx"] + m["pandoc_pdf"]) if m["pandoc_pdf"] is not None else None
    m["floor"] = weasyprint_floor(facts, runs)
    return result


def _pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def floor_input(facts: Path):
    """briefgen's own PDF input for a brief: the HTML the PDF writer lays out (fonts embedded,
    charts served from memory) and a factory for its allow-list fetcher. Built with the
    renderer's own functions, so the floor follows the renderer as it changes."""
    from briefgen import charts
    from briefgen.api import load_brief
    from briefgen.audience import DEFAULT_AUDIENCE, load_audience
    from briefgen.plan import build_plan
    from briefgen.render import _html, allowed_roots, source_date
    from briefgen.render import base_url as render_base_url
    from briefgen.render.html import stylesheets
    from briefgen.render.pdf import make_fetcher

    brief = load_brief(facts)
    aud = load_audience(DEFAULT_AUDIENCE)
    plan = build_plan(brief, aud)
    drawn = charts.draw_charts(brief, plan.chart_names())
    created = source_date()
    html = _html(plan, brief, aud, drawn, created, for_pdf=True)  # standalone: CSS inlined
    # What briefgen itself hands WeasyPrint: the same HTML without CSS, and the CSS apart.
    css = stylesheets(plan, aud, for_pdf=True)
    bare = _html(plan, brief, aud, drawn, created, for_pdf=True, css=[])
    memory = {f"chart-{name}.svg": (chart.svg, "image/svg+xml") for name, chart in drawn.items()}
    base_url = render_base_url(aud)
    return html, base_url, lambda: make_fetcher(allowed_roots(aud), memory), (bare, css)


def weasyprint_floor(facts: Path, runs: int, patched: bool = False) -> float:
    """WeasyPrint alone, in this (warm) process: median seconds to lay out briefgen's HTML for
    this brief and write the PDF. Stock WeasyPrint on the standalone HTML by default; `patched`
    the WeasyPrint work briefgen itself does: its SVG text patch (render/svgtext.py), its page
    references in two passes (render/pagerefs.py), its named-page lookup from the first and last
    child (render/pagevalues.py), its font-subsetting arrays without a C type per length
    (render/subsetarrays.py) and its stylesheets parsed once into one font configuration
    (render/pdf.py)."""
    import weasyprint

    from briefgen.render import pdf

    html, base_url, fetcher, (bare, css) = floor_input(facts)

    def once() -> float:
        start = time.perf_counter()
        if patched:
            pdf.layout(bare, base_url, fetcher(), css).write_pdf()
        else:
            weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher()).write_pdf()
        return time.perf_counter() - start

    if patched:
        pdf.install_fixes()
    try:
        once()  # warm: fonts, caches
        return statistics.median(once() for _ in range(runs))
    finally:
        pdf.uninstall_fixes()


# --- imports: the startup work briefgen avoids, stock vs briefgen.fastimport -----------------

IMPORT_CASES = {
    "import weasyprint (stock)": "import weasyprint",
    "import weasyprint (fastimport)": "import briefgen.fastimport as f; f.import_weasyprint()",
    "import spacy (stock)": "import spacy",
    "import spacy (fastimport)": "import briefgen.fastimport as f; f.import_spacy()",
    "python -c pass": "pass",
}
HEAVY = ("spacy", "weasyprint", "matplotlib", "docx", "pydantic")


def import_costs(runs: int) -> dict:
    """Median seconds of each import in a new process (round-robin), and which heavy modules
    `briefgen --help` / `--version` load (they must load none)."""
    times: dict[str, list[float]] = {name: [] for name in IMPORT_CASES}
    for round_no in range(runs + 1):
        for name, code in IMPORT_CASES.items():
            elapsed = timed([sys.executable, "-c", code])
            if round_no:
                times[name].append(elapsed)
    result = {name: median(values) for name, values in times.items()}
    # `main`, not the console entry `run`: that one leaves with os._exit, before the print.
    probe = ("import sys; sys.argv = ['briefgen', '{arg}']\nfrom briefgen.cli import main\n"
             "try:\n    main()\n"
             "except SystemExit:\n    pass\n"
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    for arg in ("--help", "--version"):
        out = subprocess.run([sys.executable, "-c", probe.format(arg=arg)], env=bench_env(),
                             capture_output=True, text=True).stdout.strip().splitlines()
        result[f"heavy modules after briefgen {arg}"] = out[-1] if out else "?"
        result[f"briefgen {arg}"] = median([timed(briefgen_cmd() + [arg]) for _ in range(runs)])
    return result


# --- batch -------------------------------------------------------------------------------

def batch_sources(work: Path, count: int) -> tuple[list[Path], str]:
    """`count` distinct article files: the corpus repeated, or the example copied."""
    corpus = sorted((SHARED / "corpus").glob("*.txt")) if (SHARED / "corpus").is_dir() else []
    origin = f"../shared/corpus ({len(corpus)} articles) repeated" if corpus else "the example copied"
    pool = corpus or [EXAMPLE]
    work.mkdir(parents=True)
    paths = []
    for k in range(count):
        src = pool[k % len(pool)]
        copy = k // len(pool) + 1
        text = src.read_text(encoding="utf-8")
        if copy > 1 or not corpus:
            # A distinct title per copy, so each copy gets its own brief and file name.
            lines = text.splitlines(keepends=True)
            lines = [f"title: [{copy}] {ln.split(':', 1)[1].strip()}\n" if ln.startswith("title:") else ln
                     for ln in lines]
            text = "".join(lines)
        path = work / f"{k + 1:02d}-{src.name}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths, origin


class TreeSampler:
    """Peak RSS of a process and each of its descendants, sampled every 20 ms with psutil."""

    def __init__(self, pid: int):
        import psutil

        self.root = psutil.Process(pid)
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), rss)
            self._stop.wait(0.02)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        root = self.peak.pop(self.root.pid, 0)
        # Short-lived helpers (a fork about to exec, ldconfig) are not workers: keep ≥ 10 MB.
        workers = sorted((v for v in self.peak.values() if v >= 10 * 2**20), reverse=True)
        return {"main_mb": root / 2**20, "workers_mb": [w / 2**20 for w in workers],
                "max_process_mb": max([root, *workers]) / 2**20}


def run_batch(paths: list[Path], jobs: int, out: Path, env: dict[str, str] | None = None) -> dict:
    cmd = briefgen_cmd() + ["-q", "generate", "--each", *map(str, paths), "--format", "pdf,docx",
                            "--jobs", str(jobs), "--out", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=bench_env(**(env or {})), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid) if _has_psutil() else None
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT * 4)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    memory = sampler.stop() if sampler else {}
    written = len(list(out.glob("*.pdf")))
    return {"jobs": jobs, "seconds": elapsed, "briefs": written, "exit": proc.returncode,
            "briefs_per_s": written / elapsed if written else 0.0, "memory": memory,
            "stderr_tail": stderr.strip()[-600:]}


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


def batch_facts(paths: list[Path], work: Path) -> list[Path]:
    """The facts file of each distinct article of the batch (they repeat evenly, so floors over
    these are the per-brief mean up to one partial round)."""
    distinct: dict[str, Path] = {}
    for path in paths:
        distinct.setdefault(path.name.split("-", 1)[1], path)
    work.mkdir(parents=True)
    facts = []
    for key, path in distinct.items():
        facts.append(work / f"{key}.json")
        timed(briefgen_cmd() + ["-q", "extract", str(path), "-o", str(facts[-1])])
    return facts


def batch_floor(facts: list[Path], patched: bool = False) -> float:
    """Mean WeasyPrint-alone time per brief over the batch's articles: stock WeasyPrint (the
    target's floor) or, `patched`, as briefgen drives it (the WeasyPrint share of briefgen's own
    time), so the overhead beyond WeasyPrint can be read off honestly."""
    return statistics.mean(weasyprint_floor(f, 3, patched=patched) for f in facts)


# --- report ------------------------------------------------------------------------------

def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "n/a"
    ok = value >= target if higher_is_better else value <= target
    return "ok" if ok else "MISS"


def fmt(value: float | None, unit: str = "s", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def target_line(label: str, value: float | None, key: str, higher: bool = False, unit: str = "") -> str:
    digits = 0 if unit else 2
    return (f"  {label:40s} {fmt(value, unit, digits):>8}   target {'≥' if higher else '≤'} "
            f"{TARGETS[key]}{unit}  {verdict(value, TARGETS[key], higher)}")


def table(report: dict) -> str:
    lines = [f"briefgen bench  {report['when']}  {report['machine']}  runs={report['runs']}", ""]
    for src in report["sources"]:
        m = src["median"]
        name = Path(src["source"]).name
        lines.append(f"{name} ({src['bytes'] / 1024:.1f} KB)                         median")
        for variant in COLD_VARIANTS:
            lines.append(f"  {variant + ' cold generate pdf,docx':40s} {fmt(m.get(variant)):>8}")
        lines += [
            f"  {'pandoc md→docx':40s} {fmt(m['pandoc_docx']):>8}",
            f"  {'pandoc md→pdf (weasyprint)':40s} {fmt(m['pandoc_pdf']):>8}",
            f"  {'pandoc docx+pdf':40s} {fmt(m['pandoc_total']):>8}",
            f"  {'WeasyPrint floor (warm, our HTML)':40s} {fmt(m['floor']):>8}",
        ]
        r = src["ratios"]
        lines.append(target_line("ratio cold / pandoc", r["cold_vs_pandoc"], "cold_vs_pandoc"))
        lines.append(f"  {'  per round: median [min–max]':40s} {spread(r.get('cold_vs_pandoc_rounds', []))}")
        pdf_runs = src["runs"].get("pandoc_pdf") or []
        if len(pdf_runs) > 1:  # the same pandoc command each round: the host's own variation
            noise = max(pdf_runs) / min(pdf_runs)
            lines.append(f"  {'  host noise: pandoc PDF slowest/fastest':40s} {noise:>8.2f}")
        for variant in list(COLD_VARIANTS)[1:]:
            lines.append(f"  {'ratio ' + variant + ' / briefgen':40s} "
                         f"{fmt(ratio(m.get(variant), m['briefgen']), ''):>8}")
        for err in src["errors"][:3]:
            lines.append(f"  ! {err[:150]}")
        lines.append("")
    imports = report.get("imports")
    if imports:
        lines.append("startup (new process each, median)")
        for name, value in imports.items():
            shown = fmt(value) if isinstance(value, float) else str(value)
            lines.append(f"  {name:40s} {shown:>8}")
        for lib in ("weasyprint", "spacy"):
            stock, fast = imports.get(f"import {lib} (stock)"), imports.get(f"import {lib} (fastimport)")
            label = f"ratio import {lib} stock / fastimport"
            lines.append(f"  {label:40s} {fmt(ratio(stock, fast), ''):>8}")
        lines.append("")
    batch = report.get("batch")
    if batch:
        rounds = batch.get("rounds", 1)
        lines.append(f"batch: {batch['count']} briefs, {batch['origin']}, pdf+docx, "
                     f"{rounds} round{'s' if rounds != 1 else ''} (ratios from the median time)")
        for run in batch["runs"]:
            mem = run["memory"]
            workers = ", ".join(f"{w:.0f}" for w in mem.get("workers_mb", [])) or "–"
            label = f"jobs {run['jobs']}" + (f" {run['label']}" if "label" in run else "")
            if rounds != 1:
                label = f"r{run.get('round', 1)} {label}"
            lines.append(f"  {label}: {fmt(run['seconds'])} {run['briefs']} briefs "
                         f"{fmt(run['briefs_per_s'], '/s')}  {fmt(run['seconds'] / max(run['briefs'], 1))}"
                         f"/brief  peak RSS main {fmt(mem.get('main_mb'), ' MB', 0)}, children [{workers}] MB"
                         + ("" if run["exit"] == 0 else f"  exit {run['exit']}: {run['stderr_tail'][-150:]}"))
        r = batch["ratios"]
        lines += [
            f"  {'WeasyPrint floor per brief (round median)':40s} {fmt(batch['floor']):>8}"
            + (f"   rounds: {', '.join(fmt(v) for v in batch['floor_rounds'].values())}"
               if len(batch.get("floor_rounds") or {}) > 1 else ""),
            f"  {'  same, as briefgen drives WeasyPrint':40s} {fmt(batch.get('floor_patched')):>8}",
            target_line("ratio batch per brief / floor (jobs 1)", r["batch_vs_floor"], "batch_vs_floor"),
            f"  {'  per round: median [min–max]':40s} {spread(r.get('batch_vs_floor_rounds', []))}",
            f"  {'ratio batch per brief / driven floor':40s} {fmt(r.get('batch_vs_patched_floor'), ''):>8}",
            *([f"  {'ratio jobs-1 @baseline / jobs-1 time':40s} {fmt(r['baseline_vs_jobs1'], ''):>8}"]
              if r.get("baseline_vs_jobs1") else []),
            target_line("ratio jobs-2 / jobs-1 throughput", r["jobs2_vs_jobs1"], "jobs2_vs_jobs1", True),
            f"  {'  per round: median [min–max]':40s} {spread(r.get('jobs2_vs_jobs1_rounds', []))}",
            target_line("peak RSS per process (max)", r["worker_rss_mb"], "worker_rss_mb", unit=" MB"),
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per contender (median)")
    parser.add_argument("--batch", type=int, default=40, help="articles in the batch (0: skip)")
    parser.add_argument("--batch-rounds", type=int, default=2,
                        help="batch rounds, every contender once per round (median)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--baseline", metavar="REV", help="also time cold runs of this git revision "
                        "(before/after a change, in the same run)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    trees = [ROOT]
    if args.baseline:
        trees.append(checkout(args.baseline, work))
        COLD_VARIANTS[f"briefgen @{args.baseline}"] = {"PYTHONPATH": str(trees[-1])}
    report: dict = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "runs": args.runs,
                    "machine": f"{platform.machine()} {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}",
                    "sources": [], "notes": []}
    report["notes"].append(precompile(trees))
    report["notes"].append(font_subsetting())
    sources = [EXAMPLE]
    if SEED.exists():
        sources.append(SEED)
    else:
        report["notes"].append("seed article skipped: ../shared is absent")
    try:
        for source in sources:
            print(f"… {source.name}", file=sys.stderr)
            src = bench_source(source, work / source.stem, args.runs)
            m = src["median"]
            src["ratios"] = {"cold_vs_pandoc": ratio(m["briefgen"], m["pandoc_total"]),
                             "cold_vs_pandoc_rounds": round_ratios(src["runs"])}
            report["sources"].append(src)
        print("… imports", file=sys.stderr)
        report["imports"] = import_costs(args.runs)
        if args.batch:
            print(f"… batch of {args.batch}", file=sys.stderr)
            paths, origin = batch_sources(work / "batch-src", args.batch)
            facts = batch_facts(paths, work / "batch-floor")
            floor_patched = batch_floor(facts, patched=True)
            floors: dict[int, float] = {}
            # Rounds, each timing every contender back to back: a batch is one long sample, and
            # a change in the machine's load between two single runs would decide a ratio.
            runs: list[dict] = []
            for round_no in range(1, args.batch_rounds + 1):
                print(f"… batch round {round_no} of {args.batch_rounds}", file=sys.stderr)
                # The floor again in every round, just before its batches: the host's speed
                # drifts over the minutes a round takes, and a floor timed once, before all the
                # rounds, would carry that drift into the ratio.
                floors[round_no] = batch_floor(facts)
                if args.baseline:  # the revision's jobs-1 batch, just before this tree's
                    run = run_batch(paths, 1, work / f"batch-out-baseline-{round_no}",
                                    COLD_VARIANTS[f"briefgen @{args.baseline}"])
                    runs.append(run | {"label": f"@{args.baseline}", "round": round_no})
                for jobs in (1, 2):
                    run = run_batch(paths, jobs, work / f"batch-out-{jobs}-{round_no}")
                    runs.append(run | {"round": round_no})

            def seconds(jobs: int, label: str | None = None) -> float | None:
                """Median over the rounds of the time for the whole batch (None if any failed)."""
                mine = [r for r in runs if r["jobs"] == jobs and r.get("label") == label]
                if not mine or any(r["exit"] != 0 or r["briefs"] != args.batch for r in mine):
                    return None
                return statistics.median(r["seconds"] for r in mine)

            jobs1, jobs2 = seconds(1), seconds(2)
            floor = statistics.median(floors.values())
            base1 = seconds(1, f"@{args.baseline}") if args.baseline else None
            per_brief = jobs1 / args.batch if jobs1 else None
            rss = [r["memory"].get("max_process_mb") for r in runs if r["memory"] and "label" not in r]
            # This tree's successful runs by (jobs, round), for the ratios within each round.
            timed_ok = {(r["jobs"], r["round"]): r["seconds"] for r in runs
                        if "label" not in r and r["exit"] == 0}
            rounds_ok = [n for n in floors if (1, n) in timed_ok]
            report["batch"] = {
                "count": args.batch, "origin": origin, "floor": floor, "floor_patched": floor_patched,
                "floor_rounds": floors,
                "rounds": args.batch_rounds, "runs": runs,
                "median_seconds": {"jobs1": jobs1, "jobs2": jobs2, "baseline_jobs1": base1},
                "ratios": {"batch_vs_floor": ratio(per_brief, floor),
                           "batch_vs_patched_floor": ratio(per_brief, floor_patched),
                           "batch_vs_floor_rounds": [timed_ok[1, n] / args.batch / floors[n]
                                                     for n in rounds_ok],
                           "baseline_vs_jobs1": ratio(base1, jobs1),
                           "jobs2_vs_jobs1": ratio(jobs1, jobs2),  # throughput: time of 1 / time of 2
                           "jobs2_vs_jobs1_rounds": [timed_ok[1, n] / timed_ok[2, n]
                                                     for n in rounds_ok if (2, n) in timed_ok],
                           "worker_rss_mb": max(rss) if rss else None},
            }
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = table(report)
    for note in report["notes"]:
        text += f"\nnote: {note}"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data = json.dumps(report, indent=2, default=str)
    (RESULTS / f"bench-{stamp}.json").write_text(data)
    (RESULTS / "latest.json").write_text(data)
    print(f"\nJSON: {RESULTS / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
