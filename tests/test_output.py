"""Output names and atomic writes."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from briefgen.errors import BriefgenError
from briefgen.model import Brief, Source
from briefgen.output import atomic_write, claim_name, slugify


def brief(title: str, path: str = "a.txt") -> Brief:
    return Brief(title=title, date=dt.date(2026, 3, 14), sources=[Source(id="S1", path=path)])


def test_name_from_date_slug_audience(tmp_path):
    assert claim_name(tmp_path, brief("Drone debris falls in Romania"), "analyst") == \
        "2026-03-14-drone-debris-falls-romania-analyst"
    assert slugify("Ça va: élan, naïve!") == "ca-va-elan-naive"


def test_two_briefs_never_share_a_name(tmp_path):
    first = claim_name(tmp_path, brief("Port attack"), "press")
    again = claim_name(tmp_path, brief("Port attack"), "press")
    other = claim_name(tmp_path, brief("Port attack", path="b.txt"), "press")
    assert first == again
    assert other == first + "-2"


def test_atomic_write_keeps_previous_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "x.pdf"
    atomic_write(target, b"good")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(BriefgenError, match="No space left"):
        atomic_write(target, b"half")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]
