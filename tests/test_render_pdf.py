"""PDF output: content, running header/footer, outline, metadata, fonts, one-page executive,
untrusted content, allow-list fetcher, reproducible bytes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.errors import InputError
from briefgen.model import Brief, Fact, KeyFigure, Reaction
from briefgen.render import RenderOptions, render_brief, render_documents

FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"
pytestmark = pytest.mark.slow


def sample() -> Brief:
    return Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(reader: PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(reader.outline)
    return out


@pytest.fixture(scope="module")
def analyst_pdf() -> bytes:
    options = RenderOptions(author="Duty Analyst", organisation="Kestrian Foreign Ministry")
    return render_documents(sample(), "analyst", ("pdf",), options).files["pdf"]


def test_analyst_pdf_content_header_footer_outline_metadata(analyst_pdf):
    reader, text = pdf_text(analyst_pdf)
    pages = len(reader.pages)
    assert pages >= 2
    for n, page in enumerate(reader.pages, 1):
        page_text = page.extract_text()
        assert page_text.count("UNCLASSIFIED") >= 2, "marking in header and footer"
        assert f"Page {n} of {pages}" in page_text
    for expected in ("Bottom line up front", "Table 2: Weapons launched and intercepted", "86%",
                     "a deliberate strike on the food supply", "[S1]", "Sources and evidence"):
        assert expected in text, expected
    titles = outline_titles(reader)
    assert titles[:3] == ["Bottom line up front", "Situation", "Key facts"]
    assert "Arvenia" in titles  # level-2 headings become nested bookmarks
    meta = reader.metadata
    assert meta.title == "Combined drone and missile attack on Port Keldar"
    assert meta.author == "Duty Analyst"
    assert "Kestria" in (meta.get("/Keywords") or "")


def test_pdf_embeds_only_the_packaged_fonts(analyst_pdf):
    reader = PdfReader(io.BytesIO(analyst_pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Only the @font-face families (DejaVu files from matplotlib): no system font slipped in.
    assert fonts and all("+Brief-" in f for f in fonts), fonts


def long_brief() -> Brief:
    brief = sample()
    filler = ("Officials added further detail about damage to warehouses, rail sidings and power lines "
              "along the coast, with repair crews expected to work through the week. ")
    brief.bluf = Fact(text=brief.bluf.text + " " + filler * 4)
    brief.key_facts = [Fact(text=f"Fact {i}: " + filler * 2) for i in range(12)]
    brief.key_figures = [KeyFigure(value=i * 10, label=f"figure {i}") for i in range(12)]
    brief.reactions = [Reaction(party=f"Country {i}", party_code=f"C{i:02d}", stance="concern",
                                statement=filler * 2) for i in range(20)]
    return brief


def test_executive_is_one_page_even_for_long_input():
    rendered = render_documents(long_brief(), "executive", ("pdf", "docx"))
    reader, text = pdf_text(rendered.files["pdf"])
    assert len(reader.pages) == 1
    assert "Page 1 of 1" in text
    assert "Bottom line" in text and "Figure 1: Weapons launched and intercepted" in text
    facts = next(s for s in rendered.plan.sections if s.id == "key_facts")
    assert 3 <= len(facts.items) <= 5
    assert "more parties" in text  # reactions were cut, and the page says so


HOSTILE = ('<img src="file:///etc/hostname"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
           '<script>document.write("pwned")</script>')


def test_hostile_content_is_printed_not_fetched(monkeypatch, tmp_path):
    from briefgen.render import pdf as pdf_mod

    fetchers = []
    original = pdf_mod.make_fetcher

    def spy(roots, memory):
        fetcher = original(roots, memory)
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdf_mod, "make_fetcher", spy)
    brief = sample()
    brief.reactions[0].quote = HOSTILE
    brief.key_facts[0].text = "Fact with markup " + HOSTILE
    brief.sources[0].url = "file:///etc/hostname"
    paths = render_brief(brief, "analyst", ("pdf", "html"), tmp_path)
    _, text = pdf_text(paths[0].read_bytes())
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", '<img src="file:///etc/hostname">') in flat
    assert "<script>" in flat and "pwned" in flat  # shown as text, never run
    requested = [url for f in fetchers for url in f.requested]
    refused = [url for f in fetchers for url in f.refused]
    assert refused == []
    assert all(url.startswith(("memory:", "file://")) for url in requested)
    # The charts were served from memory (SVG drawn as vectors into the page).
    assert {"memory:chart-strikes.svg", "memory:chart-reactions.svg"} <= set(requested)
    assert not any("hostname" in url or "127.0.0.1" in url for url in requested)
    html = paths[1].read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    hostname = Path("/etc/hostname")
    if hostname.is_file() and len(hostname.read_text().strip()) > 3:
        assert hostname.read_text().strip() not in text


def test_fetcher_allows_only_listed_folders_and_memory(tmp_path):
    from briefgen.render.fetcher import AllowListFetcher

    allowed = tmp_path / "assets"
    allowed.mkdir()
    (allowed / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = AllowListFetcher([allowed], {"chart-x.svg": (b"<svg/>", "image/svg+xml")})
    assert fetcher.fetch("memory:chart-x.svg").read() == b"<svg/>"
    assert fetcher.fetch((allowed / "logo.svg").as_uri()).read().startswith(b"<svg")
    for url in ("file:///etc/hostname", (allowed / ".." / "x").as_uri(), "http://127.0.0.1:9/a.css",
                "https://example.org/a.png", "data:text/plain,hi", "memory:other.svg", "file:///dev/zero"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


def test_source_date_epoch_gives_identical_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773705600")  # 2026-03-17T00:00:00Z
    first = render_documents(sample(), "press", ("pdf", "docx")).files
    second = render_documents(sample(), "press", ("pdf", "docx")).files
    assert first["pdf"] == second["pdf"]
    assert first["docx"] == second["docx"]
    reader = PdfReader(io.BytesIO(first["pdf"]))
    assert reader.metadata["/CreationDate"].startswith("D:20260317")
    # Every entry of the Word file carries that date (not the time of saving) and rw-r--r--.
    with zipfile.ZipFile(io.BytesIO(first["docx"])) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 17, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}


def test_pdf_variant_is_passed_to_weasyprint():
    data = render_documents(sample(), "press", ("pdf",), RenderOptions(pdf_variant="pdf/a-3b")).files["pdf"]
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert "/OutputIntents" in root
    with pytest.raises(InputError, match="unknown PDF variant"):
        render_documents(sample(), "press", ("pdf",), RenderOptions(pdf_variant="pdf/z-9"))


def test_failure_leaves_no_output(tmp_path):
    with pytest.raises(InputError):
        render_brief(sample(), "press", ("docx", "pdf"), tmp_path, RenderOptions(pdf_variant="bogus"))
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pdf"))


def test_render_brief_writes_named_files(tmp_path):
    paths = render_brief(sample(), "press", ("pdf", "docx", "json", "html"), tmp_path)
    assert [p.name for p in paths] == [f"2026-03-17-combined-drone-missile-attack-port-keldar-press.{ext}"
                                       for ext in ("pdf", "docx", "json", "html")]
    assert Brief.model_validate_json(paths[2].read_text()).title == sample().title
    assert "data:image/svg+xml;base64," in paths[3].read_text()  # standalone HTML


def test_stylesheets_parsed_once_per_process_and_pages_unchanged(monkeypatch):
    """The PDF writer hands WeasyPrint the CSS parsed once per process (one font
    configuration); the pages are those of the standalone HTML rendered the stock way."""
    import weasyprint

    from briefgen.audience import load_audience
    from briefgen.plan import build_plan
    from briefgen.render import _html, allowed_roots, charts_mod, source_date
    from briefgen.render import pdf as pdf_mod

    pdf_mod._Styles._contexts.clear()
    parsed: list[str] = []
    stock_css = weasyprint.CSS

    def counting_css(*args, **kwargs):
        parsed.append(kwargs.get("string", ""))
        return stock_css(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "CSS", counting_css)
    brief = sample()
    first = render_documents(brief, "press", ("pdf",)).files["pdf"]
    assert any("@font-face" in text for text in parsed) and len(parsed) >= 3
    before = len(parsed)
    brief.title = "Second brief of the day"
    render_documents(brief, "press", ("pdf",))
    # Only the sheet carrying this brief's title (the page footer) is new.
    assert len(parsed) == before + 1 and "Second brief of the day" in parsed[-1]

    monkeypatch.setattr(weasyprint, "CSS", stock_css)
    brief = sample()
    aud = load_audience("press")
    plan = build_plan(brief, aud)
    drawn = charts_mod.draw_charts(brief, plan.chart_names(), kinds=("svg",))
    html = _html(plan, brief, aud, drawn, source_date(), for_pdf=True)  # CSS inlined
    memory = {f"chart-{n}.svg": (c.svg, "image/svg+xml") for n, c in drawn.items()}
    stock = weasyprint.HTML(string=html, base_url=aud.folder.resolve().as_uri() + "/",
                            url_fetcher=pdf_mod.make_fetcher(allowed_roots(aud), memory)).write_pdf()
    reader_cached, text_cached = pdf_text(first)
    reader_stock, text_stock = pdf_text(stock)
    assert len(reader_cached.pages) == len(reader_stock.pages)
    assert text_cached == text_stock
    assert plan.marking in text_cached  # the running header came from the CSS


def test_a_long_title_is_shortened_in_the_running_footers():
    """The footer shares its line with the marking: a long title is cut to fit beside it, in
    the PDF and in the Word file alike."""
    from docx import Document

    from briefgen.plan import FOOTER_TITLE_CHARS, shorten

    brief = sample()
    brief.title = ("Drones strike the eastern port overnight as ministers meet in Brussels "
                   "to discuss new air defence deliveries")
    files = render_documents(brief, "analyst", ("pdf", "docx")).files
    short = shorten(brief.title, FOOTER_TITLE_CHARS)
    assert short.endswith("…") and len(short) <= FOOTER_TITLE_CHARS
    reader, _ = pdf_text(files["pdf"])
    assert short in reader.pages[1].extract_text()
    footer = Document(io.BytesIO(files["docx"])).sections[0].footer.paragraphs[0].text
    assert footer.startswith(short)


@pytest.mark.slow
@pytest.mark.parametrize("fix", ["pagerefs", "pagevalues", "subsetarrays"])
def test_a_weasyprint_fix_leaves_the_brief_pdf_byte_identical(fix, monkeypatch):
    """The analyst brief (contents list on page 1, named pages looked up before every block,
    fonts subset): the same PDF bytes with the fix (render/pagerefs.py, render/pagevalues.py,
    render/subsetarrays.py) and without."""
    import importlib

    module = importlib.import_module(f"briefgen.render.{fix}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    ours = render_documents(sample(), "analyst", ("pdf",)).files["pdf"]
    monkeypatch.setattr(module, "install", lambda: False)
    module.uninstall()
    try:
        stock = render_documents(sample(), "analyst", ("pdf",)).files["pdf"]
    finally:
        monkeypatch.undo()
        module.install()
    assert ours == stock


@pytest.mark.parametrize("audience", ["analyst", "executive", "press"])
def test_preparing_an_audience_compiles_its_templates_and_changes_no_byte(audience, monkeypatch):
    """`prepare_pdf` (run by the forked PDF helper while extraction runs) parses the sheets,
    compiles every template and writes a scrap page; the brief rendered after it is the brief
    rendered without it."""
    from briefgen.audience import load_audience
    from briefgen.render import prepare_pdf
    from briefgen.render.html import template_env

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    before = render_documents(sample(), audience, ("pdf",)).files["pdf"]
    env = template_env(load_audience(audience))
    env.cache.clear()
    prepare_pdf(audience)  # raises if the scrap page cannot be made: nothing is hidden here
    compiled = {template.name for template in env.cache.values()}
    assert compiled == set(env.list_templates(filter_func=lambda name: name.endswith(".j2")))
    assert render_documents(sample(), audience, ("pdf",)).files["pdf"] == before
