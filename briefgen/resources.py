"""Where the built-in templates and assets live: inside the installed wheel
(`briefgen/_data/…`, put there by the build) or, in a source checkout, at the top level."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"briefgen installation is missing its {name}/ folder")


def templates_dir() -> Path:
    return _find("templates")


def assets_dir() -> Path:
    return _find("assets")
