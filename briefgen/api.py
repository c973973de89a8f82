"""The library API; the CLI is a thin layer over these functions.

    from briefgen import generate
    paths = generate(["report.txt"], audience="executive", formats=["pdf"])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .model import SCHEMA_VERSION, Brief


def extract(sources: Sequence[str | Path], *, title: str | None = None,
            max_source_mb: float = 10.0, timeout: float = 15.0) -> Brief:
    """Read the sources (files, http(s) URLs, "-" for stdin) and extract one brief from them."""
    from .extract import extract as run_extract
    from .ingest import load_sources

    documents = load_sources([str(s) for s in sources], max_bytes=int(max_source_mb * 1048576),
                             timeout=timeout)
    return run_extract(documents, title=title)


def render(brief: Brief, *, audience: str = "analyst", formats: Sequence[str] = ("pdf", "docx"),
           out_dir: str | Path = "output", author: str | None = None,
           organisation: str | None = None, marking: str | None = None,
           pdf_variant: str | None = None, templates: Sequence[str | Path] = ()) -> list[Path]:
    """Render a brief for an audience into the output folder; returns the paths written."""
    from .render import write_documents

    files = render_files(brief, audience=audience, formats=formats, author=author,
                         organisation=organisation, marking=marking, pdf_variant=pdf_variant,
                         templates=templates)
    return write_documents(brief, audience, files, Path(out_dir))


def render_files(brief: Brief, *, audience: str = "analyst", formats: Sequence[str] = ("pdf", "docx"),
                 author: str | None = None, organisation: str | None = None,
                 marking: str | None = None, pdf_variant: str | None = None,
                 templates: Sequence[str | Path] = ()) -> dict[str, bytes]:
    """Render a brief in memory: the bytes of each format, in the order asked, nothing written."""
    if "pdf" in formats:
        from .fastimport import import_weasyprint

        import_weasyprint()  # before the renderer imports it the slow way (see fastimport)
    from .render import RenderOptions, render_documents

    options = RenderOptions(author=author, organisation=organisation, marking=marking,
                            pdf_variant=pdf_variant, template_dirs=[Path(t) for t in templates])
    return render_documents(brief, audience, tuple(formats), options).files


def generate(sources: Sequence[str | Path], *, title: str | None = None, audience: str = "analyst",
             formats: Sequence[str] = ("pdf", "docx"), out_dir: str | Path = "output",
             max_source_mb: float = 10.0, timeout: float = 15.0, **render_options) -> list[Path]:
    """Sources in, brief files out: `extract` then `render`."""
    brief = extract(sources, title=title, max_source_mb=max_source_mb, timeout=timeout)
    return render(brief, audience=audience, formats=formats, out_dir=out_dir, **render_options)


def load_brief(path: str | Path) -> Brief:
    """Read a (possibly hand-edited) facts file. Errors name the file and the field path."""
    from pydantic import ValidationError

    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a facts JSON file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a facts file is JSON") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a facts file is a JSON object with a 'schema' field")
    version = data.get("schema")
    if version is None:
        raise InputError(f"{path}: schema: missing (expected \"{SCHEMA_VERSION}\")")
    if str(version).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(f"{path}: schema: version {version!r} is not supported "
                         f"(this briefgen reads {SCHEMA_VERSION})")
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _field_path(error["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputError(f"{path}: {where}: {error['msg']}{more}") from None


def _field_path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
