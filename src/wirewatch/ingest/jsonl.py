"""JSON Lines: one article per line, ``{"text": ..., "title": ..., "source": ..., "published": ..., "url": ...}``.

A bad line (not JSON, not an object, no text, a bad date) is skipped with its line number; the rest of
the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .base import Article, Skipped, check_text, clean_field, read_file_bytes, skipped
from .text import validate_date

FIELDS = ("title", "source", "published", "url")


def parse_record(record: object, origin: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError("no \"text\" field")
    if not isinstance(text, str):
        raise InputError(f"\"text\" must be a string, not {type(text).__name__}")
    check_text(text, origin)
    meta = {k: clean_field(record.get(k), f"\"{k}\"") for k in FIELDS}
    return Article(text=text, title=meta["title"], source=meta["source"],
                   published=validate_date(meta["published"], "published"), url=meta["url"], origin=origin)


def read_jsonl(path: str | Path) -> Iterator[Article | Skipped]:
    data = read_file_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    found = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        origin = f"{path}:{number}"
        if not raw.strip():
            continue
        found = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Skipped(origin, f"not UTF-8 text (undecodable byte at offset {exc.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield parse_record(record, origin)
        except InputError as exc:
            yield skipped(origin, exc)
    if not found:
        raise InputError(f"{path}: empty file, no articles")
