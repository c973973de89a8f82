"""HTML → PDF with WeasyPrint, through the allow-list fetcher.

Headings become the PDF outline (WeasyPrint makes bookmarks from h1/h2); title, author,
keywords and dates come from the HTML <meta> tags; `variant` (pdf/a-3b, pdf/ua-1, …) is
passed straight to WeasyPrint.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import BriefgenError, InputError
from .fetcher import AllowListFetcher


def _weasyprint():
    # Imported here: WeasyPrint loads Pango at import, which `import briefgen` must not need.
    import weasyprint

    install_fixes()
    return weasyprint


def install_fixes() -> None:
    """briefgen's fixes to WeasyPrint 69–70, each a no-op on other versions."""
    from . import hbsubset, pagerefs, pagevalues, subsetarrays, svgtext

    svgtext.install()  # chart labels shaped as whole runs (see svgtext)
    pagerefs.install()  # the contents list's page numbers in two layout passes (see pagerefs)
    pagevalues.install()  # named pages looked up without listing every child (see pagevalues)
    subsetarrays.install()  # font-subsetting arrays without a C type per length (see subsetarrays)
    hbsubset.install()  # fonts subset by HarfBuzz (the uharfbuzz wheel) where the system has none


def uninstall_fixes() -> None:
    """Stock WeasyPrint again (the benchmark measures both)."""
    from . import hbsubset, pagerefs, pagevalues, subsetarrays, svgtext

    svgtext.uninstall()
    pagerefs.uninstall()
    pagevalues.uninstall()
    subsetarrays.uninstall()
    hbsubset.uninstall()


def make_fetcher(roots: Iterable[Path], memory: Mapping[str, tuple[bytes, str]]) -> AllowListFetcher:
    return AllowListFetcher(roots, memory)


def layout(html: str, base_url: str, fetcher: AllowListFetcher, css: Sequence[str] = ()):
    """The laid-out document (pages), without writing a PDF: used to count pages when fitting.

    `css` are the brief's stylesheets in cascade order, given apart from `html` (which then
    carries none) so that they are parsed once per process; see `_Styles`."""
    weasyprint = _weasyprint()
    # WeasyPrint logs a warning per refused URL and per unsupported CSS property; those are
    # not errors of the brief, so keep them out of the user's terminal unless --verbose.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    styles = _Styles.for_context(base_url, fetcher)
    sheets = [styles.parsed(text, fetcher) for text in css]
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        font_config=styles.fonts, counter_style=styles.counters, stylesheets=sheets)


def prepare(base_url: str, roots: Iterable[Path], css: Sequence[str]) -> None:
    """Parse `css` (and load its fonts) ahead of the brief that will use it, then lay out and
    write a scrap page with it: the faces, the table and the chart text a brief draws are
    opened and measured once here (~0.1 s of a process's first PDF, measured), not there."""
    fetcher = make_fetcher(roots, {"prepare.svg": (_PREPARE_SVG, "image/svg+xml")})
    # `layout` parses the sheets into the process's `_Styles`, where the brief will find them.
    write_pdf(layout(_PREPARE_HTML, base_url, fetcher, css), b"0" * 32)


# Headings, the three faces, a capitalised word, lines that wrap, a table and a chart: the
# text paths of a brief (after this page, a brief's PDF parses no new C type; it parsed 15).
_PREPARE_HTML = ("<h1>Prepare</h1><h2 style='text-transform: capitalize'>the page</h2>"
                 "<p style='width: 3em'>faces: <b>bold</b>, <i>italic</i>, <b><i>both</i></b>.</p>"
                 "<table><tr><th>1</th><td>2</td></tr></table><img src='memory:prepare.svg'>")
# Chart text as matplotlib writes it (text, not outlines) in the family the charts name.
_PREPARE_SVG = (b"<svg xmlns='http://www.w3.org/2000/svg' width='60pt' height='20pt'>"
                b"<path d='M0 0L10 10' stroke='#000'/><text x='2' y='12' "
                b"style=\"font: 8px 'Brief Sans'\">12 drones</text></svg>")


class _Styles:
    """Parsed stylesheets and one font configuration, kept for the process.

    By default WeasyPrint makes a new font configuration per document, loads every
    @font-face font into it and parses every stylesheet again; for briefs that share their
    CSS that is ~0.14 s of each PDF (1.02 vs 0.88 s, interleaved over the corpus). The
    WeasyPrint documentation's own pattern is one FontConfiguration for the stylesheets and
    the render. Kept per base URL and allow-list (a sheet's relative URLs and @font-face
    files resolve against them); sheets are keyed by their text, the most recent few kept,
    so the sheet that changes with every brief (its title in the page footer) cycles out.
    """

    _contexts: dict[tuple[str, tuple[Path, ...]], _Styles] = {}
    KEEP = 8

    def __init__(self, base_url: str) -> None:
        from weasyprint.css.counters import CounterStyle
        from weasyprint.text.fonts import FontConfiguration

        self.base_url = base_url
        self.fonts = FontConfiguration()
        self.counters = CounterStyle()  # @counter-style rules of the sheets, which the render reads
        self.sheets: OrderedDict[str, Any] = OrderedDict()

    @classmethod
    def for_context(cls, base_url: str, fetcher: AllowListFetcher) -> _Styles:
        key = (base_url, tuple(fetcher.roots))
        if key not in cls._contexts:
            cls._contexts[key] = cls(base_url)
        return cls._contexts[key]

    def parsed(self, text: str, fetcher: AllowListFetcher):
        sheet = self.sheets.pop(text, None)
        if sheet is None:
            weasyprint = _weasyprint()
            sheet = weasyprint.CSS(string=text, base_url=self.base_url, url_fetcher=fetcher,
                                   font_config=self.fonts, counter_style=self.counters)
        self.sheets[text] = sheet
        while len(self.sheets) > self.KEEP:
            self.sheets.popitem(last=False)
        return sheet


def write_pdf(document, identifier: bytes, variant: str | None = None) -> bytes:
    """`identifier` is fixed by the caller (a hash of the HTML): WeasyPrint's default file
    identifier changes on every run and would break byte-identical output."""
    weasyprint = _weasyprint()
    options: dict[str, object] = {"pdf_identifier": identifier}
    if variant:
        known = set(getattr(weasyprint.pdf, "VARIANTS", {}) or {})
        if known and variant not in known:
            raise InputError(f"unknown PDF variant {variant!r} (choose from {', '.join(sorted(known))})")
        options["pdf_variant"] = variant
    try:
        return document.write_pdf(**options)
    except (ValueError, TypeError) as exc:
        raise BriefgenError(f"PDF generation failed: {exc}") from None
