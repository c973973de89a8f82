"""The cycle collector paused during a brief (briefgen/collect.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from briefgen import collect


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_no_collection_inside_and_the_cycles_collected_after():
    assert gc.isenabled()
    with collect.paused():
        assert not gc.isenabled()
        garbage = Node()
        alive = weakref.ref(garbage)
        del garbage
        for _ in range(50_000):  # far past any threshold: still not collected
            Node.__init__(object.__new__(Node))
        assert alive() is not None
    assert gc.isenabled()
    assert alive() is None


def test_restored_on_error_and_left_off_when_it_was_off():
    with pytest.raises(ValueError), collect.paused():
        raise ValueError("a bad article")
    assert gc.isenabled()
    gc.disable()
    try:
        with collect.paused(collect_after=False):
            pass
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()
