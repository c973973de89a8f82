"""fontTools subsetting for WeasyPrint without first reading the tables it is told to drop.

Where the HarfBuzz subsetter (libharfbuzz-subset) is not installed, WeasyPrint 69–70 subsets
every embedded font with fontTools (`pdf/fonts.py`, `_fonttools_subset`), asking it to drop
GSUB and GPOS: a PDF carries glyphs already shaped, so those tables are of no use in it.
fontTools 4.6x's `Subsetter.subset` first converts the layout tables to their compact form
(`beyond64k._compact_layout_tables`), which decompiles GSUB and GPOS in full, then drops them
a step later. For DejaVu Sans that reading is about half the subsetting time: ~65 of
~130 ms per font here, and a brief embeds about five fonts.

`install()` gives WeasyPrint's fonts module a `Subsetter` that first deletes, unread, the
tables its options drop, visiting them in the order and by the rule `_prune_pre_subset` uses
(the legacy `kern` table goes when GPOS is present), then subsets as stock. Every other table
is handled exactly as before, so the font bytes are the same (tests/test_subsetdrops.py);
with an older fontTools, which drops first anyway, it changes nothing.
"""

from __future__ import annotations

from fontTools import subset as _stock


class EarlyDropSubsetter(_stock.Subsetter):
    """A fontTools `Subsetter` that deletes the dropped tables before reading any table."""

    def subset(self, font):
        drop = self.options.drop_tables
        for tag in self._sort_tables(font):
            # The same tests as `_prune_pre_subset`, less the hinting tables (never decompiled
            # by the compact-layout step, so left to the stock pass).
            if tag.strip() in drop or (tag == "kern" and not self.options.legacy_kern
                                        and "GPOS" in font):
                del font[tag]
        return super().subset(font)


class _SubsetModule:
    """`fontTools.subset` as WeasyPrint's fonts module sees it, with the early-drop Subsetter."""

    Subsetter = EarlyDropSubsetter

    def __getattr__(self, name):
        return getattr(_stock, name)


def install() -> bool:
    """Give WeasyPrint's fonts module the early-drop subsetter; returns whether active."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return False
    if getattr(fonts, "subset", None) is _stock and hasattr(_stock.Subsetter, "_sort_tables"):
        fonts.subset = _SubsetModule()
    return isinstance(getattr(fonts, "subset", None), _SubsetModule)


def uninstall() -> None:
    """fontTools' own subsetter again (the benchmark's stock floor, the tests)."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return
    if isinstance(getattr(fonts, "subset", None), _SubsetModule):
        fonts.subset = _stock
