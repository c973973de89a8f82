"""End to end: the example article through the real CLI, in-process and as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefgen.cli import main

pytestmark = pytest.mark.slow


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def docx_structure(path):
    import docx

    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    pictures = len(document.inline_shapes)
    return document, headings, pictures


@pytest.fixture(scope="module")
def generated(tmp_path_factory, example_path):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["generate", str(example_path), "--out", str(out),
                                       "--format", "pdf,docx,json"])
    assert result.exit_code == 0, result.output
    paths = [out / line.split("/")[-1] for line in result.output.split()]
    return {p.suffix: p for p in paths}


def test_generate_prints_paths_named_from_the_brief(generated):
    assert set(generated) == {".pdf", ".docx", ".json"}
    for path in generated.values():
        assert path.exists() and path.stat().st_size > 0
        assert path.name.startswith("2026-03-14-drone-debris-falls-romania")
        assert path.stem.endswith("-analyst")


def test_pdf_holds_the_brief(generated):
    text = pdf_text(generated[".pdf"])
    for expected in ("Romania", "Moldova", "NATO", "212", "176"):
        assert expected in text
    from pypdf import PdfReader

    reader = PdfReader(str(generated[".pdf"]))
    assert any("/XObject" in (page.get("/Resources") or {}) or "/Font" in (page.get("/Resources") or {})
               for page in reader.pages)


def test_docx_has_headings_table_and_chart(generated):
    document, headings, pictures = docx_structure(generated[".docx"])
    assert len(headings) >= 4
    assert document.tables, "strike table missing"
    assert pictures >= 1, "chart missing"
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "212" in cells and "176" in cells


def test_facts_json_round_trips_through_render(generated, tmp_path):
    facts = json.loads(generated[".json"].read_text(encoding="utf-8"))
    assert facts["schema"] == "1.0"
    assert {r["party_code"] for r in facts["reactions"]} >= {"ROU", "MDA", "NATO", "RUS", "EU", "UKR"}
    drone = next(r for r in facts["strikes"] if r["weapon"] == "drone" and r["actor"] == "RUS")
    assert (drone["launched"], drone["intercepted"]) == (212, 176)
    assert drone["evidence"][0]["sentence"].startswith("Ukraine's air force said")
    result = CliRunner().invoke(main, ["render", str(generated[".json"]), "--out", str(tmp_path),
                                       "--format", "docx", "--audience", "press"])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob("*-press.docx"))


def test_extract_to_stdout(example_path):
    result = CliRunner().invoke(main, ["extract", str(example_path)])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"].startswith("Drone debris falls in Romania")


def test_stdin_source(example_path, tmp_path):
    result = CliRunner().invoke(main, ["generate", "-", "--out", str(tmp_path), "--format", "json"],
                                input=example_path.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*-analyst.json"))) == 1


def test_real_subprocess(example_path, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1773446400")
    proc = subprocess.run([sys.executable, "-m", "briefgen", "generate", str(example_path),
                           "--out", str(tmp_path), "--format", "pdf", "--audience", "executive"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    written = proc.stdout.split()
    assert len(written) == 1 and written[0].endswith("-executive.pdf")
    assert "Romania" in pdf_text(written[0])


def test_bad_input_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "briefgen", "generate", str(tmp_path / "missing.txt"),
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "missing.txt: no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_seed_brief(shared_dir, tmp_path):
    seed = shared_dir / "seed" / "poland-drone-incursion.txt"
    result = CliRunner().invoke(main, ["generate", str(seed), "--out", str(tmp_path),
                                       "--format", "pdf,docx,json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(next(tmp_path.glob("*-analyst.json")).read_text(encoding="utf-8"))
    parties = {r["party_code"] for r in facts["reactions"]}
    assert parties >= {"POL", "NATO", "RUS", "BLR", "UKR", "DEU", "NLD", "EU", "USA"}
    rows = {(r["weapon"], r["launched"], r["intercepted"]) for r in facts["strikes"]}
    assert ("drone", 415, 386) in rows and ("cruise_missile", 42, 27) in rows
    text = pdf_text(next(tmp_path.glob("*-analyst.pdf")))
    for name in ("Poland", "NATO", "Belarus", "Germany", "Netherlands", "European Union",
                 "United States", "415", "386", "42", "27"):
        assert name in text, name
    document, _, _ = docx_structure(next(tmp_path.glob("*.docx")))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "415" in cells and "386" in cells
