"""Direct quotations: character spans of quoted speech in a text.

Wire copy mixes curly and straight double quotes, splits a quote around its attribution,
runs a quote over several paragraphs (each reopened, only the last closed) and, in truncated
text, leaves a mark unbalanced. Marks are paired per paragraph in order; a curly opening mark
while a quote is open closes the open one just before it; a quote still open at the end of a
paragraph runs to the paragraph end. Nothing here can raise on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
NEUTRAL = '"'
_MARKS = re.compile(r"[\"“”„«»]")


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # end of the quoted text (exclusive), before the closing mark if any
    closed: bool

    def text(self, source: str) -> str:
        return source[self.start:self.end].strip()


def find_quotes(text: str) -> list[Quote]:
    """Every quoted stretch of `text`, in order. Spans never overlap."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in text.split("\n"):
        quotes.extend(_paragraph_quotes(paragraph, offset))
        offset += len(paragraph) + 1
    return [q for q in quotes if q.end > q.start and text[q.start:q.end].strip()]


def _paragraph_quotes(paragraph: str, offset: int) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for match in _MARKS.finditer(paragraph):
        mark, pos = match.group(), match.start()
        if open_at is None:
            if mark in CLOSING and not quotes and pos > 0:
                # A closing mark with no opening one: the quote began in an earlier paragraph
                # or was cut off; treat the paragraph start as the opening.
                quotes.append(Quote(offset, offset + pos, True))
                continue
            open_at = pos + 1
        elif mark in OPENING:
            quotes.append(Quote(offset + open_at, offset + pos, False))
            open_at = pos + 1
        else:
            quotes.append(Quote(offset + open_at, offset + pos, True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(offset + open_at, offset + len(paragraph), False))
    return quotes


def inside(quotes: list[Quote], position: int) -> Quote | None:
    """The quote containing a character position, if any."""
    for quote in quotes:
        if quote.start <= position < quote.end:
            return quote
        if quote.start > position:
            break
    return None


def overlapping(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    return [q for q in quotes if q.start < end and q.end > start]
