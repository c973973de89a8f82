"""render/subsetarrays.py: WeasyPrint's font-subsetting arrays without a new C type per length."""

from __future__ import annotations

import pytest

pytest.importorskip("weasyprint")

from weasyprint.text.ffi import ffi  # noqa: E402

from briefgen.render.subsetarrays import OpenArrayFFI, install, uninstall  # noqa: E402


def test_a_fixed_length_array_given_all_its_values_is_made_as_an_open_array():
    view = OpenArrayFFI(ffi)
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    made = view.new(f"hb_codepoint_t[{len(values)}]", values)
    assert list(made) == values and len(made) == len(values)
    assert ffi.typeof(made) is ffi.typeof("hb_codepoint_t[]")
    assert ffi.typeof(view.new("hb_codepoint_t[3]", (7, 8, 9))) is ffi.typeof("hb_codepoint_t[]")


@pytest.mark.parametrize("cdecl, init", [
    ("hb_codepoint_t[4]", [1, 2]),  # fewer values than the length: zero-filled to 4, as stock
    ("hb_tag_t[100]", None),  # no values
    ("unsigned int *", 100),  # not an array
    ("char[4]", None),
])
def test_everything_else_is_made_as_written(cdecl, init):
    made = OpenArrayFFI(ffi).new(cdecl, init)
    assert ffi.typeof(made) is ffi.typeof(cdecl)
    if cdecl == "hb_codepoint_t[4]":
        assert list(made) == [1, 2, 0, 0]


def test_other_attributes_are_the_real_ffi():
    view = OpenArrayFFI(ffi)
    assert view.NULL == ffi.NULL and view.typeof is not None
    assert view.string(ffi.new("char[]", b"abc")) == b"abc"


def test_installed_once_and_removed_cleanly():
    from weasyprint.pdf import fonts

    stock = fonts.ffi.briefgen_stock if isinstance(fonts.ffi, OpenArrayFFI) else fonts.ffi
    try:
        assert install() and install()
        assert isinstance(fonts.ffi, OpenArrayFFI) and fonts.ffi.briefgen_stock is stock
        uninstall()
        assert fonts.ffi is stock
    finally:
        install()


def test_subsetting_fonts_for_new_text_parses_no_new_c_types():
    """Two documents with different glyph counts: the second adds no type to cffi's cache
    (stock WeasyPrint adds one per font and per new glyph count)."""
    import weasyprint

    from briefgen.render.pdf import install_fixes

    parsed = getattr(ffi, "_parsed_types", None)
    if parsed is None:
        pytest.skip("this cffi keeps its parsed types elsewhere")
    install_fixes()
    weasyprint.HTML(string="<p>warm <b>up</b></p>").write_pdf()
    before = set(parsed)
    weasyprint.HTML(string="<p>Quite another text, <b>with more glyphs</b> <i>in three faces</i>, "
                           "0123456789.</p>").write_pdf()
    assert not {t for t in set(parsed) - before if "[" in t}
