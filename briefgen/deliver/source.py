"""Where the e-mail body's title, bottom line and key facts come from for `briefgen send`.

In order: an explicit `--facts FILE.json`; else a facts file with the same stem next to an
attachment (`brief.docx` + `brief.json`); else what the DOCX itself says (core properties
title, the paragraph after a "Bottom line" heading, the bullets after "Key facts"). The facts
file is the reliable path; reading the DOCX back is a best effort for files made elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..api import load_brief
from ..errors import InputError
from ..model import Brief, Fact


def brief_for_attachments(
    attachments: Sequence[Path], facts: Path | None = None
) -> tuple[Brief | None, str]:
    """The brief to summarise in the body, and a short note saying where it came from."""
    if facts is not None:
        return load_brief(facts), f"facts from {facts}"
    for attachment in attachments:
        sibling = Path(attachment).with_suffix(".json")
        if sibling != Path(attachment) and sibling.is_file():
            try:
                return load_brief(sibling), f"facts from {sibling}"
            except InputError:
                continue  # an unrelated JSON file that happens to share the name
    for attachment in attachments:
        if Path(attachment).suffix.lower() == ".docx" and Path(attachment).is_file():
            brief = brief_from_docx(Path(attachment))
            if brief is not None:
                return brief, f"title and bottom line read from {attachment}"
    return None, "no facts found; the body lists the attachments only"


def _is_heading(paragraph) -> bool:  # type: ignore[no-untyped-def]
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith("Heading") or name == "Title"


def brief_from_docx(path: Path) -> Brief | None:
    """Best effort: title, bottom line and key facts from a DOCX; None if it has no title."""
    try:
        import docx

        document = docx.Document(str(path))
    except Exception:  # any unreadable DOCX just means "no summary"
        return None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title = (document.core_properties.title or "").strip()
    if not title:
        title = next((p.text.strip() for p in paragraphs if _is_heading(p)), "")
    if not title:
        return None
    bluf: str | None = None  # not core_properties.subject: our writer puts "<audience>: <title>" there
    key_facts: list[str] = []
    section = ""
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if _is_heading(paragraph):
            section = text.lower()
            continue
        if section.startswith(("bottom line", "bluf")) and bluf is None:
            bluf = text
        elif section.startswith("key facts"):
            key_facts.append(text)
    return Brief(
        title=title,
        bluf=Fact(text=bluf) if bluf else None,
        key_facts=[Fact(text=t) for t in key_facts],
    )
