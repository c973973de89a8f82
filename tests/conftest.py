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
