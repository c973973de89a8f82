"""Named-page lookup from the first and last in-flow child (render/pagevalues.py): the same
answer as stock WeasyPrint for every box, the same pages, the same PDF bytes."""

from __future__ import annotations

import pytest

weasyprint = pytest.importorskip("weasyprint")

from weasyprint.formatting_structure import boxes  # noqa: E402

from briefgen.render import pagevalues  # noqa: E402

# Named pages (`page:`) on blocks, lists and table parts, with the children the rule skips at
# either end (floats count, absolutely positioned and running boxes do not), and empty boxes.
HTML = """<html><head><style>
@page { size: A6; margin: 10mm; @top-center { content: element(head); } }
@page wide { size: A6 landscape; }
@page annex { margin: 20mm; }
.wide { page: wide; } .annex { page: annex; }
.abs { position: absolute; top: 0; } .fl { float: left; width: 2em; }
.run { position: running(head); }
</style></head><body>
<p class="run">Running head</p>
<section><div class="abs">pinned</div><p>Opening paragraph.</p><div class="fl">f</div></section>
<section class="wide"><p class="abs">x</p><p class="annex">Annex start.</p>
  <ul><li>one</li><li class="annex">two</li><li class="fl">three</li></ul>
  <div class="abs">last, out of flow</div></section>
<div></div><div><span>inline only</span></div>
<table class="annex"><thead><tr><th>H</th></tr></thead>
  <tbody>ROWS</tbody></table>
<section class="wide"><div class="fl">only a float</div></section>
<section><div class="fl annex">a float first</div><p>Between.</p><div class="fl wide">and last</div></section>
<section><p>WORDS</p><p class="annex">End.</p></section>
</body></html>""".replace("ROWS", "".join(f"<tr><td>row {k}</td></tr>" for k in range(60))).replace(
    "WORDS", "Words. " * 300)


def walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def render(patched: bool):
    if patched:
        assert pagevalues.install()
    else:
        pagevalues.uninstall()
    try:
        return weasyprint.HTML(string=HTML).render()
    finally:
        pagevalues.install()  # as the PDF writer leaves it


def page_values_everywhere(document, patched: bool) -> list[tuple[str, object]]:
    if patched:
        pagevalues.install()
    else:
        pagevalues.uninstall()
    try:
        return [(type(box).__name__, box.page_values())
                for page in document.pages for box in walk(page._page_box)]
    finally:
        pagevalues.install()


def test_every_box_gets_the_stock_answer():
    document = render(patched=False)
    stock = page_values_everywhere(document, patched=False)
    ours = page_values_everywhere(document, patched=True)
    assert ours == stock
    # The document does exercise named pages, skipped children and childless boxes.
    assert {"wide", "annex"} <= {name for _, values in stock for name in values}
    assert any(kind == "TableRowGroupBox" for kind, _ in stock)


def test_same_pages_as_stock():
    stock = render(patched=False)
    ours = render(patched=True)
    assert [(p.width, p.height, len(list(walk(p._page_box)))) for p in ours.pages] == \
           [(p.width, p.height, len(list(walk(p._page_box)))) for p in stock.pages]
    assert len(ours.pages) > 3


def test_install_is_idempotent_and_uninstall_restores_stock():
    assert pagevalues.install() and pagevalues.install()
    assert hasattr(boxes.ParentBox.page_values, "briefgen_stock")
    pagevalues.uninstall()
    assert not hasattr(boxes.ParentBox.page_values, "briefgen_stock")
    assert pagevalues.install()


def test_another_method_body_is_left_alone(monkeypatch):
    """A WeasyPrint whose method reads other names follows another rule: not replaced."""
    pagevalues.uninstall()

    def other(self):
        return (None, None)

    monkeypatch.setattr(boxes.ParentBox, "page_values", other)
    assert not pagevalues.install()
    assert boxes.ParentBox.page_values is other
    monkeypatch.undo()
    assert pagevalues.install()
