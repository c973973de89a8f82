"""Jinja HTML for a plan: the source of the PDF and the `html` output format.

One `FileSystemLoader` over the audience chain (user folder, audience, parents, `base`), so a
template name resolves to the nearest override. Autoescaping is always on — brief content is
untrusted text from news pages — and undefined variables are errors, reported as one line
naming the template file and line.
"""

from __future__ import annotations

import base64
import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..audience import Audience
from ..charts import STANCE_LABELS, WEAPON_LABELS, Chart
from ..errors import InputError
from ..model import Brief
from ..plan import FOOTER_TITLE_CHARS, Plan, format_date, format_number, shorten

ENTRY_TEMPLATE = "brief.html.j2"


def font_dir() -> Path:
    """DejaVu fonts shipped inside matplotlib: the same glyphs on every machine."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def template_env(audience: Audience) -> jinja2.Environment:
    return _env_for(tuple(str(p) for p in audience.chain))


@functools.lru_cache(maxsize=32)
def _env_for(chain: tuple[str, ...]) -> jinja2.Environment:
    """One environment per template search path, kept for the process: Jinja then compiles
    each template once (compiling them took longer than rendering them), and its loader
    still notices a template edited on disk in the meantime (auto_reload)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(chain)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


# Filters available in every template (listed in docs/templates.md).
FILTERS: dict[str, Callable[..., Any]] = {
    "number": format_number,
    "date": format_date,
    "shorten": shorten,
    "stance_label": lambda s: STANCE_LABELS.get(s, str(s)),
    "weapon_label": lambda w: WEAPON_LABELS.get(w, str(w)),
}


def css_string(text: str) -> str:
    """A CSS string literal; escapes quotes, backslashes, newlines and `<` (no `</style>`)."""
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _tint(hex_colour: str, amount: float = 0.9) -> str:
    """The accent mixed with white, for backgrounds."""
    value = hex_colour.lstrip("#")
    if len(value) != 6:
        return "#f2f4f7"
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _check_colour(value: str, where: str) -> str:
    text = str(value).strip()
    ok = text.startswith("#") and len(text) in (4, 7) and all(c in "0123456789abcdefABCDEF" for c in text[1:])
    if not ok:
        raise InputError(f"{where}: accent must be a hex colour like \"#1F4E79\", got {value!r}")
    return text


def font_css() -> str:
    """@font-face rules for the PDF: DejaVu from matplotlib's copy, named "Brief Sans/Serif".

    A sheet of its own because it never changes: the PDF writer parses it (and loads the
    fonts) once per process instead of once per brief."""
    base = font_dir().resolve().as_uri()
    parts = []
    # "Brief Sans" is also the family the chart SVGs name (charts.SVG_FONT_FAMILY).
    for family, stem in (("Brief Sans", "DejaVuSans"), ("Brief Serif", "DejaVuSerif")):
        italic = "Oblique" if stem == "DejaVuSans" else "Italic"
        for weight, style, suffix in (("normal", "normal", ""), ("bold", "normal", "-Bold"),
                                      ("normal", "italic", f"-{italic}"),
                                      ("bold", "italic", f"-Bold{italic}")):
            parts.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                         f'font-style: {style}; src: url("{base}/{stem}{suffix}.ttf"); }}')
    return "\n".join(parts) + "\n"


def generated_css(plan: Plan, audience: Audience) -> str:
    """CSS made from audience.toml and the plan: page size, accent, running header/footer."""
    cfg = audience.config
    accent = _check_colour(cfg.get("accent") or "#1F4E79", str(audience.folder / "audience.toml"))
    page_size = str(cfg.get("page_size") or "A4")
    if not all(c.isalnum() or c in " .-" for c in page_size):
        raise InputError(f"{audience.folder / 'audience.toml'}: invalid page_size {page_size!r}")
    short_title = shorten(plan.title, FOOTER_TITLE_CHARS)
    return (
        f":root {{ --accent: {accent}; --accent-tint: {_tint(accent)}; }}\n"
        f"@page {{ size: {page_size};\n"
        f"  @top-left {{ content: {css_string(plan.organisation)}; }}\n"
        f"  @top-center {{ content: {css_string(plan.marking)}; }}\n"
        f"  @bottom-left {{ content: {css_string(short_title)}; }}\n"
        f"  @bottom-center {{ content: {css_string(plan.marking)}; }}\n}}\n"
    )


def stylesheets(plan: Plan, audience: Audience, for_pdf: bool) -> list[str]:
    """The brief's CSS in cascade order: fonts (the PDF's own; the HTML file uses DejaVu when
    installed, else the browser default), the generated sheet, then the audience chain's
    style.css files, parent first."""
    sheets = [font_css()] if for_pdf else []
    return [*sheets, generated_css(plan, audience), *audience_css(audience)]


def audience_css(audience: Audience) -> list[str]:
    """The style.css files of the audience chain, parent first."""
    return [path.read_text(encoding="utf-8") for path in audience.stylesheets()]


def chart_data_url(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg).decode()


def render_html(plan: Plan, brief: Brief, audience: Audience, *, chart_url: Callable[[str], str],
                created: str, for_pdf: bool, css: list[str]) -> str:
    """The brief as one HTML document with `css` inlined (see `stylesheets`), so the file
    stands alone; the PDF writer passes none and hands WeasyPrint the sheets parsed."""
    logo = str(audience.config.get("logo") or "")
    logo_path = audience.find(logo) if logo else None
    if logo and logo_path is None:
        raise InputError(f"{audience.folder / 'audience.toml'}: logo {logo!r} not found in its folders")
    logo_url = ""
    if logo_path is not None:
        if for_pdf:
            logo_url = logo_path.resolve().as_uri()
        else:
            mime = "image/svg+xml" if logo_path.suffix == ".svg" else f"image/{logo_path.suffix[1:]}"
            logo_url = f"data:{mime};base64," + base64.b64encode(logo_path.read_bytes()).decode()
    context = {
        "brief": brief,
        "plan": plan,
        "audience": audience.config,
        "stylesheets": css,
        "chart_url": chart_url,
        "logo_url": logo_url,
        "created": created,
    }
    env = template_env(audience)
    try:
        return env.get_template(ENTRY_TEMPLATE).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or "template"
        raise InputError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"template not found: {exc.name} (searched {', '.join(map(str, audience.chain))})"
                         ) from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"{_template_location(exc)}: {exc.message}") from None


def _template_location(exc: BaseException) -> str:
    """File and line of the innermost template frame (Jinja rewrites tracebacks to point there)."""
    where = "template"
    for frame, lineno in traceback.walk_tb(sys.exc_info()[2] or exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".jinja")):
            where = f"{filename}:{lineno}"
    return where
