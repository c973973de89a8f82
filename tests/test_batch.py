"""Batch mode (`generate --each --jobs N`) through the real command in a subprocess: real worker
processes, real pipes (so stderr is not a terminal), real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Invented articles, written for this test.
ARTICLES = {
    "harbour.txt": (
        "title: Drones strike grain terminal in fictional port of Veldmark\n"
        "published: 2031-05-02\n"
        "publisher: Test Wire\n"
        "---\n"
        "VELDMARK, May 2 — Russia launched 40 attack drones at the port of Veldmark overnight, "
        "and air defences shot down 31 of them, the regional governor said on Friday.\n\n"
        "The foreign ministry of Estonia condemned the attack. \"This is a deliberate strike on "
        "civilian food supplies,\" Foreign Minister Anna Kask said.\n"
    ),
    "border.txt": (
        "title: Missile debris found near border village of Orlitz\n"
        "published: 2031-06-11\n"
        "publisher: Test Wire\n"
        "---\n"
        "ORLITZ, June 11 — Fragments of a cruise missile were found in a field near the village "
        "of Orlitz after a night of strikes in which Russia fired 12 cruise missiles.\n\n"
        "Poland said it had scrambled fighter jets. NATO said it was in close contact with "
        "its ally and was monitoring the situation.\n"
    ),
    "coast.txt": (
        "title: Rocket barrage hits coastal town of Marlen\n"
        "published: 2031-07-20\n"
        "publisher: Test Wire\n"
        "---\n"
        "MARLEN, July 20 — About 25 rockets were fired at the coastal town of Marlen on Sunday, "
        "the army said, and 18 were intercepted.\n\n"
        "The United Nations called for restraint from all sides.\n"
    ),
}


def run_briefgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("BRIEFGEN_SERIAL", None)
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_each_with_two_jobs_writes_every_good_brief_and_reports_the_bad_source(tmp_path):
    sources = []
    for name, text in ARTICLES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        sources.append(str(path))
    missing = str(tmp_path / "no-such-article.txt")
    sources.insert(1, missing)  # the bad one in the middle: the ones after it still run
    out = tmp_path / "out"

    result = run_briefgen("generate", "--each", *sources, "--jobs", "2", "--format", "pdf,docx,json",
                          "--out", str(out), cwd=tmp_path)

    assert result.returncode == 1, result.stderr
    # The failure is named, with its reason, and summarised; no traceback.
    assert f"briefgen: error: {missing}: no such file" in result.stderr  # the path named once
    assert "1 of 4 sources failed" in result.stderr
    assert "Traceback" not in result.stderr
    # Not a terminal: no progress bar drawn on stderr.
    assert "━" not in result.stderr and "briefs" not in result.stderr
    # Three briefs, each in both formats, each from its own article, all listed on stdout.
    printed = [Path(line) for line in result.stdout.split()]
    assert sorted(p.suffix for p in printed) == [".docx"] * 3 + [".json"] * 3 + [".pdf"] * 3
    assert all(p.is_file() and p.stat().st_size > 0 for p in printed)
    assert len(list(out.glob("*.pdf"))) == 3 and len(list(out.glob("*.docx"))) == 3
    titles = {json.loads(p.read_text(encoding="utf-8"))["title"] for p in printed if p.suffix == ".json"}
    assert titles == {text.splitlines()[0].removeprefix("title: ") for text in ARTICLES.values()}
    assert all(p.read_bytes().startswith(b"%PDF-") for p in printed if p.suffix == ".pdf")


def test_each_reports_paths_in_the_order_of_the_sources(tmp_path):
    names = list(ARTICLES)
    for name in names:
        (tmp_path / name).write_text(ARTICLES[name], encoding="utf-8")
    result = run_briefgen("generate", "--each", *names, "--jobs", "2", "--format", "json",
                          "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.split()
    titles = [json.loads((tmp_path / p).read_text(encoding="utf-8"))["title"] for p in printed]
    assert titles == [ARTICLES[n].splitlines()[0].removeprefix("title: ") for n in names]


def _write_articles(folder: Path) -> list[str]:
    paths = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def test_sources_are_worked_on_largest_first_and_urls_before_files(tmp_path):
    from briefgen.batch import _largest_first

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("x" * 10, encoding="utf-8")
    large.write_text("x" * 1000, encoding="utf-8")
    sources = [str(small), "https://example.org/report", str(large)]
    assert [sources[i] for i in _largest_first(sources)] == [sources[1], str(large), str(small)]


def test_an_extractor_that_dies_leaves_the_rest_reported_not_the_batch_hung(tmp_path, monkeypatch):
    """--jobs 2 in this process: the extractor is killed on the third source; the two briefs
    extracted before it are written, the third is reported as not processed."""
    from briefgen import batch
    from briefgen.config import Settings

    sources = _write_articles(tmp_path)
    stock = batch._extract

    def extract(source, settings, title):
        if source.endswith("coast.txt"):
            os._exit(3)
        return stock(source, settings, title)

    monkeypatch.setattr(batch, "_extract", extract)
    monkeypatch.setattr(batch, "_largest_first", lambda sources: list(range(len(sources))))
    settings = Settings(formats=("json",), out=tmp_path / "out")
    result = batch.run_batch(sources, settings, jobs=2)
    assert [p.suffix for p in result.paths] == [".json", ".json"]
    assert result.failures == [(sources[2], "not processed: the extraction process stopped")]


def test_without_a_model_a_parallel_batch_fails_in_one_line_as_a_serial_one_does(tmp_path, monkeypatch):
    from briefgen import batch, nlp
    from briefgen.config import Settings
    from briefgen.errors import BriefgenError

    def no_model():
        raise BriefgenError(nlp.INSTALL_HINT)

    monkeypatch.setattr(nlp, "load_nlp", no_model)
    settings = Settings(formats=("json",), out=tmp_path / "out")
    with pytest.raises(BriefgenError, match="no English spaCy model found"):
        batch.run_batch(_write_articles(tmp_path), settings, jobs=2)
    assert not (tmp_path / "out").exists()


def test_a_render_worker_that_dies_is_reported_and_the_batch_ends(tmp_path, monkeypatch):
    from briefgen import batch
    from briefgen.config import Settings

    sources = _write_articles(tmp_path)
    stock = batch._render

    def render(brief, settings):
        if "Orlitz" in brief.title:
            os._exit(9)  # as if killed (out of memory)
        return stock(brief, settings)

    monkeypatch.setattr(batch, "_render", render)
    settings = Settings(formats=("json",), out=tmp_path / "out")
    result = batch.run_batch(sources, settings, jobs=2)
    failed = dict(result.failures)
    assert sources[1] in failed and failed[sources[1]].startswith("internal error")
    assert len(result.paths) + len(result.failures) == len(sources)


def test_no_more_workers_than_sources(tmp_path, monkeypatch):
    """One source with --jobs 4: made in this process, no extractor or workers forked."""
    from briefgen import batch
    from briefgen.config import Settings

    def split(*args):
        raise AssertionError("forked for a single source")

    monkeypatch.setattr(batch, "_run_split", split)
    source = _write_articles(tmp_path)[0]
    result = batch.run_batch([source], Settings(formats=("json",), out=tmp_path / "out"), jobs=4)
    assert [p.suffix for p in result.paths] == [".json"] and not result.failures


def test_jobs_auto_is_one_worker_per_usable_cpu(tmp_path, monkeypatch):
    """`--jobs auto` reaches the batch as the number of CPUs this process may use; a bad value is
    one line naming the option, before any work."""
    from click.testing import CliRunner

    from briefgen import batch, cli, overlap
    from briefgen.batch import BatchResult

    seen = {}

    def fake_run_batch(sources, settings, *, jobs, title, progress):
        seen["jobs"] = jobs
        return BatchResult()

    monkeypatch.setattr(batch, "run_batch", fake_run_batch)
    monkeypatch.setattr(overlap, "usable_cpus", lambda: 3)
    source = _write_articles(tmp_path)[0]
    runner = CliRunner()
    result = runner.invoke(cli.main, ["generate", "--each", source, "--jobs", "auto",
                                      "--format", "json", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert seen["jobs"] == 3
    for bad, message in (("0", "0 is not in the range 1 to 64"),
                         ("many", "'many' is not a number or 'auto'")):
        result = runner.invoke(cli.main, ["generate", "--each", source, "--jobs", bad])
        assert result.exit_code == 2 and message in result.output, result.output
    result = runner.invoke(cli.main, ["generate", source, "--jobs", "2"])
    assert result.exit_code != 0 and "--jobs applies with --each" in result.output, result.output


def test_ctrl_c_in_a_batch_names_the_briefs_already_written(tmp_path, monkeypatch):
    """Ctrl-C on the second of three sources (--jobs 1): the first brief was written whole, and
    the command lists it before the one interruption line (exit 130); nothing of the second."""
    from click.testing import CliRunner

    from briefgen import batch, cli

    sources = _write_articles(tmp_path)
    stock = batch._extract

    def extract(source, settings, title):
        if source == sources[1]:
            raise KeyboardInterrupt
        return stock(source, settings, title)

    monkeypatch.setattr(batch, "_extract", extract)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["generate", "--each", *sources, "--format", "json",
                                           "--out", str(out)])
    assert result.exit_code == 130, result.output
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(written) == 1 and written[0].endswith(".json")
    assert result.stdout.splitlines() == [str(out / written[0])]
    assert result.stderr == "briefgen: error: interrupted; no partial file was written\n"
