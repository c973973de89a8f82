"""Extraction: one spaCy pass per document, then small focused extractors.

Each extractor reads a `Parsed` document and returns model objects carrying evidence.
`extract()` merges what they find across documents into one `Brief`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ingest import Document
from ..model import Brief, Evidence, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Parsed:
    document: Document
    doc: "Doc"

    def evidence(self, span: "Span | tuple[int, int]", sentence: "Span | None" = None) -> Evidence:
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


def parse(documents: list[Document], nlp=None) -> list[Parsed]:
    from ..nlp import load_nlp

    nlp = nlp or load_nlp()
    return [Parsed(document, doc) for document, doc in
            zip(documents, nlp.pipe(d.text for d in documents), strict=True)]


def extract(documents: list[Document], *, title: str | None = None, nlp=None) -> Brief:
    from .facts import extract_facts
    from .reactions import extract_reactions
    from .strikes import extract_strikes
    from .timeline import extract_timeline

    parsed = parse(documents, nlp)
    reactions, strikes, timeline = [], [], []
    facts = []
    for item in parsed:
        reactions.extend(extract_reactions(item))
        strikes.extend(extract_strikes(item))
        timeline.extend(extract_timeline(item))
        facts.append(extract_facts(item))
    sources = [Source(id=d.id, title=d.title, url=d.url, path=d.path, publisher=d.publisher,
                      published=d.published, kind=d.kind) for d in documents]
    from .merge import build_brief

    return build_brief(parsed, facts, reactions, strikes, timeline, sources, title=title)
