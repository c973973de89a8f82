"""Page references in two layout passes (render/pagerefs.py): the same pages as stock
WeasyPrint, with the page that holds a contents list laid out twice instead of three times."""

from __future__ import annotations

import collections
import re

import pytest

weasyprint = pytest.importorskip("weasyprint")

from briefgen.render import pagerefs  # noqa: E402

HEAD = """<style>
@page { size: A6; margin: 12mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
h2 { break-before: page; }
.toc a::after { content: leader(".") " " %s; }
</style>"""


def document(toc_content: str, sections: int = 4, entries_per_section: int = 1, extra: str = "") -> str:
    toc = "".join(f'<li><a href="#s{k}">Section {k}</a></li>'
                  for k in range(sections) for _ in range(entries_per_section))
    body = "".join(f'<h2 id="s{k}">Section {k}</h2><p>{"Text. " * 40 * (k + 1)}</p>' for k in range(sections))
    return f"<html><head>{HEAD % toc_content}</head><body><h1>Contents</h1>" \
           f"<ul class='toc'>{toc}</ul>{extra}{body}</body></html>"


def layout(html: str, patched: bool, monkeypatch):
    """Pages' text, and how many times each page was laid out."""
    from weasyprint.layout import page as page_module

    if patched:
        assert pagerefs.install()
    else:
        pagerefs.uninstall()
    made: collections.Counter[int] = collections.Counter()
    stock_make = page_module.make_page

    def counting(context, root_box, page_type, resume_at, page_number, *args, **kwargs):
        made[page_number] += 1
        return stock_make(context, root_box, page_type, resume_at, page_number, *args, **kwargs)

    monkeypatch.setattr(page_module, "make_page", counting)
    try:
        document_ = weasyprint.HTML(string=html).render()
    finally:
        monkeypatch.setattr(page_module, "make_page", stock_make)
        pagerefs.install()  # as the PDF writer leaves it

    def text(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from text(child)

    return [" ".join(text(page._page_box)) for page in document_.pages], made


def contents(first_page: str) -> dict[str, str]:
    """Contents entry → the page number printed after its leader."""
    return dict(re.findall(r"(Section \d+)[ .]+?\s(\w+)", first_page))


def heading_pages(pages: list[str]) -> dict[str, str]:
    return {text.split(" ")[0] + " " + text.split(" ")[1]: str(n)
            for n, text in enumerate(pages, 1) if text.startswith("Section ")}


@pytest.mark.parametrize("content", [
    "target-counter(attr(href), page)",
    "target-counter(attr(href), page, upper-roman)",
])
def test_same_pages_as_stock_with_fewer_passes(content, monkeypatch):
    html = document(content)
    stock, stock_made = layout(html, False, monkeypatch)
    ours, ours_made = layout(html, True, monkeypatch)
    assert ours == stock
    assert sum(ours_made.values()) < sum(stock_made.values())
    assert ours_made[1] == 2  # the first pass cannot know later headings' pages; the second can
    assert all(ours_made[n] == 1 for n in ours_made if n > 1)
    if "roman" not in content:  # the contents list carries each section's real page
        assert contents(ours[0]) == heading_pages(ours) == {f"Section {k}": str(k + 2) for k in range(4)}


def test_page_reference_with_the_page_total(monkeypatch):
    """'p. 3 of 6' in a contents entry: stock WeasyPrint 70 stops with an AttributeError
    (slip 1 files `pages` under the unnamed target); with the patch the numbers are right."""
    ours, made = layout(document('target-counter(attr(href), page) " of " counter(pages)'), True, monkeypatch)
    assert made[1] == 3  # the total is known after a whole pass, then the entries are redone
    assert contents(ours[0]) == heading_pages(ours)
    assert ours[0].count(f"of {len(ours)}") == 4 + 1  # four entries and the page footer


def test_contents_list_that_pushes_headings_to_later_pages(monkeypatch):
    """A contents list longer than a page moves every heading after it: numbers follow."""
    html = document("target-counter(attr(href), page)", sections=6, entries_per_section=6)
    stock, _ = layout(html, False, monkeypatch)
    ours, _ = layout(html, True, monkeypatch)
    assert ours == stock
    headings = heading_pages(ours)
    assert int(headings["Section 0"]) > 2
    assert contents(" ".join(ours[:int(headings["Section 0"]) - 1])) == headings


def test_in_text_page_reference_after_its_target(monkeypatch):
    """A reference placed after the heading it points to (no pending target) is unchanged."""
    html = document("target-counter(attr(href), page)").replace(
        "</body>", '<p class="toc"><a href="#s1">see Section 1</a></p></body>')
    stock, _ = layout(html, False, monkeypatch)
    ours, _ = layout(html, True, monkeypatch)
    assert ours == stock
    assert re.search(r"see Section 1[ .]+ 3\b", ours[-2] + ours[-1])


def test_install_is_idempotent_and_uninstall_restores_stock():
    from weasyprint.css import targets

    assert pagerefs.install() and pagerefs.install()
    collector = targets.TargetCollector
    assert hasattr(collector.collect_missing_counters, "briefgen_stock")
    pagerefs.uninstall()
    assert not hasattr(collector.collect_missing_counters, "briefgen_stock")
    assert not hasattr(collector.cache_target_page_counters, "briefgen_stock")
    assert pagerefs.install()
