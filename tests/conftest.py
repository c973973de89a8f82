"""Shared fixtures: the spaCy model is loaded once per test session (per xdist worker)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "romania-drone-debris.txt"


@pytest.fixture(scope="session")
def nlp():
    from briefgen.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (corpus and seed) when present; tests that need it skip cleanly otherwise."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not present (it ships only with the development setup)")
    return SHARED


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def make_parsed(nlp):
    """Build a parsed document from a short invented text (extractor unit tests)."""
    from briefgen.extract import Parsed
    from briefgen.ingest import Document

    def make(text: str, published=None, title=None) -> Parsed:
        document = Document(id="S1", text=text, published=published, title=title)
        return Parsed(document, nlp(text))

    return make
