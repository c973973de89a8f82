"""The speed-ups in loading spaCy change nothing the extractors see."""

from __future__ import annotations

import importlib.util

import pytest

from briefgen.nlp import MODEL_PACKAGES

TEXT = ("Dr. Smith isn't in the U.S.A. today; she'll be in Kyiv on Sept. 10 at 3:30 a.m. "
        "E-mail smith@example.org or see https://example.org/a?b=1. "
        "\"We can't,\" said Gen. O'Neill (ret.), adding: \u201cIt's 1,000km away\u2014far!\u201d "
        "Russia's air force fired 40 Shahed-136s, 3 Kh-101s & 2 S-300s; NATO's Rutte said: 'no.'")


NEWS = ("Two cruise missiles crossed into Moldovan airspace early on Tuesday, the defence "
        "ministry in Chisinau said, and one of them fell in a field near Ocnita. Romania's "
        "foreign minister called the incursion unacceptable and summoned the Russian "
        "ambassador. Ukraine's air force said it had shot down 31 of the 40 Shahed drones "
        "launched overnight, while NATO officials said they were monitoring the situation.")


@pytest.fixture(scope="module")
def stock():
    """The model as spaCy loads it by default: its English tokenizer first, thinc's BLIS ops."""
    spacy = pytest.importorskip("spacy")
    name = next(n for n in MODEL_PACKAGES if importlib.util.find_spec(n) is not None)
    return spacy.load(name)


def test_numpy_matrix_products_give_the_stock_analysis(nlp, stock):
    # load_nlp runs the layers' matrix products through numpy (OpenBLAS), not BLIS.
    assert not any(layer.ops.use_blis for layer in nlp.get_pipe("tok2vec").model.walk())
    assert not any(layer.ops.use_blis for layer in nlp.get_pipe("tagger").model.walk())

    def analysis(doc):
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_, t.is_sent_start)
                for t in doc]

    assert analysis(nlp(NEWS)) == analysis(stock(NEWS))


def test_bare_tokenizer_gives_the_saved_tokenizer(nlp, stock):
    mine = nlp.tokenizer
    for text in (TEXT, TEXT.lower(), TEXT.replace(" ", "\n")):
        assert [(t.text, t.whitespace_) for t in mine(text)] == \
               [(t.text, t.whitespace_) for t in stock.tokenizer(text)]
    assert mine.rules.keys() == stock.tokenizer.rules.keys()


def test_entry_point_index_answers_like_select():
    from importlib import metadata

    import catalogue

    from briefgen.fastimport import import_spacy

    import_spacy()
    for group in ("spacy_factories", "spacy_languages", "console_scripts", "no_such_group"):
        fresh = metadata.entry_points()
        expected = (fresh.select(group=group) if hasattr(fresh, "select") else fresh.get(group, []))
        index = catalogue.AVAILABLE_ENTRY_POINTS
        got = index.get(group, []) if isinstance(index, dict) else index.select(group=group)
        assert sorted(ep.name for ep in got) == sorted(ep.name for ep in expected)


def test_no_sentence_starts_with_a_comma(nlp):
    # The parser used to cut this lead after "KYIV" (checked before the rule).
    doc = nlp("Overnight attack on western Ukraine\n\nKYIV, Feb 3 (Invented Wire) - Russia struck "
              "energy sites in western Ukraine overnight, the air force command said on Wednesday, "
              "using the following weapons:\n\n88 Shahed-type attack drones and decoys\n")
    assert [s.text.strip()[:5] for s in doc.sents] == ["Overn", "KYIV,", "88 Sh"]
