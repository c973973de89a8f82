"""Bytes to text: BOMs honoured, UTF-8 preferred, legacy encodings detected, binaries refused."""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, where: str, declared: str | None = None) -> str:
    if not data.strip():
        raise InputError(f"{where}: the source is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(data) >= 4 and data[1::2].count(0) > len(data) * 0.4 and data[0::2].count(0) < len(data) * 0.05:
        return data.decode("utf-16-le", errors="replace")
    if len(data) >= 4 and data[0::2].count(0) > len(data) * 0.4 and data[1::2].count(0) < len(data) * 0.05:
        return data.decode("utf-16-be", errors="replace")
    if _is_binary(data):
        raise InputError(f"{where}: looks like a binary file, not text, Markdown or HTML")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: a legacy single-byte encoding, as charset_normalizer ranks them.

    On short texts several encodings tie (a pasted "naïve" reads as "naďve" in cp1250 just as
    well); among the tied ones, the one that leaves no stray symbols glued to words wins, and
    Windows-1252 — a superset of Latin-1's printable range and what "smart quotes" pasted from
    Word arrive in — wins a remaining tie.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = min(m.chaos for m in matches)
    tied = [_LATIN1_ALIASES.get(m.encoding, m.encoding) for m in matches if m.chaos <= best + 0.01]
    order = list(dict.fromkeys((["cp1252"] if "cp1252" in tied else []) + tied))
    decoded: list[tuple[int, int, str]] = []
    for rank, encoding in enumerate(order):
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        decoded.append((_stray_symbols(text), rank, text))
    if not decoded:
        return data.decode("cp1252", errors="replace")
    return min(decoded)[2]


_LATIN1_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}
_WORD_PUNCTUATION = {"Pi", "Pf", "Pd", "Ps", "Pe", "Zs"}  # quotes, dashes, brackets, spaces


def _stray_symbols(text: str) -> int:
    """Non-ASCII symbols stuck to a letter (`powiedzia³`, `¯ołnierze`): signs of a wrong code page."""
    import unicodedata

    count = 0
    for index, char in enumerate(text):
        if ord(char) < 128 or char.isalpha() or char in "…°€£·" \
                or unicodedata.category(char) in _WORD_PUNCTUATION:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before.isalpha() or after.isalpha():
            count += 1
    return count


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(sample) * 0.05
