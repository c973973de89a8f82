"""PDF and DOCX of one audience carry the same headings, tables and figures in the same order,
including for user audiences made with `init_audience` or written as a bare audience.toml."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefgen.audience import init_audience
from briefgen.model import Brief
from briefgen.render import RenderOptions, render_documents

FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"
pytestmark = pytest.mark.slow
CAPTION = re.compile(r"^(Table|Figure) \d+: .+$")


def sample() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def pdf_structure(data: bytes) -> tuple[list[str], list[str], str]:
    reader = PdfReader(io.BytesIO(data))
    headings: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                headings.append(item.title)

    walk(reader.outline)
    text = "\n".join(page.extract_text() for page in reader.pages)
    captions = [line.strip() for line in text.splitlines() if CAPTION.match(line.strip())]
    return headings, captions, text


def docx_structure(data: bytes) -> tuple[list[str], list[str], str]:
    doc = Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    return headings, captions, header


def render(audience: str, template_dirs=()):
    options = RenderOptions(template_dirs=template_dirs)
    rendered = render_documents(sample(), audience, ("pdf", "docx"), options)
    return rendered, pdf_structure(rendered.files["pdf"]), docx_structure(rendered.files["docx"])


@pytest.mark.parametrize("audience", ["analyst", "executive", "press"])
def test_same_headings_tables_and_figures_in_both_formats(audience):
    rendered, (pdf_headings, pdf_captions, _), (docx_headings, docx_captions, _) = render(audience)
    planned = [label for _, label in rendered.plan.headings()]
    assert planned, "every audience has headings"
    assert pdf_headings == planned
    assert docx_headings == planned
    assert pdf_captions == docx_captions
    assert any(c.startswith("Figure 1:") for c in pdf_captions)


def test_edited_init_copy_changes_both_outputs(tmp_path):
    folder = init_audience("embassy", from_="analyst", dest_dir=tmp_path)
    manifest = folder / "audience.toml"
    text = manifest.read_text()
    config = tomllib.loads(text)
    assert config["marking"] == "UNCLASSIFIED"
    # Edit as a user would: drop the timeline, rename the reactions heading, change the marking.
    text = text.replace('marking = "UNCLASSIFIED"', 'marking = "TLP:AMBER"')
    text = text.replace('label = "Reactions by country"', 'label = "Positions of governments"')
    text = re.sub(r'\[\[sections\]\]\nid = "timeline"\n(?:[a-z_]+ = .*\n)*', "", text)
    manifest.write_text(text)

    rendered, (pdf_headings, pdf_captions, pdf_text), (docx_headings, docx_captions, header) = render(
        "embassy", [tmp_path])
    for headings in (pdf_headings, docx_headings):
        assert "Timeline" not in headings
        assert "Positions of governments" in headings and "Reactions by country" not in headings
    assert not any("Sequence of events" in c for c in pdf_captions + docx_captions)
    assert pdf_captions == docx_captions
    assert "TLP:AMBER" in pdf_text and "UNCLASSIFIED" not in pdf_text
    assert header == "TLP:AMBER"


def test_toml_only_audience_reordering_sections_works_for_both(tmp_path):
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "audience.toml").write_text(
        'extends = "analyst"\n'
        'description = "Strikes first"\n'
        'sections = ["strikes", "bluf", "reactions", "sources"]\n')
    rendered, (pdf_headings, pdf_captions, _), (docx_headings, docx_captions, _) = render("desk", [tmp_path])
    top = ["Strike statistics", "Bottom line up front", "Reactions by country", "Sources and evidence"]
    assert [h for h in pdf_headings if h in top] == top
    assert pdf_headings == docx_headings
    assert pdf_captions == docx_captions == ["Table 1: Weapons launched and intercepted",
                                             "Figure 1: Weapons launched and intercepted",
                                             "Figure 2: Reactions by stance"]
