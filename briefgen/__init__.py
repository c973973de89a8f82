"""briefgen: briefing documents from news reports, every fact traceable to its sentence."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "generate", "render"]


def __getattr__(name: str):
    # Lazy: `import briefgen` must not pull in spaCy, WeasyPrint or matplotlib.
    if name in {"extract", "generate", "render"}:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
