"""Direct quotations: character spans of quoted speech in a text.

Wire copy mixes curly and straight double quotes, splits a quote around its attribution,
runs a quote over several paragraphs (each reopened, only the last closed) and, in truncated
text, leaves a mark unbalanced. Marks are paired per paragraph in order; a curly opening mark
while a quote is open closes the open one just before it; a quote still open at the end of a
paragraph runs to the paragraph end. Nothing here can raise on odd input.

British copy (BBC, Guardian, Telegraph) quotes speech in single marks — ‘We will respond,’ he
said — whose closing mark is also the apostrophe ("Russia’s", "the allies’ response"). Outside
double-quoted text, a single mark opens a quote at the start of a word and closes it where an
apostrophe cannot be: after punctuation (‘…respond,’), or after a word and before punctuation
or the paragraph end. A single quote left open counts only when it opens its paragraph (a quote
running over paragraphs); elsewhere an unmatched mark is an apostrophe ("the ‘90s").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
NEUTRAL = '"'
_MARKS = re.compile(r"[\"“”„«»]")
# A single mark that opens: at the paragraph start or after a space or opening punctuation,
# before a letter or digit. One that closes: after punctuation (‘…respond,’), or after a
# letter or digit when punctuation or the paragraph end follows (‘…respond’.).
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[.,!?…—–-])['’]|(?<=\w)['’](?=[.,;:!?)…]|\s*$)")


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
        double = _paragraph_quotes(paragraph, offset)
        quotes.extend(sorted(double + _single_quotes(paragraph, offset, double),
                             key=lambda q: q.start))
        offset += len(paragraph) + 1
    return [q for q in quotes if q.end > q.start and text[q.start:q.end].strip()]


def _single_quotes(paragraph: str, offset: int, double: list[Quote]) -> list[Quote]:
    """Quotes in single marks, outside the paragraph's double-quoted stretches (a quote
    within a quote stays part of the outer one)."""
    if "'" not in paragraph and "‘" not in paragraph:
        return []
    taken = [(q.start - offset - 1, q.end - offset + 1) for q in double]
    quotes: list[Quote] = []
    pos = 0
    while True:
        opening = _SINGLE_OPEN.search(paragraph, pos)
        if opening is None:
            break
        start = opening.end()
        if any(a <= opening.start() < b for a, b in taken):
            pos = start
            continue
        closing = _SINGLE_CLOSE.search(paragraph, start)
        if closing is not None and not any(a <= closing.start() < b for a, b in taken):
            quotes.append(Quote(offset + start, offset + closing.start(), True))
            pos = closing.end()
        elif opening.start() == 0 and not double:  # a quote running over paragraphs
            quotes.append(Quote(offset + start, offset + len(paragraph), False))
            break
        else:
            pos = start
    return quotes


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
