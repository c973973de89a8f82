"""Output file names and atomic writes.

Names come from the brief: `<date>-<slug>-<audience>.<ext>`. A manifest in the output folder
remembers which brief wrote which name, so a different brief never silently overwrites
another's file (it gets a `-2`, `-3` … suffix); regenerating the same brief replaces it.
Every write goes to a temporary file in the same folder and is renamed into place, so an
interrupted run never leaves a half-written file or destroys the previous good one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import BriefgenError
from .model import Brief

MANIFEST = ".briefgen-manifest.json"
_STOPWORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "as", "by", "with"}


def slugify(text: str, max_words: int = 6) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS]
    return "-".join(words[:max_words]) or "brief"


def brief_fingerprint(brief: Brief) -> str:
    """Identity of a brief for naming: its title and its sources, not its (editable) facts."""
    key = json.dumps([brief.title, [(s.title, s.url, s.path) for s in brief.sources]],
                     sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def base_name(brief: Brief, audience: str) -> str:
    date = brief.date.isoformat() if brief.date else "undated"
    return f"{date}-{slugify(brief.title)}-{slugify(audience, 3)}"


def ensure_dir(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(f"{out_dir}: cannot create output folder ({exc.strerror or exc})") from None
    if not os.access(out_dir, os.W_OK):
        raise BriefgenError(f"{out_dir}: output folder is not writable")
    return out_dir


def claim_name(out_dir: Path, brief: Brief, audience: str) -> str:
    """The base name (no extension) this brief may write, recorded in the manifest.

    Batch workers claim names at the same time: the read-modify-write of the manifest is
    serialised with an advisory lock, or two briefs could both be given the same name."""
    try:
        lock = open(out_dir / f"{MANIFEST}.lock", "a+b")  # noqa: SIM115 - held across the claim
    except OSError as exc:
        raise BriefgenError(f"{out_dir}: cannot write ({exc.strerror or exc})") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _claim(out_dir, brief, audience)


def _claim(out_dir: Path, brief: Brief, audience: str) -> str:
    manifest_path = out_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            manifest = {}
    except (OSError, ValueError):
        manifest = {}
    fingerprint = brief_fingerprint(brief)
    stem = base_name(brief, audience)
    name, counter = stem, 1
    while manifest.get(name) not in (None, fingerprint):
        counter += 1
        name = f"{stem}-{counter}"
    if manifest.get(name) != fingerprint:
        manifest[name] = fingerprint
        atomic_write(manifest_path, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    return name


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".part", delete=False) as handle:
            tmp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise BriefgenError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path
