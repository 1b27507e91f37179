"""Shared by the corpus tests: store URLs for SQLite and (when $WIREWATCH_TEST_PG_URL is set) PostgreSQL,
a hand-made document, and small articles of our own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch.model import (
    Actor,
    Article,
    ArticleMeta,
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    EventDate,
    Place,
    SentenceSpan,
    Span,
    Speaker,
)

PG_URL = os.environ.get("WIREWATCH_TEST_PG_URL")


def reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty corpus location on each backend; PostgreSQL is skipped when not configured."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    if not PG_URL:
        pytest.skip("WIREWATCH_TEST_PG_URL is not set (bash dev/postgres start)")
    reset_pg(PG_URL)
    yield PG_URL


KYIV_TEXT = (
    "Ukraine accused Russia of shelling Kharkiv on Monday, officials said.\n\n"
    "The Kremlin denied that its forces had struck the city.\n"
)


def hand_document(text: str = KYIV_TEXT, source: str | None = "Test Wire", published: str | None = "2024-05-06",
                  title: str | None = "Shelling in Kharkiv") -> tuple[Article, Document]:
    """An article and a document written by hand, so store tests do not depend on extraction."""
    article = Article(text=text, title=title, source=source, published=published, url="https://example.org/1",
                      origin="hand.txt")

    def span(word: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Span.of(text, start, start + len(word))

    s1_end = text.index("\n")
    s2_start = text.index("The Kremlin")
    entities = [
        Entity("E1", "Ukraine", "GPE", Actor("UKR", "GOV"), [span("Ukraine")]),
        Entity("E2", "Russia", "GPE", Actor("RUS", "GOV"), [span("Russia")]),
        Entity("E3", "Kremlin", "ORG", Actor("RUS", "GOV", ["EXEC"]), [span("Kremlin")]),
        Entity("E4", "officials", "NOMINAL", Actor(None, "GOV"), [span("officials")]),
    ]
    places = [Place("P1", "Kharkiv", 49.98081, 36.25272, geonameid=706483, country="UKR", admin1="Kharkivska",
                    feature="PPLA", mentions=[span("Kharkiv")])]
    attributions = [
        Attribution("A1", "according_to", Speaker("officials", "E4", *_se(span("officials"))),
                    Span.of(text, 0, text.index(", officials")), Cue(*_se(span("said")), "said", "say")),
        Attribution("A2", "indirect", Speaker("The Kremlin", "E3", s2_start, s2_start + 11),
                    Span.of(text, text.index("its forces"), text.index(" the city.") + 9),
                    Cue(*_se(span("denied")), "denied", "deny"), stance="denies", disputed_by=[]),
    ]
    events = [
        Event("V1", "ACCUSE", span("accused"), SentenceSpan(0, s1_end), actor=["E1"], recipient=["E2"],
              date=EventDate("2024-05-06", "day", "Monday"), attribution="A1", confidence=0.8),
        Event("V2", "ASSAULT", span("shelling"), SentenceSpan(0, s1_end), mode="artillery", actor=["E2"],
              place="P1", date=EventDate("2024-05-06", "day", "Monday"), attribution="A1", confidence=0.7),
        Event("V3", "ASSAULT", span("struck"), SentenceSpan(s2_start, len(text) - 1), actor=["E3"],
              place="P1", attribution="A2", aux="negation", confidence=0.4),
    ]
    events[1].cameo = "195"  # a full CAMEO code; exports also give its root, "19"
    meta = ArticleMeta(id=article.sha256[:16], sha256=article.sha256, chars=len(text), source=source,
                       title=title, published=published)
    return article, Document(meta, entities, places, attributions, events)


def _se(s: Span) -> tuple[int, int]:
    return s.start, s.end


# Short articles in our own words; the numbers and names vary so that every one hashes differently.
TOWNS = ["Marsa", "Kelto", "Brann", "Odrin", "Vesta", "Pallo", "Tarn", "Urrel", "Zemma", "Quill"]
UNITS = ["police", "the army", "rebel fighters", "border guards", "militia members"]


def small_article(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    unit = UNITS[i % len(UNITS)]
    return (f"Clashes between {unit} and protesters in {town} left {i + 3} people injured on Tuesday, "
            f"local officials said.\n\nThe governor of the province called for calm and said talks "
            f"would resume in {i % 28 + 1} days. Report number {i}.\n")


def write_small_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"a{i:04d}.txt"
        p.write_text(f"Title: Clashes in {TOWNS[i % len(TOWNS)]} ({i})\nSource: Test Wire\n"
                     f"Published: 2024-04-{i % 28 + 1:02d}\n\n" + small_article(i), encoding="utf-8")
        paths.append(p)
    return paths


RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Herald</title><link>https://valley.example/</link>
<description>News</description>
<item><title>Bridge reopens</title><link>https://valley.example/bridge</link>
<pubDate>Tue, 04 Jun 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The river bridge at Tarn reopened on Monday after repairs, engineers said.&lt;/p&gt;</description>
</item>
<item><title>Council vote</title><link>https://valley.example/vote</link>
<pubDate>Wed, 05 Jun 2024 10:00:00 GMT</pubDate>
<description>The town council of Urrel voted to delay the budget.</description></item>
</channel></rss>
"""
