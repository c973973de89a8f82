"""HTML → PDF with WeasyPrint, through the allow-list fetcher.

Headings become the PDF outline (WeasyPrint makes bookmarks from h1/h2); title, author,
keywords and dates come from the HTML <meta> tags; `variant` (pdf/a-3b, pdf/ua-1, …) is
passed straight to WeasyPrint.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import BriefgenError, InputError
from .fetcher import AllowListFetcher


def _weasyprint():
    # Imported here: WeasyPrint loads Pango at import, which `import briefgen` must not need.
    import weasyprint

    from .svgtext import install

    install()  # chart labels shaped as whole runs (see svgtext)
    return weasyprint


def make_fetcher(roots: Iterable[Path], memory: Mapping[str, tuple[bytes, str]]) -> AllowListFetcher:
    return AllowListFetcher(roots, memory)


def layout(html: str, base_url: str, fetcher: AllowListFetcher):
    """The laid-out document (pages), without writing a PDF: used to count pages when fitting."""
    weasyprint = _weasyprint()
    # WeasyPrint logs a warning per refused URL and per unsupported CSS property; those are
    # not errors of the brief, so keep them out of the user's terminal unless --verbose.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()


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
