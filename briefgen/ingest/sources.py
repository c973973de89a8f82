"""One reader per input kind: plain text, Markdown, saved HTML, http(s) URL, stdin."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from ..errors import InputError
from . import Document
from .decode import decode_bytes

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # news articles are kilobytes; refuse anything past 10 MB
# Text per source the extractor takes: news reports are a few thousand characters, and
# extraction time grows faster than linearly (a million characters took over 15 minutes);
# spaCy itself refuses more than 1,000,000 (nlp.max_length).
MAX_TEXT_CHARS = 200_000
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ""}

# A header block of `key: value` lines closed by `---` (the corpus format, and what people
# paste from wire services): url, title, date/published, source/publisher.
_HEADER_LINE = re.compile(r"^(url|title|date|published|source|publisher|byline)\s*:\s*(.*)$", re.I)


def load_sources(specs: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 timeout: float = 15.0) -> list[Document]:
    if not specs:
        raise InputError("no source given: pass a file, an http(s) URL or - for stdin")
    docs = []
    for number, spec in enumerate(specs, start=1):
        docs.append(load_source(spec, f"S{number}", max_bytes=max_bytes, timeout=timeout))
    return docs


def load_source(spec: str, source_id: str = "S1", *, max_bytes: int = DEFAULT_MAX_BYTES,
                timeout: float = 15.0) -> Document:
    if spec == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(len(data), max_bytes, "stdin")
        text = decode_bytes(data, "stdin")
        kind = "html" if _looks_like_html(text) else "stdin"
        doc = _from_html(text, source_id, None, "stdin") if kind == "html" else _from_text(text, source_id)
        doc.kind = kind if kind == "html" else "stdin"
        return _require_text(doc, "stdin")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec):
        from .url import fetch_url

        body, content_type, final_url = fetch_url(spec, max_bytes=max_bytes, timeout=timeout)
        text = decode_bytes(body, spec, declared=_charset(content_type))
        if "html" in content_type or _looks_like_html(text):
            doc = _from_html(text, source_id, final_url, spec)
        else:
            doc = _from_text(text, source_id)
        doc.url = doc.url or final_url
        doc.kind = "url"
        return _require_text(doc, spec)
    return _load_file(Path(spec), source_id, max_bytes)


_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|$)")
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")


def _guess_published(doc: Document) -> dt.date | None:
    """When no metadata gives the date: a /YYYY/MM/DD/ path in the URL (how most news sites
    file articles), else an ISO date in the first line of the text (a pasted dateline)."""
    first_line = doc.text.split("\n", 1)[0][:200]
    for text, pattern in ((doc.url or "", _URL_DATE), (first_line, _ISO_DATE)):
        match = pattern.search(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


def _load_file(path: Path, source_id: str, max_bytes: int) -> Document:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        _check_size(size, max_bytes, str(path))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    _check_size(len(data), max_bytes, str(path))
    text = decode_bytes(data, str(path))
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
        doc = _from_html(text, source_id, None, str(path))
        doc.kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        doc = _from_markdown(text, source_id)
        doc.kind = "markdown"
    else:
        doc = _from_text(text, source_id)
        doc.kind = "text"
    doc.path = path.name
    return _require_text(doc, str(path))


def _check_size(size: int, max_bytes: int, where: str) -> None:
    if size > max_bytes:
        raise InputError(f"{where}: {describe_size(size)} is over the {describe_size(max_bytes, 3)} "
                         "source limit (raise it with --max-source-mb)")


def describe_size(size: int, digits: int = 0) -> str:
    """`50.0 MB`, `1.5 KB`; with `digits`, that many significant digits (`10 MB`, `1.02 KB`)."""
    value, unit = (size / 1048576, "MB") if size >= 104858 else (size / 1024, "KB")
    return f"{value:.{digits}g} {unit}" if digits else f"{value:.1f} {unit}"


def _require_text(doc: Document, where: str) -> Document:
    if not re.search(r"[^\W\d_]{2,}", doc.text):
        raise InputError(f"{where}: no article text found (the source is empty or has no words)")
    if len(doc.text) > MAX_TEXT_CHARS:
        raise InputError(f"{where}: the text is {len(doc.text):,} characters, over the "
                         f"{MAX_TEXT_CHARS:,} a source may have; split it into several sources")
    if doc.published is None:
        doc.published = _guess_published(doc)
    return doc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(body|article|p)\b", head))


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def normalise_text(text: str) -> str:
    """Unify line endings and blank-line paragraph breaks; offsets are taken after this."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# Dates a header usually carries, read without dateparser: its first call loads language data
# for a third of a second, longer than the rest of reading a source.
_QUICK_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y",
                       "%d %B, %Y", "%B %d %Y", "%b %d %Y")


def _parse_date(value: str) -> dt.date | None:
    quick = _quick_date(value)
    if quick is not None:
        return quick
    import dateparser

    # No relative dates ("yesterday"): they would depend on the day briefgen runs.
    parsed = dateparser.parse(value, languages=["en"], settings={
        "STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first",
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"]})
    return parsed.date() if parsed else None


def _from_text(raw: str, source_id: str, *, title: str | None = None,
               published: dt.date | None = None) -> Document:
    """Plain text; `title` and `published` are what an outer format (Markdown front matter or
    heading) already says, so nothing is guessed from the text for them."""
    meta, text = _header_block(normalise_text(raw))
    doc = Document(id=source_id, text=text, meta=meta)
    doc.url = meta.get("url") or None
    header_title = meta.get("title")
    if header_title:
        doc.title = re.sub(r"\s*\((?:title )?from url slug\)\s*$", "", header_title, flags=re.I)
    doc.publisher = meta.get("publisher") or meta.get("source") or None
    date_value = meta.get("published") or meta.get("date")
    if date_value:
        doc.published = _parse_date(date_value)
    doc.title = doc.title or title
    doc.published = doc.published or published
    if doc.published is None:
        doc.published, doc.text = _date_line(doc.text)
    if doc.title is None:
        doc.title = _headline(doc.text)
    return doc


def _header_block(text: str) -> tuple[dict[str, str], str]:
    """`url:` / `title:` / `published:` lines closed by a `---` line (the corpus convention,
    also accepted at the top of a Markdown file): the fields, and the text after them."""
    lines = text.split("\n")
    # Header lines are only a header when a `---` line closes them within the first few lines.
    for index, line in enumerate(lines[:12]):
        if line.strip() == "---" and index > 0:
            header = [_HEADER_LINE.match(item) for item in lines[:index] if item.strip()]
            if header and all(header):
                return ({m.group(1).lower(): m.group(2).strip() for m in header if m},
                        "\n".join(lines[index + 1:]).strip())
            break
    return {}, text


def _headline(text: str) -> str | None:
    """A first paragraph of one short line without closing punctuation, before the story: the
    headline of a pasted article. Named as the title, it is not also read as a sentence."""
    first, _, rest = text.partition("\n\n")
    first = first.strip()
    if ("\n" in first or not rest.strip() or not 2 <= len(first.split()) <= 20
            or first[-1] in ".!?:;,\"”'’)—–-|" or re.match(r"by\s", first, re.I)):
        return None  # a sentence, a byline ("By Jane Doe"), a dateline ("KYIV (AP) —")
    return first


# A line near the top that is only a date, as pasted from a news page: "Published 14 October
# 2026", "Updated: Nov 3, 2026, 08:15 GMT", "Tuesday 3 November 2026 10.02 CET".
_DATE_LINE = re.compile(
    r"^[\W_]*(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>[\w .,/-]+?)"
    r"(?:(?:,|\s+at|\s+-|\s+\|)?\s+\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?"
    r"|\s*[+-]\d\d:?\d\d)?)?[\W_]*$", re.I)


def _date_line(text: str) -> tuple[dt.date | None, str]:
    """The publication date from a line near the top that holds nothing else, and the text
    without that line (it is page furniture: as a sentence it would become an event "at 08:15")."""
    lines = text.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 6:
            break
        match = _DATE_LINE.match(line.strip()) if len(line.split()) <= 9 else None
        if match is None or not re.search(r"\d", match["date"]):
            continue
        date = _quick_date(match["date"])
        if date is not None:
            rest = "\n".join(lines[:index] + lines[index + 1:])
            return date, re.sub(r"\n{3,}", "\n\n", rest).strip()
    return None, text


def _quick_date(value: str) -> dt.date | None:
    """A date in one of the usual absolute forms, else None (no guessing from free text)."""
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        pass
    text = re.sub(r"\s*,\s*", ", ", re.sub(r"\s+", " ", value.replace(".", ""))).strip(" ,")
    # Not 12/10/2026: day-first or month-first depends on the outlet.
    for fmt in _QUICK_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _from_markdown(raw: str, source_id: str) -> Document:
    text = normalise_text(raw)
    meta: dict[str, str] = {}
    front = re.match(r"^---\n(.*?)\n---\n", text + "\n", re.S)
    if front:  # YAML-style front matter of simple `key: value` lines
        for line in front.group(1).split("\n"):
            match = _HEADER_LINE.match(line)
            if match:
                meta[match.group(1).lower()] = match.group(2).strip().strip("\"'")
        text = text[front.end():]
    else:
        meta, text = _header_block(text)
    title = meta.get("title")
    lines_out = []
    for line in text.split("\n"):
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            if title is None:
                title = heading.group(1)
                continue
            if heading.group(1).lower().strip(" .") in title.lower():
                continue  # the header's title again, as the page's first heading
            line = heading.group(1)
        line = re.sub(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", "", line)  # list markers
        line = re.sub(r"^\s{0,3}>\s?", "", line)  # block quotes
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)  # images -> alt text
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links -> their text
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        if re.fullmatch(r"\s*([-*_])\s*(\1\s*){2,}", line):
            line = ""
        lines_out.append(line)
    date_value = meta.get("published") or meta.get("date")
    doc = _from_text("\n".join(lines_out), source_id, title=title,
                     published=_parse_date(date_value) if date_value else None)
    doc.url = doc.url or meta.get("url")
    doc.publisher = doc.publisher or meta.get("publisher") or meta.get("source") or None
    return doc


def _from_html(html: str, source_id: str, url: str | None, where: str) -> Document:
    """Main text and metadata via trafilatura. Scripts, styles and embedded frames are
    dropped by the extractor; nothing the page references is fetched."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_recall=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"{where}: cannot parse HTML ({exc})") from None
    if result is not None and not isinstance(result, dict):
        result = result.as_dict()
    if not result or not result.get("text"):
        raise InputError(f"{where}: no article text found in the HTML page")
    body = result["text"]
    # trafilatura separates paragraphs with single newlines; briefgen uses blank lines.
    body = "\n\n".join(part.strip() for part in body.split("\n") if part.strip())
    doc = Document(id=source_id, text=normalise_text(body))
    doc.title = result.get("title") or None
    doc.url = result.get("url") or url
    doc.publisher = result.get("sitename") or None
    if result.get("date"):
        try:
            doc.published = dt.date.fromisoformat(str(result["date"])[:10])
        except ValueError:
            doc.published = None
    return doc
