"""Readers: turn each source (file, URL, stdin) into a `Document`.

Paragraph boundaries survive as blank lines, and character offsets into
`Document.text` are what evidence points at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    kind: str = "text"
    meta: dict[str, str] = field(default_factory=dict)


from .sources import load_source, load_sources  # noqa: E402

__all__ = ["Document", "load_source", "load_sources"]
