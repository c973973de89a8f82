"""Extraction: one spaCy pass per document, then small focused extractors.

Each extractor reads a `Parsed` document and returns model objects carrying evidence.
`extract()` merges what they find across documents into one `Brief`.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ingest import Document
from ..model import Brief, Evidence, Source

log = logging.getLogger("briefgen")
_SURROGATE = re.compile("[\ud800-\udfff]")

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Parsed:
    document: Document
    doc: Doc

    @functools.cached_property
    def _recalled(self) -> dict[int, bool]:
        from .times import find_times, is_background, reference_date

        ref = reference_date(self.document)
        return {s.start: is_background(find_times(s.text, ref)) for s in self.doc.sents}

    def recalls_earlier(self, sentence: Span) -> bool:
        """Whether a sentence recalls an earlier event (every time it names is past): read once
        per document for the extractors that ask (strike rows, a speaker's stance)."""
        return self._recalled[sentence[0].sent.start]

    def evidence(self, span: Span | tuple[int, int], sentence: Span | None = None) -> Evidence:
        """Evidence for a token span (or a (start, end) character range) and its sentence."""
        if isinstance(span, tuple):
            start, end = span
            sent = sentence or self.doc.char_span(start, end, alignment_mode="expand")
            sent = sent.sent if sent is not None and sentence is None else sent
        else:
            start, end = span.start_char, span.end_char
            sent = sentence or span.sent
        text = sent.text.strip() if sent is not None else self.document.text[start:end]
        return Evidence(source_id=self.document.id, start=start, end=end, sentence=text)


def _guarded(what: str, extractor, item: Parsed, empty):
    """Run one extractor. A text that breaks a rule's assumptions must not sink the whole
    brief, but the reader must know a section is missing: warn, never fail silently."""
    try:
        return extractor(item)
    except (IndexError, ValueError, KeyError, AttributeError, TypeError, RecursionError) as exc:
        log.warning("%s: %s could not be extracted (%s: %s); that part of the brief is left empty",
                    item.document.id, what, exc.__class__.__name__, exc)
        return empty


def parse(documents: list[Document], nlp=None) -> list[Parsed]:
    from ..nlp import load_nlp

    nlp = nlp or load_nlp()
    for document in documents:
        # Lone surrogates (possible only from library callers) crash spaCy's string store;
        # U+FFFD has the same length, so offsets are unchanged.
        document.text = _SURROGATE.sub("\ufffd", document.text)
    return [Parsed(document, doc) for document, doc in
            zip(documents, nlp.pipe(d.text for d in documents), strict=True)]


def extract(documents: list[Document], *, title: str | None = None, nlp=None) -> Brief:
    from .facts import extract_facts
    from .merge import DocFacts
    from .reactions import extract_reactions
    from .strikes import extract_strikes
    from .timeline import extract_timeline

    parsed = parse(documents, nlp)
    reactions, strikes, timeline = [], [], []
    facts = []
    for item in parsed:
        reactions.extend(_guarded("reactions", extract_reactions, item, []))
        strikes.extend(_guarded("strike statistics", extract_strikes, item, []))
        timeline.extend(_guarded("timeline", extract_timeline, item, []))
        facts.append(_guarded("key facts", extract_facts, item, DocFacts()))
    sources = [Source(id=d.id, title=d.title, url=d.url, path=d.path, publisher=d.publisher,
                      published=d.published, kind=d.kind) for d in documents]
    from .merge import build_brief

    return build_brief(parsed, facts, reactions, strikes, timeline, sources, title=title)
