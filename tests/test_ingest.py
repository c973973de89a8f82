"""Readers: text with a header block, Markdown, HTML, stdin, encodings, bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.errors import InputError
from briefgen.ingest import load_source

ARTICLE = (
    "The coastguard said two patrol boats were damaged overnight.\n\n"
    "\u201cWe will respond,\u201d the minister said on Friday."
)


def test_text_with_header_block(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("url: https://example.org/a\ntitle: Boats damaged\npublished: 2026-02-03\n---\n"
                    + ARTICLE, encoding="utf-8")
    doc = load_source(str(path))
    assert doc.url == "https://example.org/a"
    assert doc.title == "Boats damaged"
    assert doc.published == dt.date(2026, 2, 3)
    assert doc.text.startswith("The coastguard said")
    assert "\n\n" in doc.text  # paragraph boundary kept


def test_plain_text_without_header_keeps_everything(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("title words here\n" + ARTICLE, encoding="utf-8")
    assert load_source(str(path)).text.startswith("title words here")


def test_markdown_title_links_and_emphasis(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("# Harbour attacked\n\nThe **navy** said [two boats](http://x.test) sank.\n\n"
                    "- Officials said *three* sailors were hurt.\n", encoding="utf-8")
    doc = load_source(str(path))
    assert doc.title == "Harbour attacked"
    assert "The navy said two boats sank." in doc.text
    assert "Officials said three sailors were hurt." in doc.text
    assert "http://x.test" not in doc.text


@pytest.mark.parametrize("header", [
    "title: Ferry hit off Varna\npublished: 2030-06-02\npublisher: Test Wire\n---\n",  # as .txt
    "---\ntitle: Ferry hit off Varna\npublished: 2030-06-02\npublisher: Test Wire\n---\n",
])
def test_markdown_header_fields(tmp_path, header):
    path = tmp_path / "e.md"
    path.write_text(header + "\n# Ferry hit off Varna\n\nA drone hit a ferry off Varna, the port "
                    "authority said.\n", encoding="utf-8")
    doc = load_source(str(path))
    assert (doc.title, str(doc.published), doc.publisher) == ("Ferry hit off Varna", "2030-06-02",
                                                              "Test Wire")
    assert doc.text.strip() == "A drone hit a ferry off Varna, the port authority said."


def test_html_main_text_without_scripts(tmp_path):
    path = tmp_path / "d.html"
    path.write_text(
        "<html><head><title>Port strike</title><script>alert('x')</script>"
        "<link rel=stylesheet href='http://evil.test/s.css'></head><body><nav>Home | World</nav>"
        "<article><h1>Port strike</h1><p>The harbour master said three cranes were destroyed "
        "by drones early on Monday morning.</p><p>Officials said the port would reopen within "
        "a week after repairs to the damaged quay.</p><img src='file:///etc/hostname'>"
        "<iframe src='http://evil.test/'></iframe></article></body></html>", encoding="utf-8")
    doc = load_source(str(path))
    assert "three cranes were destroyed" in doc.text
    assert "alert" not in doc.text
    assert doc.kind == "html"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "e.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    assert "\u201cWe will respond,\u201d" in load_source(str(path)).text


def test_latin1(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes("Le ministre fran\u00e7ais a d\u00e9clar\u00e9 que la fronti\u00e8re est "
                     "ferm\u00e9e.".encode("latin-1"))
    assert "fran\u00e7ais" in load_source(str(path)).text


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"   \n\t  \n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
     (b"12 34 !!! ...", "no article text")],
)
def test_bad_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_source(str(path))


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        load_source(str(tmp_path))


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)
    with pytest.raises(InputError, match="MB source limit"):
        load_source(str(path), max_bytes=1024 * 1024)


def test_non_http_url_refused():
    with pytest.raises(InputError, match="only http and https"):
        load_source("ftp://example.org/a.txt")


def test_date_from_url_path_when_no_metadata(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("url: https://news.example/world/2026/02/17/port-hit\ntitle: Port hit\n---\n"
                    + ARTICLE, encoding="utf-8")
    assert load_source(str(path)).published == dt.date(2026, 2, 17)


@pytest.mark.parametrize("value, expected", [
    ("2026-02-03", dt.date(2026, 2, 3)),
    ("2026-02-03T07:15:00Z", dt.date(2026, 2, 3)),
    ("Feb. 3, 2026", dt.date(2026, 2, 3)),
    ("3 February 2026", dt.date(2026, 2, 3)),
    ("Tuesday, February 3, 2026 7:15 AM", dt.date(2026, 2, 3)),  # dateparser's part
    ("yesterday", None),  # relative dates would change with the day briefgen runs
    ("3 days ago", None),
])
def test_header_dates(tmp_path, value, expected):
    path = tmp_path / "a.txt"
    path.write_text(f"title: Boats damaged\npublished: {value}\n---\nTwo boats were damaged.\n")
    assert load_source(str(path)).published == expected


@pytest.mark.parametrize("line, expected", [
    ("Published 14 October 2026", dt.date(2026, 10, 14)),
    ("*Updated 3 November 2026, 08:15 GMT*", dt.date(2026, 11, 3)),
    ("Updated: Nov. 3, 2026 at 8:15 a.m. ET", dt.date(2026, 11, 3)),
    ("Tuesday 3 November 2026 10.02 CET", dt.date(2026, 11, 3)),
    ("12/10/2026", None),  # day or month first depends on the outlet: not guessed
])
def test_date_line_of_a_pasted_page(tmp_path, line, expected):
    path = tmp_path / "p.md"
    path.write_text(f"# Ferry hit in the strait\n\n{line}\n\nTwo ferries were hit at dawn on Tuesday, "
                    "the coastguard said.\n", encoding="utf-8")
    doc = load_source(str(path))
    assert doc.published == expected
    # The date line is page furniture, not a sentence of the story.
    assert doc.text.startswith("12/10/2026" if expected is None else "Two ferries")


def test_headline_of_a_pasted_text_is_the_title(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("Ferries hit in the strait; navy sends escorts\n\nTwo ferries were hit at dawn, "
                    "the coastguard said.\n", encoding="utf-8")
    doc = load_source(str(path))
    assert doc.title == "Ferries hit in the strait; navy sends escorts"
    # A first paragraph that is a sentence is story, not headline.
    path.write_text("Two ferries were hit at dawn.\n\nThe coastguard said so.\n", encoding="utf-8")
    assert load_source(str(path)).title is None


@pytest.mark.parametrize("first", ["By Jane Doe and Sam Lee", "KYIV, Ukraine (AP) —"])
def test_byline_or_dateline_paragraph_is_not_a_headline(tmp_path, first):
    path = tmp_path / "b.txt"
    path.write_text(f"{first}\n\nTwo ferries were hit at dawn, the coastguard said.\n", encoding="utf-8")
    assert load_source(str(path)).title is None
