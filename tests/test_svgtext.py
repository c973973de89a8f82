"""Chart labels in the PDF: SVG text drawn as whole runs (render/svgtext.py)."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

weasyprint = pytest.importorskip("weasyprint")

from briefgen.render import pdf as pdf_mod  # noqa: E402
from briefgen.render.svgtext import install  # noqa: E402

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <text x="200" y="40" style="font-size: 20px; text-anchor: middle">Centred label</text>
  <text x="390" y="80" style="font-size: 20px; text-anchor: end">Türkiye (end)</text>
  <text x="10 40 70" y="120" style="font-size: 20px">XYZ</text>
  <text x="10" y="160" style="font-size: 20px">Start <tspan font-weight="bold">bold</tspan> tail</text>
</svg>"""


def _words(pdf: bytes, tmp_path) -> dict[str, tuple[float, float]]:
    """word -> (xMin, xMax) from pdftotext -bbox."""
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return {m.group(3): (float(m.group(1)), float(m.group(2)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                 r'yMax="[\d.]+">([^<]+)</word>', html)}


def _render(tmp_path) -> bytes:
    # As an image, like the charts (inline SVG would go through the HTML style cascade).
    url = "data:image/svg+xml;base64," + base64.b64encode(SVG.encode()).decode()
    html = ("<html><head><style>@page { margin: 0 }</style></head><body style='margin:0'>"
            f"<img src='{url}' style='width:400px'></body></html>")
    return weasyprint.HTML(string=html).write_pdf()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_whole_runs_keep_words_anchors_and_glyph_positions(tmp_path):
    pdf_mod._weasyprint()
    assert install() is True  # idempotent, and active on the pinned WeasyPrint versions
    words = _words(_render(tmp_path), tmp_path)
    # Whole words come out (the stock per-letter drawing also extracts, but as loose glyphs).
    for word in ("Centred", "label", "Türkiye", "(end)", "Start", "bold", "tail"):
        assert word in words, words
    # text-anchor still applies: the centred label straddles x=200 px (150 pt), the end-anchored
    # one ends at 390 px (292.5 pt).
    left, right = words["Centred"][0], words["label"][1]
    assert abs((left + right) / 2 - 150) < 3
    assert abs(words["(end)"][1] - 292.5) < 3
    # The tspan continues after "Start " on the same baseline, in order.
    assert words["Start"][1] < words["bold"][0] < words["bold"][1] < words["tail"][0]
    # A per-glyph x list is left to WeasyPrint's own per-character path: X, Y and Z at 10/40/70 px.
    glyphs = {k: v for k, v in words.items() if k in ("X", "Y", "Z")}
    assert len(glyphs) == 3, words
    assert abs(glyphs["Y"][0] - 30) < 2 and abs(glyphs["Z"][0] - 52.5) < 2
