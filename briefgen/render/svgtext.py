"""SVG text drawn as whole runs in WeasyPrint (the chart labels).

WeasyPrint 69–70 lays out and draws every character of an SVG `<text>` on its own, because
SVG allows a position per glyph (WeasyPrint issue #2249, "Don't separate combining characters in
SVG text"). For matplotlib's charts — one x and one y per label — that costs a Pango layout per
character (a fifth of each PDF's drawing time) and loses kerning and combining accents in party
names. The upstream issue proposes the fix applied here: when a text element positions no single
glyph (no list of x/y, no dx, dy, rotate, letter-spacing or textLength), shape it as one run.
Everything else — per-glyph positions, text-anchor, fills, bounding boxes — stays WeasyPrint's
own code: the run is handed to it as a string that iterates as a single "character".

`install()` is a no-op when WeasyPrint's SVG module does not look as expected (another version),
so the worst case is the stock behaviour.
"""

from __future__ import annotations

_GLYPH_ATTRIBUTES = ("dx", "dy", "rotate", "letter-spacing", "textLength")


class _Run(str):
    """A string that iterates as one item: WeasyPrint's per-character loop sees one letter."""

    __slots__ = ()

    def __iter__(self):
        yield str(self)


def _single(value: object) -> bool:
    return len(str(value).replace(",", " ").split()) <= 1


def _whole_runs(stock):
    def text(svg, node, font_size):
        element = node._etree_node
        attrib = node.attrib
        if (element.text and "\n" not in element.text
                and not any(name in attrib for name in _GLYPH_ATTRIBUTES)
                and _single(attrib.get("x", "")) and _single(attrib.get("y", ""))):
            original = element.text
            element.text = _Run(original)
            try:
                return stock(svg, node, font_size)
            finally:
                element.text = original
        return stock(svg, node, font_size)

    text.briefgen_whole_runs = True
    text.briefgen_stock = stock
    return text


def install() -> bool:
    """Patch WeasyPrint's SVG text drawing once; returns whether the patch is active."""
    try:
        import weasyprint.svg as svg_module
    except ImportError:
        return False
    stock = getattr(svg_module, "text", None)
    if getattr(stock, "briefgen_whole_runs", False):
        return True
    tags = getattr(svg_module, "TAGS", None)
    if not callable(stock) or not isinstance(tags, dict) or tags.get("text") is not stock:
        return False
    patched = _whole_runs(stock)
    # `draw_node` compares TAGS[tag] with the module's `text` to apply text-anchor: both change.
    svg_module.text = patched
    for tag, handler in list(tags.items()):
        if handler is stock:
            tags[tag] = patched
    return True


def uninstall() -> None:
    """Back to WeasyPrint's own SVG text (the benchmark measures both)."""
    import weasyprint.svg as svg_module

    patched = getattr(svg_module, "text", None)
    stock = getattr(patched, "briefgen_stock", None)
    if stock is None:
        return
    svg_module.text = stock
    for tag, handler in list(svg_module.TAGS.items()):
        if handler is patched:
            svg_module.TAGS[tag] = stock
