"""Which reader reads which file: walking folders, choosing a format by extension, else by sniffing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .base import Article, Skipped, check_text, skipped

TEXT = (".txt", ".text", ".md")
JSONL = (".jsonl", ".ndjson")
HTML = (".html", ".htm", ".xhtml")
FEED = (".rss", ".atom", ".xml", ".rdf")
FORMATS = ("text", "jsonl", "html", "feed")


def sniff(head: bytes) -> str:
    """A format from a file's first bytes, for files whose extension says nothing."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):
        return "feed" if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf")) else "html"
    if start.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def detect_format(path: Path) -> str | None:
    """The reader for ``path``; None for a file to pass over silently (a metadata sidecar)."""
    ext = path.suffix.lower()
    if ext in TEXT:
        return "text"
    if ext in JSONL:
        return "jsonl"
    if ext in HTML:
        return "html"
    if ext in FEED:
        return "feed"
    if ext == ".json":
        if any(path.with_suffix(s).is_file() for s in TEXT + HTML):
            return None  # NAME.json beside NAME.txt is that article's metadata
        return "json"
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "text"  # the reader reports why it cannot be read
    return sniff(head)


def read_file(path: Path, fmt: str | None = None) -> Iterator[Article | Skipped]:
    """Every article in one file, and every part of it that had to be skipped."""
    from .feed import read_feed
    from .html import read_html
    from .jsonl import read_jsonl
    from .text import read_text_file

    origin = str(path)
    fmt = fmt or detect_format(path)
    if fmt is None:
        return
    try:
        if fmt == "text":
            article = read_text_file(path)
            check_text(article.text, origin)
            yield article
        elif fmt == "html":
            yield read_html(path)
        elif fmt == "jsonl":
            yield from read_jsonl(path)
        elif fmt == "feed":
            yield from read_feed(path)
        else:
            yield Skipped(origin, "a .json file that is no article sidecar (one article per line: use .jsonl)")
    except InputError as exc:
        yield skipped(origin, exc, origin)


def iter_files(paths: Iterable[str | Path], exclude: Iterable[Path] = ()) -> Iterator[Path | Skipped]:
    """Files named, and files under folders named (recursively, sorted, hidden ones left out).

    ``exclude``: files never to read, such as the corpus database being written.
    """
    skip = {q.resolve() for q in exclude}
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                rel = sub.relative_to(p).parts
                if sub.is_file() and not any(part.startswith(".") for part in rel) and sub.resolve() not in skip:
                    yield sub
        elif p.is_file():
            if p.resolve() not in skip:
                yield p
        elif p.exists():
            yield Skipped(str(p), "not a regular file")
        else:
            yield Skipped(str(p), "no such file or directory")


def read_inputs(paths: Iterable[str | Path], exclude: Iterable[Path] = ()) -> Iterator[Article | Skipped]:
    """Articles from files and folders of text, JSONL, HTML and RSS/Atom, with whatever was skipped."""
    for item in iter_files(paths, exclude):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item)
