"""A box's start and end page names found from its first and last in-flow child, not from a
list of all its children.

WeasyPrint 69–70 asks, before placing each block, which named page (`page:` property) the
block before it ends on (`layout/block.py` `block_level_page_name`). `ParentBox.page_values`
answers by building the list of *every* in-flow or floated child and then reading only its
first and last, recursing into them. Asked for each of a long section's paragraphs, a table's
rows or a list's items, that is work proportional to the children every time: ~6 % of a
brief's PDF time went to building those lists (sampled over the corpus briefs).

`install()` replaces it with the same answer found by scanning from either end and stopping
at the first match. Same rule, same values (checked box by box against the stock method in
tests/test_pagevalues.py, and PDF bytes identical). As with svgtext and pagerefs, it is a
no-op when WeasyPrint's method does not look as expected (another version).
"""

from __future__ import annotations

# The names WeasyPrint 69–70's ParentBox.page_values reads; another body means another rule.
_STOCK_NAMES = {"super", "page_values", "children", "is_in_normal_flow", "is_floated", "len"}


def _in_page_flow(box) -> bool:
    # As the stock method: the specification counts in-flow boxes; WeasyPrint adds floats,
    # as page breaks can fall between them.
    return box.is_in_normal_flow() or box.is_floated()


def _page_values(box_class):
    own = box_class.page_values  # Box.page_values: the box's own `page` value, twice

    def page_values(self):
        start_value, end_value = own(self)
        children = self.children
        first = next((child for child in children if _in_page_flow(child)), None)
        if first is None:
            return start_value, end_value
        last = next(child for child in reversed(children) if _in_page_flow(child))
        if first is last:
            first_start, first_end = first.page_values()
            return first_start or start_value, first_end or end_value
        return first.page_values()[0] or start_value, last.page_values()[1] or end_value

    return page_values


def _names(code) -> set[str]:
    """The global and attribute names a function reads, its comprehensions' included."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names(const)
    return names


def install() -> bool:
    """Replace ParentBox.page_values once; returns whether the replacement is active."""
    try:
        from weasyprint.formatting_structure import boxes
    except ImportError:
        return False
    parent = getattr(boxes, "ParentBox", None)
    stock = getattr(parent, "page_values", None) if parent else None
    if stock is None:
        return False
    if getattr(stock, "briefgen_stock", None) is not None:
        return True
    code = getattr(stock, "__code__", None)
    if code is None or not _STOCK_NAMES <= _names(code):
        return False
    if getattr(boxes.Box, "page_values", None) is None:
        return False
    patched = _page_values(boxes.Box)
    patched.briefgen_stock = stock
    parent.page_values = patched
    return True


def uninstall() -> None:
    """Back to WeasyPrint's own method (the benchmark's stock floor, the tests)."""
    from weasyprint.formatting_structure import boxes

    stock = getattr(boxes.ParentBox.page_values, "briefgen_stock", None)
    if stock is not None:
        boxes.ParentBox.page_values = stock
