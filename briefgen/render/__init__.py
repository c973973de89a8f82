"""Render a Brief for an audience into PDF, DOCX, HTML and JSON.

Everything is produced in memory first (plan → charts → HTML/PDF → DOCX) and written at the
end with atomic renames, so a failure in any format leaves no partial output behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import charts as charts_mod
from .. import interrupt
from ..audience import DEFAULT_AUDIENCE, Audience, load_audience
from ..errors import InputError
from ..model import Brief
from ..output import atomic_write, claim_name, ensure_dir
from ..plan import MAX_FIT, Plan, build_plan
from ..resources import assets_dir

FORMATS = ("pdf", "docx", "html", "json")


@dataclass
class RenderOptions:
    author: str | None = None
    organisation: str | None = None
    marking: str | None = None  # overrides the audience marking when set
    pdf_variant: str | None = None  # passed to WeasyPrint (pdf/a-3b, pdf/ua-1, ...)
    template_dirs: Sequence[Path] = ()  # user --templates folders, searched first


@dataclass
class Rendered:
    """In-memory result of `render_documents`: bytes per format plus what made them."""

    plan: Plan
    files: dict[str, bytes]
    pages: int | None  # PDF page count, when a PDF (or a page fit) was made


def render_brief(brief: Brief, audience: str = DEFAULT_AUDIENCE, formats: Sequence[str] = ("pdf", "docx"),
                 out_dir: Path = Path("output"), options: RenderOptions | None = None) -> list[Path]:
    """Render and write the brief; returns the paths written, in the order of `formats`."""
    rendered = render_documents(brief, audience, formats, options)
    return write_documents(brief, audience, rendered.files, out_dir)


def write_documents(brief: Brief, audience: str, files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write rendered bytes under the name this brief claims in `out_dir`, in the given order.
    Only called once every format has rendered: a failure leaves no partial set behind."""
    interrupt.check()  # a Ctrl-C that something swallowed on the way stops here, before any write
    out_dir = ensure_dir(Path(out_dir))
    name = claim_name(out_dir, brief, audience)
    return [atomic_write(out_dir / f"{name}.{fmt}", data) for fmt, data in files.items()]


def docx_independent(audience: str, formats: Sequence[str], template_dirs: Sequence[Path] = ()) -> bool:
    """Whether the DOCX can be rendered apart from (at the same time as) the PDF: it can unless
    the audience fits a page limit, whose tightened plan comes out of the PDF layout."""
    wanted = check_formats(formats)
    if "docx" not in wanted or "pdf" not in wanted:
        return False
    aud = load_audience(audience, [Path(t) for t in template_dirs])
    return not int(aud.config.get("max_pages") or 0)


def render_documents(brief: Brief, audience: str = DEFAULT_AUDIENCE,
                     formats: Sequence[str] = ("pdf", "docx"),
                     options: RenderOptions | None = None) -> Rendered:
    """All requested formats as bytes, nothing written."""
    options = options or RenderOptions()
    wanted = check_formats(formats)
    aud = load_audience(audience, options.template_dirs)
    created = source_date()
    plan = build_plan(brief, aud, marking=options.marking, author=options.author,
                      organisation=options.organisation)
    needs_layout = "pdf" in wanted or (int(aud.config.get("max_pages") or 0) > 0
                                       and ("docx" in wanted or "html" in wanted))
    kinds = {"svg"} if needs_layout or "html" in wanted else set()
    if "docx" in wanted:
        kinds.add("png")
    # JSON alone needs no chart (and so no matplotlib: ~0.6 s of imports and drawing).
    drawn = charts_mod.draw_charts(brief, plan.chart_names(), kinds=kinds) if kinds else {}
    files: dict[str, bytes] = {}
    pages = None
    if needs_layout:
        # Page fitting changes the plan (fewer/shorter items), so it runs before the DOCX
        # is written: both formats then carry the same content.
        plan, document, layout_input = _fit(brief, aud, plan, drawn, options, created)
        pages = len(document.pages)
        if "pdf" in wanted:
            from .pdf import write_pdf

            # What the layout read (CSS and HTML), not rendered a second time.
            identifier = hashlib.sha256(layout_input.encode()).hexdigest()[:32].encode()
            files["pdf"] = write_pdf(document, identifier, options.pdf_variant)
    if "docx" in wanted:
        from .docx import render_docx

        files["docx"] = render_docx(plan, aud, drawn, created)
    if "html" in wanted:
        files["html"] = _html(plan, brief, aud, drawn, created, for_pdf=False).encode()
    if "json" in wanted:
        files["json"] = brief.to_json().encode()
    return Rendered(plan, {fmt: files[fmt] for fmt in wanted}, pages)


def prepare_pdf(audience: str = DEFAULT_AUDIENCE, template_dirs: Sequence[Path] = ()) -> None:
    """Parse the audience's stylesheets that do not change from brief to brief, load its fonts
    and compile its templates, before any brief exists: a forked render helper does it while
    extraction runs (compiling the templates alone is ~0.05 s of a first render)."""
    from .html import audience_css, font_css, template_env
    from .pdf import prepare

    aud = load_audience(audience, [Path(t) for t in template_dirs])
    prepare(base_url(aud), allowed_roots(aud), [font_css(), *audience_css(aud)])
    env = template_env(aud)
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)  # kept by the environment for the process


def source_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; always UTC, whole seconds."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return dt.datetime.fromtimestamp(int(raw), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError(f"SOURCE_DATE_EPOCH must be a Unix timestamp, got {raw!r}") from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def check_formats(formats: Sequence[str]) -> list[str]:
    wanted: list[str] = []
    for fmt in formats:
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        if fmt not in wanted:
            wanted.append(fmt)
    if not wanted:
        raise InputError("no output format given")
    return wanted


def _html(plan: Plan, brief: Brief, aud: Audience, drawn: dict[str, charts_mod.Chart],
          created: dt.datetime, for_pdf: bool, css: list[str] | None = None) -> str:
    """The brief's HTML; the CSS inlined is `css`, by default all of the brief's stylesheets
    (a standalone file, as `--format html` writes and the benchmark's WeasyPrint floor reads)."""
    from .html import chart_data_url, render_html, stylesheets

    if for_pdf:
        def chart_url(name: str) -> str:
            return f"memory:chart-{name}.svg"
    else:
        def chart_url(name: str) -> str:
            return chart_data_url(drawn[name])
    if css is None:
        css = stylesheets(plan, aud, for_pdf)
    return render_html(plan, brief, aud, chart_url=chart_url, created=created.isoformat(),
                       for_pdf=for_pdf, css=css)


def base_url(aud: Audience) -> str:
    """What relative URLs in the audience's templates and stylesheets resolve against."""
    return aud.folder.resolve().as_uri() + "/"


def allowed_roots(aud: Audience) -> list[Path]:
    from .html import font_dir

    return [*aud.chain, assets_dir(), font_dir()]


def _fit(brief: Brief, aud: Audience, plan: Plan, drawn: dict[str, charts_mod.Chart],
         options: RenderOptions, created: dt.datetime):
    """Lay out the PDF; with `max_pages`, tighten the plan step by step until it fits."""
    from .html import stylesheets
    from .pdf import layout, make_fetcher

    memory = {f"chart-{name}.svg": (chart.svg, "image/svg+xml") for name, chart in drawn.items()}
    max_pages = int(aud.config.get("max_pages") or 0)
    fit = 0
    while True:
        fetcher = make_fetcher(allowed_roots(aud), memory)
        # The CSS goes to WeasyPrint apart from the HTML: the sheets that do not change from
        # brief to brief are parsed once per process (see pdf.layout).
        css = stylesheets(plan, aud, for_pdf=True)
        html_text = _html(plan, brief, aud, drawn, created, for_pdf=True, css=[])
        document = layout(html_text, base_url(aud), fetcher, css)
        if not max_pages or len(document.pages) <= max_pages or fit >= MAX_FIT:
            break
        fit += 1
        plan = build_plan(brief, aud, marking=options.marking, author=options.author,
                          organisation=options.organisation, fit=fit)
    if max_pages and len(document.pages) > max_pages:
        # Still too long after every tightening step: keep the first pages rather than break
        # the audience's promise (the trimmed plan is already as short as it gets).
        document = document.copy(document.pages[:max_pages])
    return plan, document, "".join(css) + html_text
