"""Batch mode (`generate --each`): one brief per source, optionally over worker processes.

With `--jobs 1` this process loads the spaCy model and the renderers once and makes the
briefs one by one. With `--jobs N` the work is split by what it needs loaded: one forked
process loads the model and extracts every source, largest first, while this one imports the
renderers and forks N render workers that share those imports; each brief goes from the
extractor to a free worker. Loading the model (~1 s) and importing the renderers (~1.2 s)
then happen side by side instead of one after the other before the first brief, the workers
prepare their first PDF while the first source is extracted, and no worker holds the model.
A failing source is reported in the summary and does not stop the others.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import gc
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import collect
from .config import Settings
from .errors import BriefgenError


@dataclass
class BatchResult:
    paths: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, carrying the files of the briefs finished before it (with --jobs
    N, also those in flight, which are completed): each was written whole, and the user should
    know which ones exist rather than see only the interruption."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths


def warm_up(settings: Settings) -> None:
    """What every brief needs, loaded once: the spaCy model and the renderers (fontconfig and
    Pango started)."""
    from .fastimport import warm_renderers
    from .nlp import load_nlp

    load_nlp()
    warm_renderers(**_renderers(settings))


def _renderers(settings: Settings) -> dict[str, bool]:
    """Which renderers the batch's formats need loaded ahead (JSON alone needs neither)."""
    return {"pdf": "pdf" in settings.formats, "docx": "docx" in settings.formats}


def _extract(source: str, settings: Settings, title: str | None):
    from . import api

    return api.extract([source], title=title, max_source_mb=settings.max_source_mb,
                       timeout=settings.timeout)


def _render(brief, settings: Settings) -> list[Path]:
    from . import api

    return api.render(brief, **settings.render_kwargs())


def _internal(exc: BaseException, where: str = "") -> str:
    return f"internal error{where}: {exc.__class__.__name__}: {exc}"


def _guarded(work, *args) -> tuple[object | None, str | None]:
    """(result, None), or (None, the one-line reason): one bad article must not stop the batch."""
    try:
        with collect.paused():  # collected once per brief, not during it (see collect.py)
            return work(*args), None
    except BriefgenError as exc:
        return None, str(exc)
    except Exception as exc:
        return None, _internal(exc)


def _one(source: str, settings: Settings, title: str | None) -> list[Path]:
    return _render(_extract(source, settings, title), settings)


# --- --jobs N: one extractor process, N render workers ---------------------------------------

_worker_settings: Settings | None = None


def _init_render_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .fastimport import warm_renderers

    warm_renderers(**_renderers(settings))
    if "pdf" in settings.formats:
        from .render import prepare_pdf

        # A first PDF's one-off costs (sheets, fonts, templates, C types), paid while the first
        # source is still being extracted. An optimisation, never a failure.
        with contextlib.suppress(Exception):
            prepare_pdf(settings.audience, settings.templates)
    # The renderers stay for the worker's life: a full collection would walk their objects
    # every few briefs (see gc.freeze).
    gc.freeze()


def _render_task(brief) -> tuple[list[Path] | None, str | None]:
    assert _worker_settings is not None
    return _guarded(_render, brief, _worker_settings)


def _extractor(conn, todo: list[tuple[int, str]], settings: Settings, title: str | None) -> None:
    """In the forked extractor: load the model, extract each source, send (index, brief, error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # its errors go back through the pipe
    try:
        from .nlp import load_nlp

        load_nlp()
        gc.freeze()
        for index, source in todo:
            brief, error = _guarded(_extract, source, settings, title)
            conn.send((index, brief, error))
    except BaseException as exc:  # noqa: BLE001 - the parent reports what was not extracted
        reason = str(exc) if isinstance(exc, BriefgenError) else _internal(exc, " in extraction")
        with contextlib.suppress(OSError):
            conn.send((None, None, reason))  # e.g. no spaCy model installed
    finally:
        conn.close()


def _largest_first(sources: list[str]) -> list[int]:
    """Indices in the order to work on them: largest files first, so that the last briefs,
    when one worker may already be idle, are short ones; URLs (size unknown) before files."""
    def size(source: str) -> float:
        try:
            return os.stat(source).st_size
        except (OSError, ValueError):
            return float("inf")

    return sorted(range(len(sources)), key=lambda i: -size(sources[i]))


def _run_split(sources: list[str], settings: Settings, jobs: int, title: str | None, record) -> None:
    from .fastimport import import_renderers

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    todo = [(index, sources[index]) for index in _largest_first(sources)]
    # Forked before anything heavy is imported: the extractor loads only the model.
    extractor = context.Process(target=_extractor, args=(send, todo, settings, title),
                                daemon=True, name="briefgen-extract")
    extractor.start()
    send.close()
    pool = None
    try:
        # Meanwhile, here: the workers forked next share these imports.
        import_renderers(**_renderers(settings))
        # What is loaded so far stays out of the collector's reach: a collection in a worker
        # would otherwise touch (and so copy) every page it shares with this process.
        gc.freeze()
        pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                      initializer=_init_render_worker, initargs=(settings,))
        pool.submit(int).result()  # fork the workers now (they warm up while extraction runs)

        def rendered(index: int, future: cf.Future) -> None:  # on the pool's thread
            try:
                record(index, *future.result())
            except Exception as exc:  # a worker died (killed, out of memory)
                record(index, None, _internal(exc))

        futures = []
        unextracted = {index for index, _ in todo}
        stopped = "not processed: the extraction process stopped"
        while unextracted:
            try:
                index, brief, error = receive.recv()
            except EOFError:
                break  # the extractor is gone (killed, out of memory)
            if index is None:  # the extractor failed as a whole, with this reason
                if len(unextracted) == len(todo):
                    raise BriefgenError(error)  # before any source: as --jobs 1 would fail
                stopped = error
                break
            unextracted.discard(index)
            if error is not None:
                record(index, None, error)
                continue
            try:
                future = pool.submit(_render_task, brief)
            except cf.BrokenExecutor as exc:
                record(index, None, _internal(exc))
                continue
            future.add_done_callback(lambda f, i=index: rendered(i, f))
            futures.append(future)
        for index in sorted(unextracted):
            record(index, None, stopped)
        cf.wait(futures)
    finally:
        receive.close()
        if extractor.is_alive():
            extractor.terminate()
        extractor.join()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def run_batch(sources: list[str], settings: Settings, *, jobs: int = 1, title: str | None = None,
              progress: bool = False) -> BatchResult:
    if "-" in sources:
        raise BriefgenError("stdin (-) cannot be used with --each")
    bar = _progress(len(sources)) if progress else None
    # Keyed by position, not by name: the same source may be given twice.
    done: dict[int, tuple[list[Path] | None, str | None]] = {}
    lock = threading.Lock()  # with --jobs N, renders are recorded from the pool's thread

    def record(index: int, paths: list[Path] | None, error: str | None) -> None:
        with lock:
            done[index] = (paths, error)
            if bar is not None:
                bar[0].advance(bar[1])

    # No more workers than sources: an idle worker would still import and warm the renderers.
    jobs = max(1, min(jobs, len(sources)))
    try:
        if jobs == 1:
            warm_up(settings)
            # The model and the renderers stay for the process's life (see _init_render_worker).
            gc.freeze()
            for index, source in enumerate(sources):
                record(index, *_guarded(_one, source, settings, title))
        else:
            _run_split(sources, settings, jobs, title, record)
    except KeyboardInterrupt as exc:
        raise BatchInterrupted(_collect(sources, done).paths) from exc
    finally:
        if bar is not None:
            bar[0].stop()
    return _collect(sources, done)


def _collect(sources: list[str], done: dict[int, tuple[list[Path] | None, str | None]]) -> BatchResult:
    """The outcome in the order the sources were given, whatever finished first."""
    result = BatchResult()
    for index, source in enumerate(sources):
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
