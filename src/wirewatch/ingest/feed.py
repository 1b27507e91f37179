"""RSS and Atom feeds: one article per item, from its full content or else its summary (HTML turned to text)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from .base import Article, Skipped, check_text, read_file_bytes, skipped

BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        text = html_to_text(value) if "html" in (content.get("type") or "html") else value.strip()
        if text.strip():
            return text
    summary = entry.get("summary") or ""
    return html_to_text(summary)


def read_feed(path: str | Path) -> Iterator[Article | Skipped]:
    import feedparser

    data = read_file_bytes(path, kind="a feed")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = f" ({why()})" if callable(why) else ""
        if parsed.get("version") or not parsed.get("bozo"):
            raise InputError(f"{path}: feed has no items{detail}")
        raise InputError(f"{path}: not a valid RSS or Atom feed{detail}")
    source = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#item{number}"
        try:
            text = check_text(entry_text(entry), origin)
        except InputError as exc:
            yield skipped(origin, "item has no text" if "empty" in str(exc) else exc)
            continue
        yield Article(text=text, title=(entry.get("title") or "").strip() or None, source=source,
                      published=entry_date(entry), url=entry.get("link") or None, origin=origin)
