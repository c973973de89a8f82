"""render/hbsubset.py: WeasyPrint's HarfBuzz subsetting through uharfbuzz where the system has none."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("weasyprint")
pytest.importorskip("uharfbuzz")

from fontTools.ttLib import TTFont  # noqa: E402
from weasyprint.pdf import fonts  # noqa: E402

from briefgen.render import hbsubset  # noqa: E402
from briefgen.render.html import font_dir  # noqa: E402

# Latin letters, digits and punctuation, and two glyphs from further into the font.
GLYPHS = list(range(3, 95)) + [180, 640]


def _outline(font: TTFont, gid: int):
    glyph = font["glyf"][font.getGlyphName(gid)]
    coordinates, ends, flags = glyph.getCoordinates(font["glyf"])
    return list(coordinates), list(ends)


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf"])
def test_the_used_glyphs_keep_their_ids_and_outlines_and_nothing_else_is_kept(name):
    data = (font_dir() / name).read_bytes()
    original = TTFont(io.BytesIO(data))
    cut = TTFont(io.BytesIO(hbsubset.subset_font(data, 0, GLYPHS, hinting=False, missing=False)))
    # The ids after the last one used go, but for the parts of composite glyphs kept with them.
    assert max(GLYPHS) < cut["maxp"].numGlyphs < original["maxp"].numGlyphs / 4
    for gid in GLYPHS:
        assert _outline(cut, gid) == _outline(original, gid)
        assert cut["hmtx"][cut.getGlyphName(gid)] == original["hmtx"][original.getGlyphName(gid)]
    assert _outline(cut, 120) == ([], [])  # an id below the last used but not used: empty
    tables = set(cut.keys())
    assert not tables & {"GSUB", "GPOS", "kern", "fpgm", "prep", "cvt "}  # dropped, no hinting
    assert {"glyf", "loca", "hmtx", "cmap", "head", "hhea", "maxp", "post", "name"} <= tables
    assert len(hbsubset.subset_font(data, 0, GLYPHS, hinting=False, missing=False)) < len(data) / 10


def test_hinting_is_kept_when_asked():
    data = (font_dir() / "DejaVuSans.ttf").read_bytes()
    hinted = TTFont(io.BytesIO(hbsubset.subset_font(data, 0, GLYPHS, hinting=True, missing=False)))
    assert {"fpgm", "prep"} <= set(hinted.keys())


def test_installed_only_where_weasyprint_would_fall_back_to_fonttools(monkeypatch):
    hbsubset.uninstall()
    stock = fonts.Font._fonttools_subset
    try:
        monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # as on a machine without the library
        assert hbsubset.install() and hbsubset.install()
        assert fonts.Font._fonttools_subset is hbsubset._harfbuzz_wheel_subset
        hbsubset.uninstall()
        assert fonts.Font._fonttools_subset is stock
        if fonts.harfbuzz.hb_version_atleast(4, 1, 0):
            monkeypatch.setattr(fonts, "harfbuzz_subset", object())  # the system's subsetter
            assert not hbsubset.install()
            assert fonts.Font._fonttools_subset is stock
    finally:
        monkeypatch.undo()
        hbsubset.uninstall()
        hbsubset.install()


FIXTURE = Path(__file__).parent / "fixtures" / "sample_brief.json"


def _brief_pdf(monkeypatch, ours: bool) -> bytes:
    """The analyst brief as a machine without libharfbuzz-subset writes it: through the
    uharfbuzz wheel (`ours`) or through WeasyPrint's stock fontTools fallback."""
    from briefgen.model import Brief
    from briefgen.render import render_documents

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    if not ours:
        monkeypatch.setattr(hbsubset, "install", lambda: False)
    hbsubset.uninstall()
    try:
        brief = Brief.model_validate_json(FIXTURE.read_text(encoding="utf-8"))
        return render_documents(brief, "analyst", ("pdf",)).files["pdf"]
    finally:
        monkeypatch.undo()
        hbsubset.uninstall()
        hbsubset.install()


def _embedded_fonts(pdf: bytes) -> dict[str, bytes]:
    from pypdf import PdfReader

    programs: dict[str, bytes] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                programs[str(font["/BaseFont"])] = descriptor["/FontFile2"].get_object().get_data()
    return programs


@pytest.mark.slow
def test_a_brief_without_the_system_subsetter_draws_the_same_glyphs_from_smaller_fonts(monkeypatch):
    from pypdf import PdfReader

    calls: list = []
    stock = fonts.Font._fonttools_subset
    if stock is hbsubset._harfbuzz_wheel_subset:
        stock = hbsubset._stock_fonttools_subset
    monkeypatch.setattr(hbsubset, "_stock_fonttools_subset",
                        lambda font, *args: (calls.append(font.family), stock(font, *args)))
    ours = _brief_pdf(monkeypatch, ours=True)
    assert calls == []  # no font went to fontTools
    fonttools = _brief_pdf(monkeypatch, ours=False)
    assert ours != fonttools
    # The pages' drawing instructions (glyph ids and positions) are the same …
    pages = [[page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]
             for pdf in (ours, fonttools)]
    assert pages[0] == pages[1]
    # … and so is every glyph they draw, from a smaller font program.
    ours_fonts, fonttools_fonts = _embedded_fonts(ours), _embedded_fonts(fonttools)
    assert len(ours_fonts) >= 3 and ours_fonts.keys() == fonttools_fonts.keys()
    for name, program in ours_fonts.items():
        mine, theirs = TTFont(io.BytesIO(program)), TTFont(io.BytesIO(fonttools_fonts[name]))
        assert len(program) < len(fonttools_fonts[name])
        drawn = [gid for gid in range(theirs["maxp"].numGlyphs) if _outline(theirs, gid)[0]]
        assert drawn and all(_outline(mine, gid) == _outline(theirs, gid) for gid in drawn)


def test_a_font_harfbuzz_cannot_subset_goes_to_fonttools(monkeypatch):
    class FakeFont:
        family, index, missing = "Brief Sans", 0, False
        file_content = (font_dir() / "DejaVuSans.ttf").read_bytes()

    calls: list = []
    monkeypatch.setattr(hbsubset, "_stock_fonttools_subset",
                        lambda font, to_unicode, hinting: calls.append((to_unicode, hinting)))

    def refuse(*args, **kwargs):
        raise RuntimeError("hb_subset_or_fail failed")

    monkeypatch.setattr(hbsubset, "subset_font", refuse)
    font = FakeFont()
    hbsubset._harfbuzz_wheel_subset(font, {3: "A"}, False)
    assert calls == [({3: "A"}, False)] and font.file_content == FakeFont.file_content
