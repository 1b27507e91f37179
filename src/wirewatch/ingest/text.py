"""Reading one plain-text article, with an optional JSON sidecar holding its metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .base import read_file_bytes

SIDECAR_KEYS = ("title", "source", "published", "url")


def validate_date(value: str | None, what: str = "date") -> str | None:
    """Return ``value`` as YYYY-MM-DD, or raise InputError; accepts ISO datetimes and keeps the day."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date in YYYY-MM-DD form") from None


def decode_text(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary data, not a text article")
    try:
        text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not UTF-8 text (undecodable byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{origin}: empty article")
    return text


def read_text(path: str | Path) -> str:
    """Read a UTF-8 article; ``-`` reads standard input."""
    origin = str(path)
    if origin == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return decode_text(read_file_bytes(path), origin)


def read_sidecar(path: Path) -> dict[str, str | None]:
    """Metadata from ``NAME.json`` beside ``NAME.txt``; missing or unusable sidecars give nothing."""
    side = path.with_suffix(".json")
    if path.suffix == ".json" or not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{side}: unreadable metadata sidecar ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{side}: metadata sidecar must be a JSON object")
    return {k: (str(data[k]) if data.get(k) is not None else None) for k in SIDECAR_KEYS if k in data}


# "Title: ...", "Source: ...", "Published: ...", "URL: ..." lines heading a text file, then a blank line.
HEADER_LINE = re.compile(r"^[ \t]*(title|source|published|url)[ \t]*:[ \t]*(.*?)[ \t]*\r?$", re.IGNORECASE)


def split_header(text: str) -> tuple[dict[str, str | None], str]:
    """Metadata header lines and the body after the blank line that ends them.

    Text without such a header comes back whole, with no metadata.
    """
    meta: dict[str, str | None] = {}
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl < 0 else text[pos:nl]
        nxt = len(text) if nl < 0 else nl + 1
        if not line.strip():
            if meta:
                return meta, text[nxt:]
            return {}, text
        m = HEADER_LINE.match(line)
        if not m:
            return {}, text
        meta[m.group(1).lower()] = m.group(2) or None
        pos = nxt
    return {}, text  # header lines only, or no blank line after them: not a header


def read_article(path: str | Path, *, title: str | None = None, source: str | None = None,
                 published: str | None = None, url: str | None = None) -> Article:
    """One article from a text file (``-``: standard input).

    Metadata comes from an optional header (``Title:``/``Source:``/``Published:``/``URL:`` lines, then a
    blank line), else from a ``NAME.json`` sidecar; explicit arguments win over both. The article text is
    the body after the header, exactly as read, so offsets count from there.
    """
    raw = read_text(path)
    header, body = split_header(raw)
    if not body.strip():
        raise InputError(f"{path}: empty article (a header and no text)")
    meta = {**({} if str(path) == "-" else read_sidecar(Path(path))), **header}
    return Article(
        text=body,
        title=title if title is not None else meta.get("title"),
        source=source if source is not None else meta.get("source"),
        published=validate_date(published if published is not None else meta.get("published"), "published"),
        url=url if url is not None else meta.get("url"),
        origin=str(path),
    )


def read_text_file(path: str | Path) -> Article:
    """The corpus reader's name for :func:`read_article` with no overrides."""
    return read_article(path)
