"""HTML pages: the main text and the page's metadata, found by trafilatura.

Navigation, footers and boilerplate are left out. A ``NAME.json`` sidecar overrides what the page says.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError
from .base import Article, check_text, read_file_bytes
from .text import read_sidecar, validate_date


def html_article(data: bytes | str, origin: str) -> Article:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise InputError(f"{origin}: binary data, not an HTML page")
    try:
        found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                            include_tables=False, deduplicate=False)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise InputError(f"{origin}: cannot parse HTML ({type(exc).__name__})") from None
    text = (getattr(found, "text", None) or "") if found is not None else ""
    if not text.strip():
        raise InputError(f"{origin}: no article text found in the HTML page")
    title = (found.title or "").strip() or None
    if title:
        # trafilatura keeps the headline as the first line of the text; it is metadata, not body
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest
    check_text(text, origin)
    try:
        published = validate_date(found.date)
    except InputError:
        published = None  # page dates are messy; a bad one is dropped, not fatal
    return Article(text=text, title=title, source=(found.sitename or found.hostname or None),
                   published=published, url=found.url or None, origin=origin)


def read_html(path: str | Path) -> Article:
    p = Path(path)
    data = read_file_bytes(path, kind="an HTML page")
    article = html_article(data, str(path))
    side = read_sidecar(p)
    for key in ("title", "source", "url"):
        if side.get(key):
            setattr(article, key, side[key])
    if side.get("published"):
        article.published = validate_date(side["published"], "published")
    return article
