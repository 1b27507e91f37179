"""Each input format's reader, and the dispatcher that walks folders; malformed inputs are skipped with why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import Skipped, detect_format, read_inputs, read_text_file, split_header
from wirewatch.ingest.feed import html_to_text
from wirewatch.model import Article

BODY = "Troops pulled back from the river crossing near Olvan on Sunday, a regional spokesman said.\n"


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skips(items: list[Article | Skipped]) -> dict[str, str]:
    return {i.origin: i.reason for i in items if isinstance(i, Skipped)}


# -- plain text --------------------------------------------------------------------------------------
def test_text_header_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title: Pullback at Olvan\nSOURCE:  Test Wire \nPublished: 2024-03-05T08:00:00Z\n"
                 "URL: https://example.org/olvan\n\n" + BODY, encoding="utf-8")
    a = read_text_file(p)
    assert a.text == BODY  # the body exactly as read; offsets refer to it
    assert (a.title, a.source, a.published, a.url) == (
        "Pullback at Olvan", "Test Wire", "2024-03-05", "https://example.org/olvan")


def test_header_wins_over_sidecar_and_sidecar_fills_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title: From the header\n\n" + BODY, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"title": "Sidecar", "source": "Side Wire",
                                                 "published": "2024-01-02"}))
    a = read_text_file(p)
    assert (a.title, a.source, a.published) == ("From the header", "Side Wire", "2024-01-02")


@pytest.mark.parametrize("text", [
    BODY,  # no header
    "Title: no blank line after it\n" + BODY,  # a header must end with a blank line
    "Summary: not a header key\n\n" + BODY,
    "\n" + BODY,
])
def test_text_without_header_is_left_whole(text: str) -> None:
    assert split_header(text) == ({}, text)


def test_header_without_body_and_bad_header_date_are_errors(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Title: only a header\n\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_text_file(p)
    p.write_text("Published: last Tuesday\n\n" + BODY, encoding="utf-8")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_text_file(p)


# -- JSONL -------------------------------------------------------------------------------------------
def test_jsonl_reads_good_lines_and_skips_bad_ones(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": BODY, "title": "One", "source": "Wire", "published": "2024-02-03", "url": "u1"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": BODY + "x", "published": "03/02/2024"}),
        json.dumps({"text": BODY + "y", "title": {"nested": 1}}),
        json.dumps({"text": "Second article about a ceasefire in Brann.", "published": None}),
    ]
    p.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe broken\n")
    items = list(read_inputs([p]))
    good = articles(items)
    assert [a.title for a in good] == ["One", None]
    assert (good[0].text, good[0].source, good[0].published, good[0].url, good[0].origin) == (
        BODY, "Wire", "2024-02-03", "u1", f"{p}:1")
    bad = skips(items)
    assert set(bad) == {f"{p}:{n}" for n in (3, 4, 5, 6, 7, 8, 9, 11)}
    assert "not valid JSON" in bad[f"{p}:3"]
    assert "JSON object" in bad[f"{p}:4"]
    assert "no \"text\"" in bad[f"{p}:5"]
    assert "must be a string" in bad[f"{p}:6"]
    assert "empty" in bad[f"{p}:7"]
    assert "YYYY-MM-DD" in bad[f"{p}:8"]
    assert "title" in bad[f"{p}:9"]
    assert "UTF-8" in bad[f"{p}:11"]


def test_empty_jsonl_file_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "e.jsonl"
    p.write_text("\n\n")
    assert skips(list(read_inputs([p]))) == {str(p): "empty file, no articles"}


# -- HTML --------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html><head><title>Port strike ends | Harbour Times</title>
<meta property="og:title" content="Port strike ends after nine days">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2024-07-19T06:30:00Z">
<link rel="canonical" href="https://harbour.example/strike-ends">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Port strike ends after nine days</h1>
<p>Dock workers in the port of Senna returned to work on Friday after the transport union accepted a
revised wage offer from the harbour authority, ending a nine-day strike that had stranded dozens of ships.</p>
<p>The union's leader told reporters that members had voted by a wide margin to accept the deal, which
raises pay by eight percent over two years and restores overtime rates cut last spring.</p>
</article>
<footer>Copyright Harbour Times. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    (a,) = list(read_inputs([p]))
    assert isinstance(a, Article)
    assert a.text.startswith("Dock workers in the port of Senna") and "eight percent" in a.text
    assert "Subscribe" not in a.text and "Sport" not in a.text
    assert a.title == "Port strike ends after nine days"
    assert (a.source, a.published, a.url) == ("Harbour Times", "2024-07-19", "https://harbour.example/strike-ends")


def test_html_sidecar_overrides_page_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.htm"
    p.write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.json").write_text(json.dumps({"source": "Archive", "published": "2024-07-20"}))
    items = list(read_inputs([tmp_path]))
    assert len(items) == 1 and isinstance(items[0], Article)  # the sidecar is not read as an input
    assert (items[0].source, items[0].published) == ("Archive", "2024-07-20")


@pytest.mark.parametrize("content", [b"<html><head><title>Nothing</title></head><body><script>var a = 1;</script></body></html>",
                                     b"\x00\x01<html>", b""])
def test_html_without_article_text_is_skipped(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "x.html"
    p.write_bytes(content)
    (item,) = list(read_inputs([p]))
    assert isinstance(item, Skipped) and item.origin == str(p)


# -- RSS / Atom --------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Herald</title><link>https://valley.example/</link><description>News</description>
<item><title>Bridge reopens</title><link>https://valley.example/bridge</link>
<pubDate>Tue, 04 Jun 2024 09:00:00 GMT</pubDate>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>The river bridge at Tarn reopened on Monday after repairs.</p><p>Engineers said the span is safe.</p>]]></content:encoded>
</item>
<item><title>Council vote</title><link>https://valley.example/vote</link>
<pubDate>Wed, 05 Jun 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The town council of Urrel voted to delay the budget.&lt;/p&gt;</description></item>
<item><title>Empty item</title><link>https://valley.example/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Post</title><id>urn:ridge</id>
<updated>2024-08-01T00:00:00Z</updated>
<entry><title>Ministers meet</title><id>urn:ridge:1</id><link href="https://ridge.example/1"/>
<updated>2024-08-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;Foreign ministers of two neighbours met in Vesta to discuss the border.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_items_content_or_summary(tmp_path: Path) -> None:
    p = tmp_path / "valley.rss"
    p.write_text(RSS, encoding="utf-8")
    items = list(read_inputs([p]))
    good = articles(items)
    assert [a.title for a in good] == ["Bridge reopens", "Council vote"]
    assert good[0].text == "The river bridge at Tarn reopened on Monday after repairs.\n\nEngineers said the span is safe."
    assert good[1].text == "The town council of Urrel voted to delay the budget."
    assert (good[0].source, good[0].published, good[0].url, good[0].origin) == (
        "Valley Herald", "2024-06-04", "https://valley.example/bridge", f"{p}#item1")
    assert skips(items) == {f"{p}#item3": "item has no text"}


def test_atom_feed_sniffed_without_extension(tmp_path: Path) -> None:
    p = tmp_path / "ridge"
    p.write_text(ATOM, encoding="utf-8")
    assert detect_format(p) == "feed"
    (a,) = list(read_inputs([p]))
    assert isinstance(a, Article)
    assert (a.text, a.source, a.published, a.url) == (
        "Foreign ministers of two neighbours met in Vesta to discuss the border.", "Ridge Post", "2024-08-01",
        "https://ridge.example/1")


def test_broken_feed_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "broken.xml"
    p.write_text("<?xml version='1.0'?><rss><channel><item><title>unclosed", encoding="utf-8")
    (item,) = list(read_inputs([p]))
    assert isinstance(item, Skipped)


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One <b>bold</b> move.</p><script>x()</script><ul><li>a</li><li>b</li></ul>") == (
        "One bold move.\n\na\n\nb")
    assert html_to_text("plain words") == "plain words"


# -- the dispatcher ----------------------------------------------------------------------------------
def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story about talks in Pallo.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("First story about a strike in Marsa.", encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"source": "Wire"}))
    (tmp_path / ".hidden.txt").write_text("Not read.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Not read either.", encoding="utf-8")
    (tmp_path / "notes").write_text("An extensionless file is sniffed as text.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "stray.json").write_text("{}")
    items = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    assert [a.origin for a in articles(items)] == [str(tmp_path / "b" / "two.txt"), str(tmp_path / "notes"),
                                                   str(tmp_path / "one.txt")]
    assert articles(items)[2].source == "Wire"
    bad = skips(items)
    assert set(bad) == {str(tmp_path / "picture.png"), str(tmp_path / "stray.json"), str(tmp_path / "missing.txt")}
    assert "binary" in bad[str(tmp_path / "picture.png")]
    assert bad[str(tmp_path / "missing.txt")] == "no such file or directory"


@pytest.mark.parametrize(("head", "fmt"), [
    (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"), (b"<feed xmlns='x'>", "feed"),
    (b"\n<!DOCTYPE html><html>", "html"), (b'{"text": "x"}\n', "jsonl"), (b"Plain words.", "text"),
])
def test_sniffing(tmp_path: Path, head: bytes, fmt: str) -> None:
    p = tmp_path / "input"
    p.write_bytes(head)
    assert detect_format(p) == fmt
