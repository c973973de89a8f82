"""Build the e-mail that carries a brief: addresses, bodies, attachments, .eml drafts.

The message is multipart/mixed around multipart/alternative (plain text + HTML, both
carrying the brief's title, bottom line and key facts), followed by the attachments.
Nothing here touches the network; `smtp.py` sends what this module builds.
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
import os
import re
from collections.abc import Iterable, Sequence
from copy import deepcopy
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BriefgenError, InputError

if TYPE_CHECKING:
    from ..model import Brief

# Explicit types for what briefgen writes: the system's mime.types is not always present
# (slim containers), and a DOCX sent as application/octet-stream opens badly on phones.
CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

# Deliberately stricter than RFC 5322: a dot-atom local part and an ASCII host name.
# Quoted local parts and IP literals are legal but almost always typos in practice, and
# ASCII-only keeps us off SMTPUTF8, which many relays still refuse.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_RE = re.compile(rf"{_LOCAL}@{_LABEL}(?:\.{_LABEL})*")
_NAMED_RE = re.compile(r"(?P<name>.*?)\s*<(?P<addr>[^<>]*)>")


def _split_list(value: str) -> list[str]:
    """Split "a@x.org, Bob <b@y.org>" on commas that are outside quotes and angle brackets."""
    parts, current, quoted, angle = [], [], False, False
    for char in value:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        if char == "," and not quoted and not angle:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_address(value: str, where: str = "address") -> Address:
    """One address ("a@x.org" or "Name <a@x.org>"), checked strictly; InputError naming `where`."""
    text = value.strip()
    if "\r" in text or "\n" in text or not text:
        raise InputError(f"{where}: {value!r} is not a valid e-mail address")
    match = _NAMED_RE.fullmatch(text)
    name, addr = (match["name"].strip(), match["addr"].strip()) if match else ("", text)
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1]
    if not _ADDR_RE.fullmatch(addr) or len(addr) > 254 or any(c in name for c in '<>"'):
        raise InputError(f"{where}: {value!r} is not a valid e-mail address")
    return Address(display_name=name, addr_spec=addr)


def parse_addresses(values: Iterable[str], where: str) -> list[Address]:
    """Every address in `values`; each value may itself be a comma-separated list."""
    return [parse_address(part, where) for value in values for part in _split_list(value)]


def message_addresses(msg: EmailMessage, *headers: str) -> list[str]:
    """The bare addr-specs in the given headers of `msg` (e.g. "To", "Cc", "Bcc")."""
    values = [str(v) for h in headers for v in msg.get_all(h, [])]
    return [addr for _name, addr in getaddresses(values) if addr]


def content_type(path: Path) -> tuple[str, str]:
    mime = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    maintype, _, subtype = (mime or "application/octet-stream").partition("/")
    return maintype, subtype


def read_attachment(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: attachment not found")
    if not path.is_file():
        raise InputError(f"{path}: attachment is not a regular file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read attachment ({exc.strerror or exc})") from None


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def default_subject(brief: Brief | None, attachments: Sequence[Path]) -> str:
    if brief is not None:
        return f"Brief: {brief.title}"
    if attachments:
        return "Brief: " + ", ".join(p.name for p in attachments)
    return "Brief"


def _one_line(text: str) -> str:
    # Titles come from edited facts files; a stray newline must not break a header.
    return " ".join(text.split())


# The body is a summary to read on a phone; the full list is in the attachment.
MAX_BODY_FACTS = 8


def _facts_for_body(brief: Brief) -> tuple[list[str], int]:
    facts = [fact.text for fact in brief.key_facts]
    return facts[:MAX_BODY_FACTS], max(0, len(facts) - MAX_BODY_FACTS)


def text_body(brief: Brief | None, attachments: Sequence[tuple[str, int]]) -> str:
    lines: list[str] = []
    if brief is not None:
        lines += [brief.title]
        if brief.date:
            lines += [brief.date.isoformat()]
        lines += [""]
        if brief.bluf:
            lines += ["BOTTOM LINE", brief.bluf.text, ""]
        facts, more = _facts_for_body(brief)
        if facts:
            lines += ["KEY FACTS"] + [f"- {text}" for text in facts]
            lines += [f"- ... and {more} more in the attachment"] if more else []
            lines += [""]
    if attachments:
        lines += ["Attached:"] + [f"- {name} ({human_size(size)})" for name, size in attachments]
        lines += [""]
    lines += ["-- ", "Sent with briefgen"]
    return "\n".join(lines) + "\n"


def html_body(brief: Brief | None, attachments: Sequence[tuple[str, int]]) -> str:
    esc = html.escape
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>',
             '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px;">']
    if brief is not None:
        parts.append(f"<h1 style=\"font-size: 20px;\">{esc(brief.title)}</h1>")
        if brief.date:
            parts.append(f"<p style=\"color: #555;\">{esc(brief.date.isoformat())}</p>")
        if brief.bluf:
            parts.append("<h2 style=\"font-size: 16px;\">Bottom line</h2>")
            parts.append(f"<p><strong>{esc(brief.bluf.text)}</strong></p>")
        facts, more = _facts_for_body(brief)
        if facts:
            parts.append("<h2 style=\"font-size: 16px;\">Key facts</h2>\n<ul>")
            parts += [f"<li>{esc(text)}</li>" for text in facts]
            parts += [f"<li><em>… and {more} more in the attachment</em></li>"] if more else []
            parts.append("</ul>")
    if attachments:
        parts.append("<p>Attached:</p>\n<ul>")
        parts += [f"<li>{esc(name)} ({human_size(size)})</li>" for name, size in attachments]
        parts.append("</ul>")
    parts.append('<p style="color: #888; font-size: 12px;">Sent with briefgen</p>\n</body></html>')
    return "\n".join(parts) + "\n"


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"SOURCE_DATE_EPOCH: {value!r} is not an integer") from None


def build_message(
    attachments: Sequence[Path],
    to: Iterable[str] = (),
    cc: Iterable[str] = (),
    bcc: Iterable[str] = (),
    subject: str | None = None,
    sender: str | None = None,
    brief: Brief | None = None,
) -> EmailMessage:
    """The complete message, with a Bcc header that `send_message` strips before sending.

    Keeping Bcc on the message (rather than in a side list) means an .eml draft shows the
    blind copies to the user who opens it, just as a mail client's own drafts do.
    """
    to_list = parse_addresses(to, "--to")
    cc_list = parse_addresses(cc, "--cc")
    bcc_list = parse_addresses(bcc, "--bcc")
    from_addr = parse_address(sender, "--from") if sender else None
    files = [(Path(p), read_attachment(Path(p))) for p in attachments]
    listing = [(path.name, len(data)) for path, data in files]

    epoch = _source_date_epoch()
    # make_msgid() without a domain does a DNS lookup of this host; the sender's domain is
    # what receiving servers expect anyway.
    domain = from_addr.domain if from_addr else "briefgen.invalid"
    msg = EmailMessage(policy=policy.SMTP)
    if from_addr:
        msg["From"] = from_addr
    if to_list:
        msg["To"] = to_list
    if cc_list:
        msg["Cc"] = cc_list
    if bcc_list:
        msg["Bcc"] = bcc_list
    msg["Subject"] = _one_line(subject or default_subject(brief, [p for p, _ in files]))
    msg["Date"] = formatdate(localtime=True) if epoch is None else formatdate(epoch, usegmt=True)
    msg["Message-ID"] = f"<{os.urandom(12).hex()}@{domain}>"
    msg.set_content(text_body(brief, listing))
    msg.add_alternative(html_body(brief, listing), subtype="html")
    for path, data in files:
        maintype, subtype = content_type(path)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)
    for part in msg.walk():
        # add_alternative/add_attachment stamp MIME-Version on every part; only the top needs it.
        if part is not msg:
            del part["MIME-Version"]
    if epoch is not None:
        _make_reproducible(msg, domain)
    return msg


def _make_reproducible(msg: EmailMessage, domain: str) -> None:
    """With SOURCE_DATE_EPOCH, derive the Message-ID and MIME boundaries from the content, so
    the same brief to the same people gives a byte-identical .eml."""
    msg.replace_header("Message-ID", f"<0@{domain}>")
    multiparts = [part for part in msg.walk() if part.is_multipart()]
    # Fixed placeholders first: the generator would otherwise pick random boundaries
    # (and store them on the message) while we hash it.
    for index, part in enumerate(multiparts):
        part.set_boundary(f"==briefgen-{index}==")
    digest = hashlib.sha256(msg.as_bytes()).hexdigest()
    for index, part in enumerate(multiparts):
        part.set_boundary(f"==briefgen-{digest[:24]}-{index}==")
    msg.replace_header("Message-ID", f"<{digest[:32]}@{domain}>")


def message_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes over SMTP (CRLF line ends), without the Bcc header."""
    copy = deepcopy(msg)
    del copy["Bcc"]
    return copy.as_bytes(policy=policy.SMTP)


def check_size(data: bytes, max_size_mb: float) -> None:
    limit = int(max_size_mb * 1024 * 1024)
    if len(data) > limit:
        raise InputError(
            f"message is {human_size(len(data))}, over the {max_size_mb:g} MB limit "
            "(raise it with --max-size-mb or [smtp] max_size_mb)"
        )


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write `msg` as an unsent draft (.eml) atomically; Outlook opens X-Unsent: 1 for editing."""
    from ..output import atomic_write

    path = Path(path)
    if not path.parent.is_dir():
        raise BriefgenError(f"{path}: folder {path.parent} does not exist")
    draft = deepcopy(msg)
    del draft["X-Unsent"]
    draft["X-Unsent"] = "1"
    return atomic_write(path, draft.as_bytes(policy=policy.SMTP))
