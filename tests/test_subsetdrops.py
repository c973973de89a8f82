"""render/subsetdrops.py: fontTools subsetting without reading the tables it is told to drop."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("weasyprint")

from fontTools import subset  # noqa: E402
from fontTools.ttLib import TTFont, getTableClass  # noqa: E402

from briefgen.render.html import font_dir  # noqa: E402
from briefgen.render.subsetdrops import EarlyDropSubsetter, install, uninstall  # noqa: E402

# Latin letters, digits and punctuation, and a few glyphs from far into the font.
GLYPHS = list(range(3, 95)) + [180, 640, 1500]


def _options(**changes) -> subset.Options:
    """WeasyPrint 70's options (pdf/fonts.py, _fonttools_subset), with `changes` on top."""
    options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                             hinting=False, desubroutinize=True, notdef_outline=False)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    for name, value in changes.items():
        setattr(options, name, value)
    return options


def _subset(subsetter_class, data: bytes, options: subset.Options) -> tuple[bytes, list[str]]:
    subsetter = subsetter_class(options)
    subsetter.populate(gids=GLYPHS)
    font = TTFont(io.BytesIO(data))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), sorted(font.keys())


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf",
                                  "DejaVuSans-Oblique.ttf"])
@pytest.mark.parametrize("changes", [
    {},  # as WeasyPrint asks: GSUB and GPOS dropped, so the legacy kern table goes too
    {"legacy_kern": True},  # kern kept
    {"drop_tables": ["SVG"]},  # GSUB and GPOS kept (subset), kern dropped since GPOS is there
    {"hinting": True},
])
def test_the_subset_font_is_the_stock_subset_font_byte_for_byte(name, changes, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # fontTools stamps 'head' with the time
    data = (font_dir() / name).read_bytes()
    ours = _subset(EarlyDropSubsetter, data, _options(**changes))
    stock = _subset(subset.Subsetter, data, _options(**changes))
    assert ours == stock
    tables = ours[1]
    assert ("GPOS" in tables) == ("GPOS" not in _options(**changes).drop_tables)
    assert ("kern" in tables) == bool(changes.get("legacy_kern"))


def test_dropped_layout_tables_are_never_decompiled(monkeypatch):
    """The point of it: GSUB and GPOS, dropped anyway, are not read first."""
    data = (font_dir() / "DejaVuSans.ttf").read_bytes()
    read: list[str] = []
    for tag in ("GSUB", "GPOS"):
        table_class = getTableClass(tag)
        stock_decompile = table_class.decompile

        def spy(self, data, font, _stock=stock_decompile, _tag=tag):
            read.append(_tag)
            return _stock(self, data, font)

        monkeypatch.setattr(table_class, "decompile", spy)
    _subset(EarlyDropSubsetter, data, _options())
    assert read == []
    _subset(subset.Subsetter, data, _options())
    if not read:
        pytest.skip("this fontTools drops before reading: nothing to save")


def test_installed_once_and_removed_cleanly():
    from weasyprint.pdf import fonts

    try:
        assert install() and install()
        assert fonts.subset.Subsetter is EarlyDropSubsetter
        assert fonts.subset.Options is subset.Options  # everything else is fontTools' own
        uninstall()
        assert fonts.subset is subset
    finally:
        install()
