"""WeasyPrint's font-subsetting arrays made without a new C type for every length.

WeasyPrint 69–70 subsets each embedded font with HarfBuzz (`pdf/fonts.py`) and hands it the
glyphs to keep as `ffi.new(f'hb_codepoint_t[{n}]', values)`. To cffi every new `n` is a new C
type string, parsed by pycparser (~6 ms each here) and then kept for the life of the process.
A brief embeds a few fonts, each with its own glyph count, so its PDF parses about a dozen
new types: ~70 ms of a cold run's first PDF, ~25 ms of each later brief with new text.

`ffi.new('hb_codepoint_t[]', values)` makes the same array (its length taken from the values)
and parses its type once per process. `install()` gives the fonts module a view of its `ffi`
that makes that rewrite for a fixed-length array given exactly as many values as its length,
and passes everything else through untouched. The arrays hold the same values, HarfBuzz
receives the same pointers and counts: the PDF bytes are the same (tests/test_render_pdf.py).
"""

from __future__ import annotations

import re

# 'hb_codepoint_t[5036]': a type name followed by one fixed length, nothing else.
_SIZED_ARRAY = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_ ]*?)\s*\[\s*(\d+)\s*\]\s*")


class OpenArrayFFI:
    """An `ffi` whose `new('T[n]', values)` with `n` values is `new('T[]', values)`."""

    def __init__(self, ffi) -> None:
        self.briefgen_stock = ffi

    def new(self, cdecl, init=None):
        if isinstance(cdecl, str) and isinstance(init, (list, tuple)):
            sized = _SIZED_ARRAY.fullmatch(cdecl)
            if sized and int(sized.group(2)) == len(init):
                return self.briefgen_stock.new(f"{sized.group(1)}[]", init)
        return self.briefgen_stock.new(cdecl, init)

    def __getattr__(self, name):
        return getattr(self.briefgen_stock, name)


def install() -> bool:
    """Give WeasyPrint's font module the open-array view of its `ffi`; returns whether active."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return False
    ffi = getattr(fonts, "ffi", None)
    if ffi is None:
        return False
    if not isinstance(ffi, OpenArrayFFI):
        fonts.ffi = OpenArrayFFI(ffi)
    return True


def uninstall() -> None:
    """WeasyPrint's own `ffi` again (the benchmark's stock floor, the tests)."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:
        return
    ffi = getattr(fonts, "ffi", None)
    if isinstance(ffi, OpenArrayFFI):
        fonts.ffi = ffi.briefgen_stock
