"""Importing the heavy libraries (spaCy, WeasyPrint, matplotlib) without their avoidable costs.

Measured on the project machines (see bench/run.py and issue 7):
  * `import weasyprint` spends most of its time in subprocesses: for every library name it tries
    (libgobject-2.0-0, gobject-2.0-0, …; harfbuzz-subset is often absent and all six spellings
    fail), cffi calls `ctypes.util.find_library`, which runs `ldconfig -p` and then gcc and ld
    for every miss — about 30 process launches, ~0.4–1 s. We answer those lookups from a single
    `ldconfig -p` instead.
  * `import spacy` imports `spacy.cli` (typer, weasel, requests…; ~0.3 s) only to re-export
    `spacy.info`. We let spaCy import without it; `spacy.cli` stays importable as usual.
  * importing matplotlib spends ~0.15 s writing property tables into docstrings; the
    command line's render processes skip that (see `import_matplotlib`).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import os
import re
import subprocess
import sys
import types
import warnings


def import_weasyprint():
    """`import weasyprint`, resolving its shared libraries from one `ldconfig -p` call."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        return importlib.import_module("weasyprint")
    sonames = _ldconfig_sonames()
    if not sonames:
        return importlib.import_module("weasyprint")
    stock = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return sonames.get(name) or _in_library_path(name)

    ctypes.util.find_library = find_library
    try:
        # WeasyPrint prints an install hint to stdout before raising; keep it for the retry.
        with contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module("weasyprint")
    except OSError:
        # A library our lookup could not place: let the stock lookup try, from a clean slate.
        for module in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[module]
        ctypes.util.find_library = stock
        return importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = stock


def _ldconfig_sonames() -> dict[str, str]:
    """{"gobject-2.0": "libgobject-2.0.so.0", …} from the dynamic linker's cache."""
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        sonames: dict[str, str] = {}
        for line in out.splitlines()[1:]:
            soname = line.strip().split(" ", 1)[0]
            match = re.match(r"lib(.+?)\.so(?:\.|$)", soname)
            if match:
                sonames.setdefault(match.group(1), soname)
        return sonames
    return {}


def _in_library_path(name: str) -> str | None:
    """Libraries found through LD_LIBRARY_PATH (not in the ldconfig cache), as find_library would."""
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep)):
        with contextlib.suppress(OSError):
            for entry in sorted(os.listdir(folder)):
                if re.fullmatch(rf"lib{re.escape(name)}\.so(\.\d+)*", entry):
                    return entry
    return None


def import_spacy():
    """`import spacy` without importing `spacy.cli` on the way."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    # spacy/__init__.py only does `from .cli.info import info`; give it a stand-in for that one
    # import, then take the stand-ins away so a later `import spacy.cli` loads the real one.
    stub_cli = types.ModuleType("spacy.cli")
    stub_info = types.ModuleType("spacy.cli.info")
    stub_cli.__path__ = []  # a package, for the import system

    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    stub_info.info = info
    stub_cli.info = stub_info
    sys.modules["spacy.cli"] = stub_cli
    sys.modules["spacy.cli.info"] = stub_info
    try:
        import spacy
    finally:
        for name, stub in (("spacy.cli.info", stub_info), ("spacy.cli", stub_cli)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is stub_cli:
            del spacy_module.cli
    _index_entry_points()
    return spacy


def _index_entry_points() -> None:
    """Entry points grouped once, for spaCy's registries (catalogue).

    catalogue asks for one group's entry points on every registry lookup; on Python 3.10+ that
    is `select(group=…)`, which walks every entry point of every installed package each time
    (~250 walks while a model loads: 0.1–0.2 s). A plain dict from group to the same entry
    points is what catalogue itself uses on older Pythons, so the answers are unchanged.
    """
    catalogue = sys.modules.get("catalogue")
    available = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if available is None or not hasattr(available, "select"):
        return
    if isinstance(available, dict):  # Python 3.10/3.11: SelectableGroups, group -> EntryPoints
        grouped = {group: list(points) for group, points in dict.items(available)}
    else:  # Python 3.12+: one flat EntryPoints
        grouped: dict[str, list] = {}
        for point in available:
            grouped.setdefault(point.group, []).append(point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped


def import_matplotlib():
    """What briefgen's charts use of matplotlib (figures, the SVG and PNG writers, dates),
    imported without two costs none of them needs.

    * While matplotlib imports, every Artist subclass writes the table of its settable
      properties into the docstring of its `set()` method, and lines/patches/figure write it
      into a dozen more: `matplotlib.artist.kwdoc` inspects each class's setters and cleans
      every setter's docstring (8,000 `inspect.cleandoc` calls), ~0.15 s of a ~0.8 s import.
      For the duration of the import `kwdoc` returns a one-line pointer instead; the `set()`
      signatures are still computed, and the real `kwdoc` is back afterwards.
    * The 3D projection (`mpl_toolkits.mplot3d`, ~0.03 s), which matplotlib registers if it
      can and does without otherwise.
    Used by the command line's render processes only: `import briefgen` and the library API
    import matplotlib as it comes, full docstrings included. pyplot is not imported at all:
    the charts draw on `Figure` objects of their own.
    """
    modules = ("matplotlib.figure", "matplotlib.backends.backend_svg",
               "matplotlib.backends.backend_agg", "matplotlib.dates")
    if all(name in sys.modules for name in modules):
        return
    import matplotlib.artist

    kwdoc = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: "Properties: see matplotlib.artist.kwdoc"
    skip_3d = "mpl_toolkits.mplot3d" not in sys.modules
    if skip_3d:
        sys.modules["mpl_toolkits.mplot3d"] = None  # an ImportError, which matplotlib handles
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Unable to import Axes3D")
            for name in modules:
                importlib.import_module(name)
    finally:
        matplotlib.artist.kwdoc = kwdoc
        if skip_3d and sys.modules.get("mpl_toolkits.mplot3d", 0) is None:
            del sys.modules["mpl_toolkits.mplot3d"]


def import_renderers(pdf: bool = True, docx: bool = True) -> None:
    """What a render needs, imported: WeasyPrint (`pdf`), python-docx (`docx`), matplotlib's
    figures and writers, and briefgen's renderer modules. Pure imports: no fonts are opened,
    no threads started, so a process may fork after this."""
    if pdf:
        import_weasyprint()
    import_matplotlib()
    modules = ["briefgen.render", "briefgen.charts"]
    if pdf:
        modules += ["briefgen.render.html", "briefgen.render.pdf"]
    if docx:
        modules.append("briefgen.render.docx")  # imports python-docx
    for module in modules:
        importlib.import_module(module)


def warm_renderers(pdf: bool = True, docx: bool = True) -> None:
    """`import_renderers`, then (for the PDF) lay out one tiny page: fontconfig and Pango start
    up (~0.15 s) before the first real brief needs them. (What else a first PDF costs, the
    forked PDF helper pays ahead in `render.prepare_pdf`.)"""
    import_renderers(pdf=pdf, docx=docx)
    if not pdf:
        return
    weasyprint = sys.modules["weasyprint"]
    with contextlib.suppress(Exception):  # warming is an optimisation, never a failure
        weasyprint.HTML(string="<p style='font-family: DejaVu Sans'>warm</p>").render()
