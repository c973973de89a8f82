"""The cold `generate` path (overlap.py) through the real command: forked helpers render the PDF
and the DOCX side by side, this process writes. It must give the very bytes of the serial path,
and a failure in a helper must leave nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Invented article, written for this test.
ARTICLE = (
    "title: Drones strike rail depot in fictional town of Karsk\n"
    "published: 2031-03-09\n"
    "publisher: Test Wire\n"
    "---\n"
    "KARSK, March 9 — Russia launched 64 attack drones and six cruise missiles at the rail depot "
    "of Karsk overnight, the air force said on Sunday. Air defences shot down 51 drones and four "
    "missiles.\n\n"
    "Latvia's foreign minister, Ilze Berzina, condemned the attack. \"Striking railways that carry "
    "grain is a strike on food for millions,\" she said.\n\n"
    "The United Nations called for restraint from all sides.\n"
)


def briefgen(*args: str, cwd: Path, serial: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1900000000")
    env.pop("BRIEFGEN_SERIAL", None)
    if serial:
        env["BRIEFGEN_SERIAL"] = "1"
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


@pytest.mark.parametrize("audience", ["analyst", "executive"])  # two helpers / one (page fit)
def test_helpers_write_the_bytes_of_the_serial_path(tmp_path, audience):
    source = tmp_path / "karsk.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    results = {}
    for serial in (True, False):
        out = tmp_path / ("serial" if serial else "forked")
        run = briefgen("-q", "generate", str(source), "-a", audience, "-f", "pdf,docx,json",
                       "-o", str(out), cwd=tmp_path, serial=serial)
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""
        results[serial] = outputs(out)
    assert sorted(Path(name).suffix for name in results[False]) == [".docx", ".json", ".pdf"]
    assert results[False] == results[True]


def test_a_failing_pdf_helper_leaves_no_file_and_the_previous_output(tmp_path):
    source = tmp_path / "karsk.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    first = briefgen("-q", "generate", str(source), "-o", str(out), cwd=tmp_path, serial=False)
    assert first.returncode == 0, first.stderr
    before = outputs(out)

    # A user audience whose PDF template breaks: the DOCX helper succeeds, the PDF helper fails.
    mine = tmp_path / "mine"
    init = briefgen("templates", "init", "embassy", "--from", "analyst", "--dir", str(mine),
                    cwd=tmp_path, serial=True)
    assert init.returncode == 0, init.stderr
    (mine / "embassy" / "title.html.j2").write_text("<header>\n<p>{{ plan.titel }}</p>\n</header>\n",
                                                     encoding="utf-8")
    failed = briefgen("generate", str(source), "-o", str(out), "--templates", str(mine), "-a", "embassy",
                      cwd=tmp_path, serial=False)
    assert failed.returncode == 2, failed.stderr
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "title.html.j2:2:" in lines[0], failed.stderr
    assert "Traceback" not in failed.stderr
    assert outputs(out) == before  # nothing new, nothing half-written, the earlier brief intact
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("serial", [True, False])
def test_a_failing_docx_render_leaves_no_file_and_the_previous_output(tmp_path, serial):
    source = tmp_path / "karsk.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    mine = tmp_path / "mine"
    init = briefgen("templates", "init", "embassy", "--from", "analyst", "--dir", str(mine),
                    cwd=tmp_path, serial=True)
    assert init.returncode == 0, init.stderr
    first = briefgen("-q", "generate", str(source), "-o", str(out), "--templates", str(mine),
                     "-a", "embassy", cwd=tmp_path, serial=serial)
    assert first.returncode == 0, first.stderr
    before = outputs(out)

    # The PDF renders; the audience's Word reference document is not one.
    (mine / "embassy" / "reference.docx").write_text("saved from the wrong program", encoding="utf-8")
    failed = briefgen("generate", str(source), "-o", str(out), "--templates", str(mine), "-a", "embassy",
                      cwd=tmp_path, serial=serial)
    assert failed.returncode == 2, failed.stderr
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "reference.docx: not a usable Word document" in lines[0], failed.stderr
    assert outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
