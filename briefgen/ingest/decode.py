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
    # Not UTF-8: a legacy single-byte encoding. Windows-1252 is a superset of Latin-1 for the
    # printable range and is what "smart quotes" pasted from Word arrive in.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in {"latin_1", "iso8859_1", "ascii"}:
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return data.decode("cp1252", errors="replace")


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(sample) * 0.05
