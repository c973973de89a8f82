"""The pandoc baseline's input: a Markdown brief equivalent to briefgen's, built from briefgen's
own facts JSON (same sections, same tables, the same chart PNGs), so that pandoc and briefgen
lay out the same content and the comparison measures the tools, not the amount of text."""

from __future__ import annotations

import json
from pathlib import Path


def _cell(value) -> str:
    if value is None or value == "":
        return "–"
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _cite(evidence: list[dict]) -> str:
    return " ".join(f"[{e['source_id']}]" for e in evidence[:2])


def write_markdown(facts_path: Path, out_dir: Path) -> Path:
    """Write `brief.md` (and the chart PNGs it references) into `out_dir`; return the .md path."""
    data = json.loads(facts_path.read_text(encoding="utf-8"))
    charts = _chart_pngs(facts_path, out_dir)
    md: list[str] = [f"# {data['title']}", ""]
    if data.get("date"):
        md += [f"*{data['date']}*", ""]
    if data.get("bluf"):
        md += ["## Bottom line up front", "", f"{data['bluf']['text']} {_cite(data['bluf']['evidence'])}", ""]
    situation = data.get("situation") or {}
    if situation.get("what") or situation.get("where"):
        md += ["## Situation", "", f"**What:** {_cell(situation.get('what'))}  ",
               f"**Where:** {_cell(', '.join(situation.get('where') or []))}  ",
               f"**When:** {_cell(situation.get('when_text') or situation.get('when_start'))}", ""]
    if data.get("key_facts"):
        md += ["## Key facts", ""]
        md += [f"- {f['text']} {_cite(f['evidence'])}" for f in data["key_facts"]] + [""]
    if data.get("key_figures"):
        md += ["## Key figures", ""]
        md += _table(["Figure", "What it counts"],
                     [[f"{f.get('qualifier') or ''} {f['value']:g}".strip(), f["label"]]
                      for f in data["key_figures"]])
    if data.get("strikes"):
        md += ["## Strike statistics", ""]
        md += _table(["Launched by", "Weapon", "Launched", "Intercepted", "Reported by"],
                     [[s.get("actor"), s["weapon"], s.get("launched"), s.get("intercepted"),
                       s.get("reported_by")] for s in data["strikes"]])
    for name, title in charts:
        md += [f"![{title}]({name}.png){{width=100%}}", ""]
    if data.get("reactions"):
        md += ["## Reactions", ""]
        md += _table(["Party", "Speaker", "Stance", "Statement"],
                     [[r["party"], r.get("speaker"), r["stance"], r.get("quote") or r.get("statement")]
                      for r in data["reactions"]])
    casualties = data.get("casualties") or {}
    if casualties.get("killed") is not None or casualties.get("injured") is not None:
        md += ["## Casualties", "", f"Killed: {_cell(casualties.get('killed'))}; "
               f"injured: {_cell(casualties.get('injured'))}", ""]
    if data.get("timeline"):
        md += ["## Timeline", ""]
        md += _table(["When", "What happened"],
                     [[e.get("when") or e["when_text"], e["text"]] for e in data["timeline"]])
    md += ["## Sources", ""]
    md += [f"- [{s['id']}] {_cell(s.get('publisher'))}: {_cell(s.get('title'))} {s.get('url') or ''}"
           for s in data.get("sources", [])] + [""]
    path = out_dir / "brief.md"
    path.write_text("\n".join(md), encoding="utf-8")
    return path


def _chart_pngs(facts_path: Path, out_dir: Path) -> list[tuple[str, str]]:
    """The same charts briefgen draws for this brief, as PNG files next to the Markdown."""
    from briefgen.api import load_brief
    from briefgen.charts import draw_charts

    charts = draw_charts(load_brief(facts_path))
    for chart in charts.values():
        (out_dir / f"{chart.name}.png").write_bytes(chart.png)
    return [(c.name, c.title) for c in charts.values()]
