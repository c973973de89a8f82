"""Batch mode (`generate --each`): one brief per source, optionally over worker processes.

Each worker loads the spaCy model and the renderers once, then takes sources one by one.
A failing source is reported in the summary and does not stop the others.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path

from . import collect
from .config import Settings
from .errors import BriefgenError


@dataclass
class BatchResult:
    paths: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    warm_up()
    # The model and the renderers stay for the worker's life: a full collection would walk
    # their ~160,000 objects every few briefs (0.1 s per brief at --jobs 1; see gc.freeze).
    gc.freeze()


def preload() -> None:
    """What every brief needs, loaded once: the spaCy model and the renderer modules.
    Safe to fork after (no fonts opened, no threads), so with --jobs N the parent does it once
    and the workers inherit it instead of each spending ~2.5 s of CPU on the same imports."""
    from .fastimport import import_renderers
    from .nlp import load_nlp

    load_nlp()
    import_renderers()


def warm_up() -> None:
    """In each worker: `preload` (a no-op when inherited), then start fontconfig and Pango."""
    from .fastimport import warm_renderers

    preload()
    warm_renderers()


def _one(source: str, settings: Settings, title: str | None) -> list[Path]:
    from . import api

    return api.generate([source], title=title, max_source_mb=settings.max_source_mb,
                        timeout=settings.timeout, audience=settings.audience,
                        formats=settings.formats, out_dir=settings.out, author=settings.author,
                        organisation=settings.organisation, marking=settings.marking,
                        pdf_variant=settings.pdf_variant, templates=settings.templates)


def _task(source: str, title: str | None) -> tuple[list[Path] | None, str | None]:
    assert _worker_settings is not None
    try:
        with collect.paused():  # collected once per brief, not during it (see collect.py)
            return _one(source, _worker_settings, title), None
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:  # one bad article must not stop the batch
        return None, f"internal error: {exc.__class__.__name__}: {exc}"


def run_batch(sources: list[str], settings: Settings, *, jobs: int = 1, title: str | None = None,
              progress: bool = False) -> BatchResult:
    if "-" in sources:
        raise BriefgenError("stdin (-) cannot be used with --each")
    result = BatchResult()
    bar = _progress(len(sources)) if progress else None
    # Keyed by position, not by name: the same source may be given twice.
    done: dict[int, tuple[list[Path] | None, str | None]] = {}

    def record(index: int, paths: list[Path] | None, error: str | None) -> None:
        done[index] = (paths, error)
        if bar is not None:
            bar[0].advance(bar[1])

    try:
        if jobs == 1:
            _init_worker(settings)
            for index, source in enumerate(sources):
                record(index, *_task(source, title))
        else:
            # fork shares the parent's imported modules and loaded model (copy-on-write); each
            # worker then only starts its own fonts, once, never once per brief.
            preload()
            # Objects loaded so far stay out of the collector's reach: a collection in a worker
            # would otherwise touch (and so copy) every page it shares with this process.
            gc.freeze()
            context = multiprocessing.get_context("fork")
            with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                        initializer=_init_worker, initargs=(settings,)) as pool:
                futures = {pool.submit(_task, source, title): index
                           for index, source in enumerate(sources)}
                for future in cf.as_completed(futures):
                    record(futures[future], *future.result())
    finally:
        if bar is not None:
            bar[0].stop()
    for index, source in enumerate(sources):  # in the order given, whatever finished first
        paths, error = done.get(index, (None, "not processed"))
        if error is not None:
            result.failures.append((source, error))
        else:
            result.paths.extend(paths or [])
    return result


def _progress(total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("briefs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        transient=True)
    progress.start()
    return progress, progress.add_task("briefs", total=total)
