"""The wheel carries the top-level templates/ and assets/ so `pip install .` works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_templates_and_assets(tmp_path):
    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("briefgen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("templates", "assets"):
        shipped = {n for n in names if n.startswith(f"briefgen/_data/{folder}/")}
        expected = {f"briefgen/_data/{folder}/{p.relative_to(ROOT / folder).as_posix()}"
                    for p in (ROOT / folder).rglob("*") if p.is_file() and p.name != ".keep"}
        assert expected <= shipped, expected - shipped
    assert any(n.endswith("entry_points.txt") for n in names)
