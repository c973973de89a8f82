"""Page references (the contents list's page numbers) laid out in two passes, not three.

The contents list reads `target-counter(attr(href), page)`. WeasyPrint 69–70 lays the page
that holds it out three times, where two are enough (the first pass cannot know the pages
of headings further on; the second can). Two slips in its bookkeeping cause the third
(`formatting_structure/build.py` `compute_content_list`, `css/targets.py`):

1. The name `missing_counters` is reused for the target's list inside the loop over the
   content, so the box is filed as also reading its *own* page's counters. Any change there —
   the total page count, known only after the first pass, is one — lays its page out again.
2. A target given by `attr(href)` is filed under the anchor name `None` (the name is taken
   from the unresolved `attr()` token), so a heading's page number never reaches the box
   directly: it only gets there through slip 1.

`install()` files the box's counters as WeasyPrint intends (its own page's counters from
`counter()`, the target's under the target's real name) and, when a target's page counters
change, re-lays out a box only if a counter it reads changed (WeasyPrint's own TODO at that
spot). The output is unchanged — the PDF bytes of the example, the seed and every corpus
brief are identical with and without it (checked in tests/test_render_pdf.py) — and each
layout is ~0.09 s shorter (0.75 → 0.66 s, corpus mean).

As with svgtext, `install()` is a no-op when WeasyPrint's internals do not look as expected
(another version): the worst case is the stock behaviour.
"""

from __future__ import annotations

import copy
import inspect

_COLLECT = ("self", "parent_box", "css_token", "parse_again_function", "missing_counters",
            "missing_target_counters")
_CACHE = ("self", "anchor_name", "page_counter_values", "page_maker_index", "page_maker")


def _anchor_name(targets, anchor_token, box):
    """The anchor a target token names, `attr()` resolved as `lookup_target` resolves it."""
    if anchor_token[0] == "attr()":
        from weasyprint.urls import get_url_tuple

        attr_name, type_, fallback = anchor_token[1]
        value = box.element.get(attr_name, fallback)
        if type_ == "string":
            anchor_token = ("string", value)
        elif type_ == "url":
            anchor_token = ("url", get_url_tuple(value, box.style.base_url))
    return targets.anchor_name_from_token(anchor_token)


def _recount(collector, targets, box):
    """The box's missing counters as `compute_content_list` means to collect them: names read
    with counter()/counters() that the box does not have (page-based ones), and per target
    anchor the names read with target-counter()/target-counters() that the target lacks."""
    own = box.cached_counter_values or {}
    local: list[str] = []
    by_target: dict[str, list[str]] = {}
    for type_, value in box.style["content"]:
        if type_ in ("counter()", "counters()"):
            name = value[0]
            if value[-1] != "none" and name not in own and name not in local:
                local.append(name)
        elif type_ in ("target-counter()", "target-counters()"):
            (anchor_token, name), counter_type = value[:2], value[-1]
            if counter_type == "none":
                continue
            anchor = _anchor_name(targets, anchor_token, box)
            item = collector.target_lookup_items.get(anchor)
            if item is None or item.state != "up-to-date":
                break  # as WeasyPrint: the rest of the content waits for the target
            if name not in (item.target_box.cached_counter_values or {}):
                names = by_target.setdefault(anchor, [])
                if name not in names:
                    names.append(name)
    return local, by_target


def _collect(stock, targets):
    def collect_missing_counters(self, parent_box, css_token, parse_again_function,
                                 missing_counters, missing_target_counters):
        slipped = (any(missing_counters is names for names in missing_target_counters.values())
                   or None in missing_target_counters)
        if slipped and css_token == "content" and self.collecting:
            try:
                missing_counters, missing_target_counters = _recount(self, targets, parent_box)
            except (AttributeError, KeyError, TypeError, ValueError, IndexError):
                pass  # a content value shaped otherwise: keep WeasyPrint's own lists
        return stock(self, parent_box, css_token, parse_again_function, missing_counters,
                     missing_target_counters)

    collect_missing_counters.briefgen_stock = stock
    return collect_missing_counters


def _cache(stock):
    def cache_target_page_counters(self, anchor_name, page_counter_values, page_maker_index,
                                   page_maker):
        # WeasyPrint's own method, but a box that reads the target's counters is laid out
        # again only when one of the counters it reads changed, not any of the page's.
        if self.collecting:
            return
        item = self.target_lookup_items.get(anchor_name)
        if not item or item.state != "up-to-date":
            return
        item.page_maker_index = page_maker_index
        before = item.cached_page_counter_values
        if before == page_counter_values:
            return
        item.cached_page_counter_values = copy.deepcopy(page_counter_values)
        for (_, css_token), lookup in self.counter_lookup_items.items():
            if css_token != "content":
                continue
            names = lookup.missing_target_counters.get(anchor_name)
            if names is None:
                continue
            if lookup.page_maker_index is None or lookup.page_maker_index >= len(page_maker):
                lookup.pending = True  # marker for make_page, as WeasyPrint
                continue
            for name in names:
                value = page_counter_values.get(name)
                if value is not None and value != before.get(name):
                    page_maker[lookup.page_maker_index][-1]["content_changed"] = True
                    lookup.parse_again(lookup.cached_page_counter_values)
                    break

    cache_target_page_counters.briefgen_stock = stock
    return cache_target_page_counters


def _parameters(function) -> tuple[str, ...]:
    try:
        return tuple(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return ()


def install() -> bool:
    """Patch WeasyPrint's target bookkeeping once; returns whether the patch is active."""
    try:
        from weasyprint.css import targets
    except ImportError:
        return False
    collector = getattr(targets, "TargetCollector", None)
    collect = getattr(collector, "collect_missing_counters", None)
    cache = getattr(collector, "cache_target_page_counters", None)
    if hasattr(collect, "briefgen_stock"):
        return True
    if (_parameters(collect) != _COLLECT or _parameters(cache) != _CACHE
            or not callable(getattr(targets, "anchor_name_from_token", None))):
        return False
    collector.collect_missing_counters = _collect(collect, targets)
    collector.cache_target_page_counters = _cache(cache)
    return True


def uninstall() -> None:
    """Back to WeasyPrint's own bookkeeping (the benchmark's stock floor, the tests)."""
    from weasyprint.css import targets

    collector = targets.TargetCollector
    for name in ("collect_missing_counters", "cache_target_page_counters"):
        stock = getattr(getattr(collector, name), "briefgen_stock", None)
        if stock is not None:
            setattr(collector, name, stock)
