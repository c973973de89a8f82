"""Fetching an http(s) source: timeout, size cap, no redirect to another scheme."""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

from ..errors import BriefgenError, InputError
from .sources import describe_size

USER_AGENT = "briefgen (+https://example.invalid/briefgen) news-brief generator"
MAX_REDIRECTS = 5


def fetch_url(url: str, *, max_bytes: int, timeout: float) -> tuple[bytes, str, str]:
    """Return (body, content type, final URL).

    `timeout` bounds the whole fetch, not only each read: a server that trickles a byte at a
    time would otherwise never time out."""
    import httpx

    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise InputError(f"{url}: only http and https URLs are supported")
    current = url
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                          headers={"User-Agent": USER_AGENT}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        target = urljoin(current, location)
                        if urlsplit(target).scheme.lower() not in {"http", "https"}:
                            raise InputError(f"{url}: redirect to a non-http(s) URL refused ({location})")
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise BriefgenError(f"{url}: the server answered HTTP {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(f"{url}: {describe_size(int(declared))} is over the "
                                         f"{describe_size(max_bytes, 3)} source limit")
                    chunks, total = [], 0
                    for chunk in response.iter_bytes():
                        if time.monotonic() > deadline:
                            raise BriefgenError(f"{url}: timed out after {timeout:g} s")
                        total += len(chunk)
                        if total > max_bytes:
                            raise InputError(f"{url}: response over the {describe_size(max_bytes, 3)} "
                                             "source limit")
                        chunks.append(chunk)
                    return b"".join(chunks), response.headers.get("content-type", ""), str(response.url)
            raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise BriefgenError(f"{url}: timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise BriefgenError(f"{url}: cannot fetch ({exc.__class__.__name__}: {exc})") from None
