"""WeasyPrint's HarfBuzz font subsetting through the uharfbuzz wheel, where the system has none.

WeasyPrint 69–70 subsets every embedded font with the system's libharfbuzz-subset when it can
load it, and otherwise falls back to fontTools (`pdf/fonts.py`), a path its authors mark as
going away ("Please install HarfBuzz-Subset"). A plain `pip install` on a machine without that
Debian/Homebrew package gets the fallback, and it is slow: ~50–100 ms of pure Python per font
(fontTools 4.6x also decompiles GSUB and GPOS in full only to drop them), five fonts in a
brief, ~0.3 s of every PDF. HarfBuzz does the same job in ~1 ms per font.

uharfbuzz (the HarfBuzz project's Python binding, Apache-2.0) ships HarfBuzz with its subsetter
inside the wheel. `install()` replaces only WeasyPrint's fallback, `_fonttools_subset`, with
the steps of WeasyPrint's own `_harfbuzz_subset`, call for call: keep the used glyphs at their
ids, drop the same tables, then cut the empty glyphs after the last one used. So a machine
without the system library writes the fonts WeasyPrint writes on a machine with it. Where the
system library is present WeasyPrint never reaches the fallback and nothing changes. A font
HarfBuzz cannot subset goes to fontTools as before.
"""

from __future__ import annotations

import importlib.util

# WeasyPrint 70's `_harfbuzz_subset` drops these on top of HarfBuzz's defaults.
DROP_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT",
               "SVG ")


def subset_font(data: bytes, index: int, glyphs, *, hinting: bool, missing: bool) -> bytes:
    """The font in `data` (face `index`) cut to `glyphs` (ids kept), as WeasyPrint's HarfBuzz
    path makes it. Raises RuntimeError when HarfBuzz cannot subset it."""
    import uharfbuzz as hb

    flags = hb.SubsetFlags
    notdef = flags.NOTDEF_OUTLINE if missing else flags.DEFAULT
    # Pass 1: only the glyphs used, each at its own id (the PDF's text refers to them by id).
    keep = hb.SubsetInput()
    keep.glyph_set.update(sorted(glyphs))
    keep.flags = flags.RETAIN_GIDS | flags.PASSTHROUGH_UNRECOGNIZED | flags.DESUBROUTINIZE | notdef
    keep.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(
        int.from_bytes(tag.encode("latin-1"), "big") for tag in DROP_TABLES)
    face = hb.subset(hb.Face(hb.Blob(data), index), keep)
    # Pass 2: the ids after the last glyph used go (they are empty after pass 1).
    cut = hb.SubsetInput()
    cut.glyph_set.update(range(max(glyphs) + 1))
    cut.flags = (flags.PASSTHROUGH_UNRECOGNIZED | flags.DESUBROUTINIZE | notdef
                 | (flags.DEFAULT if hinting else flags.NO_HINTING))
    result = hb.subset(face, cut).blob.data
    if not result:
        raise RuntimeError("HarfBuzz returned an empty font")
    return bytes(result)


def _harfbuzz_wheel_subset(self, to_unicode, hinting):
    """`Font._fonttools_subset`'s replacement (WeasyPrint calls it only when `to_unicode` has
    glyphs and the system's subsetter is missing)."""
    try:
        self.file_content = subset_font(self.file_content, self.index or 0, to_unicode,
                                        hinting=hinting, missing=bool(self.missing))
    except RuntimeError:
        _stock_fonttools_subset(self, to_unicode, hinting)


_stock_fonttools_subset = None


def install() -> bool:
    """Route WeasyPrint's fontTools fallback through uharfbuzz; returns whether active."""
    global _stock_fonttools_subset
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return False
    current = getattr(fonts.Font, "_fonttools_subset", None)
    if current is _harfbuzz_wheel_subset:
        return True
    if current is None or importlib.util.find_spec("uharfbuzz") is None:
        return False
    if getattr(fonts, "harfbuzz_subset", None) and fonts.harfbuzz.hb_version_atleast(4, 1, 0):
        return False  # WeasyPrint subsets with the system's HarfBuzz: no fallback to replace
    _stock_fonttools_subset = current
    fonts.Font._fonttools_subset = _harfbuzz_wheel_subset
    return True


def uninstall() -> None:
    """WeasyPrint's fontTools fallback again (the benchmark's stock floor, the tests)."""
    try:
        from weasyprint.pdf.fonts import Font
    except ImportError:
        return
    if getattr(Font, "_fonttools_subset", None) is _harfbuzz_wheel_subset:
        Font._fonttools_subset = _stock_fonttools_subset
