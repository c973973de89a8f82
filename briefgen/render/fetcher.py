"""The only way WeasyPrint may load anything while rendering a brief.

Brief content is untrusted (it comes from news pages), and WeasyPrint's default fetcher
would read any `file://` path or make network requests. This fetcher serves:
  * `memory:<name>` resources (the charts), straight from memory;
  * `file://` URLs inside an allow-list of folders (template/asset folders, the font folder);
and refuses everything else (other files, http/https, data:, ftp:). Every request is
recorded in `requested`, every refusal in `refused`, so tests can prove nothing leaked.

WeasyPrint ≥ 68 takes a `URLFetcher` subclass whose `fetch(url, headers)` returns a
`URLFetcherResponse`; version 70 also reads attributes of the fetcher object itself, so a
plain function is no longer enough.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

MEMORY_SCHEME = "memory:"


class AllowListFetcher(URLFetcher):
    def __init__(self, roots: Iterable[Path], memory: Mapping[str, tuple[bytes, str]] | None = None):
        super().__init__(timeout=5, allow_redirects=False, fail_on_errors=False)
        self.roots = [Path(r).resolve() for r in roots]
        self.memory = dict(memory or {})
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.requested.append(url)
        if url.startswith(MEMORY_SCHEME):
            name = url[len(MEMORY_SCHEME):]
            if name in self.memory:
                data, mime = self.memory[name]
                return URLFetcherResponse(url, data, {"Content-Type": mime})
        elif url.startswith("file:"):
            path = self._allowed_path(url)
            if path is not None:
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        self.refused.append(url)
        # WeasyPrint catches this, logs a warning and renders without the resource.
        raise ValueError(f"briefgen does not load {url!r} (not a template, asset, font or chart)")

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path))
        try:
            path = path.resolve(strict=True)
        except OSError:
            return None
        # Regular files only: special files (/dev/zero, FIFOs) could hang the renderer.
        if not path.is_file():
            return None
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None
