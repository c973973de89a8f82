"""DOCX output: Word styles, header/footer fields, a pre-filled TOC, SEQ captions, links,
core properties, reference.docx styles."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from briefgen.audience import init_audience
from briefgen.model import Brief
from briefgen.render import RenderOptions, render_documents

FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"
pytestmark = pytest.mark.slow


def sample() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def docx_of(audience: str = "analyst", options: RenderOptions | None = None):
    data = render_documents(sample(), audience, ("docx",), options).files["docx"]
    return Document(io.BytesIO(data)), data


@pytest.fixture(scope="module")
def analyst():
    return docx_of("analyst", RenderOptions(author="Duty Analyst", organisation="Kestrian Foreign Ministry"))


def instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def test_builtin_styles_are_used(analyst):
    doc, _ = analyst
    used = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet", "Quote", "Caption",
            "TOC 1", "TOC 2", "TOC Heading"} <= used
    assert all(t.style.name == "Light List Accent 1" for t in doc.tables)
    assert [c.text for c in doc.tables[1].rows[0].cells] == ["Launched by", "Weapon", "Launched",
                                                             "Intercepted", "Rate", "Reported by"]
    assert [c.text for c in doc.tables[1].rows[1].cells][1:5] == ["Drones", "164", "141", "86%"]


def test_toc_field_is_already_filled_with_the_headings(analyst):
    doc, _ = analyst
    body = doc.element.body
    assert any(i.startswith("TOC ") for i in instructions(body))
    toc = [p.text for p in doc.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert toc == headings and "Strike statistics" in toc and "Kestria" in toc
    # Entries link to bookmarks on the headings, so the TOC is clickable before any update.
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors - {None} <= bookmarks


def test_marking_and_page_fields_in_header_and_footer(analyst):
    doc, _ = analyst
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "UNCLASSIFIED"
    footer = section.footer.paragraphs[0]
    assert "UNCLASSIFIED" in footer.text and "Page 1 of 1" in footer.text
    assert instructions(footer._p) == ["PAGE", "NUMPAGES"]
    assert abs(section.page_width.cm - 21.0) < 0.01  # A4 from audience.toml


def test_captions_are_numbered_with_seq_fields(analyst):
    doc, _ = analyst
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions][:3] == ["Table 1: Sequence of events",
                                              "Figure 1: Timeline of the incident",
                                              "Table 2: Weapons launched and intercepted"]
    assert instructions(captions[0]._p) == [r"SEQ Table \* ARABIC"]
    assert instructions(captions[1]._p) == [r"SEQ Figure \* ARABIC"]
    assert len(doc.inline_shapes) == 3


def test_source_urls_are_clickable_and_citations_link_to_evidence(analyst):
    doc, _ = analyst
    rels = {r.target_ref for r in doc.part.rels.values() if r.is_external}
    assert "https://news.example.org/2026/03/17/port-keldar-attack" in rels
    evidence = [p.text for p in doc.paragraphs if p.style.name == "List Bullet 2"]
    assert any("Air defence units shot down 141" in t for t in evidence)
    assert any("[S1]" in p.text for p in doc.paragraphs if p.style.name == "List Bullet")


def test_core_properties(analyst, monkeypatch):
    doc, _ = analyst
    props = doc.core_properties
    assert props.title == "Combined drone and missile attack on Port Keldar"
    assert props.author == "Duty Analyst"
    assert "Kestria" in props.keywords and props.category == "UNCLASSIFIED"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773705600")
    doc2, _ = docx_of("press")
    assert doc2.core_properties.created == dt.datetime(2026, 3, 17, 0, 0, tzinfo=dt.UTC)


def test_press_docx_has_no_marking():
    doc, _ = docx_of("press")
    assert doc.sections[0].header.paragraphs[0].text == ""
    assert "UNCLASSIFIED" not in doc.sections[0].footer.paragraphs[0].text


def test_reference_docx_styles_are_used(tmp_path):
    folder = init_audience("house", from_="press", dest_dir=tmp_path)
    reference = Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    reference.add_paragraph("sample text that must not leak into the brief")
    reference.save(folder / "reference.docx")
    doc, _ = docx_of("house", RenderOptions(template_dirs=[tmp_path]))
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert "sample text" not in "\n".join(p.text for p in doc.paragraphs)


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * 4 for _ in range(4))  # 4x4 RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _with_logo(tmp_path, files: dict[str, bytes], logo: str) -> RenderOptions:
    folder = init_audience("house", from_="analyst", dest_dir=tmp_path)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    toml = folder / "audience.toml"
    toml.write_text(f'logo = "{logo}"\n' + toml.read_text(encoding="utf-8").replace('logo = ""\n', ""),
                    encoding="utf-8")
    return RenderOptions(template_dirs=[tmp_path])


@pytest.mark.parametrize("files, logo, expected", [
    ({"crest.png": "png"}, "crest.png", True),
    ({"crest.svg": "svg", "crest.png": "png"}, "crest.svg", True),  # the PNG twin goes into Word
    ({"crest.svg": "svg"}, "crest.svg", False),  # SVG only: PDF/HTML have it, Word does not
])
def test_logo_in_the_word_title_block(tmp_path, files, logo, expected):
    data = {"png": _tiny_png(), "svg": b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"}
    options = _with_logo(tmp_path, {name: data[kind] for name, kind in files.items()}, logo)
    doc = Document(io.BytesIO(render_documents(sample(), "house", ("docx",), options).files["docx"]))
    first = doc.paragraphs[0]
    has_picture = bool(first._p.xpath(".//pic:pic"))
    assert has_picture is expected
    if expected:
        assert abs(doc.inline_shapes[0].height.mm - 14) < 0.1


def test_missing_logo_is_named(tmp_path):
    from briefgen.errors import InputError

    options = _with_logo(tmp_path, {}, "nowhere.png")
    with pytest.raises(InputError, match="logo 'nowhere.png' not found"):
        render_documents(sample(), "house", ("docx",), options)


def test_table_columns_are_as_wide_as_their_content_needs(analyst):
    """Not python-docx's even split: a short "When" beside a long "What happened", the
    reporter's name not squeezed to the width of a percentage; every row fills the text width."""
    doc, _ = analyst
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in doc.tables:
        widths = [column.width for column in table.columns]
        assert abs(sum(widths) - text_width) < 10
        for row in table.rows:
            assert [cell.width for cell in row.cells] == widths
    timeline = next(t for t in doc.tables if t.rows[0].cells[0].text == "When")
    assert timeline.columns[1].width > 2 * timeline.columns[0].width
    strikes = doc.tables[1]
    rate, reported_by = strikes.columns[4].width, strikes.columns[5].width
    assert reported_by > 2 * rate


def test_column_widths_share_out_the_line():
    from briefgen.render.docx import column_widths

    line = 1_000_000
    fits = column_widths([["a", "bb"], ["ccc", "dddd"]], line, char_width=10_000)
    assert fits == [461_538, 538_462]  # in proportion to the longest cells (3+3, 4+3 chars)
    crowded = column_widths([["Supercalifragilistic", "x " * 200]], line, char_width=10_000)
    assert crowded[0] >= 23 * 10_000  # the longest word keeps its room
    assert sum(crowded) == line
