"""Well-formedness checks for the bundled sample articles and their hand-made gold files."""

import datetime
import json
import re
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARTICLES = sorted((SAMPLES / "articles").glob("*.txt"))
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
GOLD_KEYS = [
    "about",
    "published",
    "attributions",
    "optional_attributions",
    "events",
    "optional_events",
    "forbidden_events",
    "places",
    "actors",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def low(s):
    return " ".join(s.lower().split())


def sidecar(article):
    return json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))


def gold(article):
    return json.loads((SAMPLES / "gold" / f"{article.stem}.json").read_text(encoding="utf-8"))


def test_at_least_twenty_articles():
    assert len(ARTICLES) >= 20
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", a.stem) for a in ARTICLES)


def test_every_file_belongs_to_an_article():
    stems = {a.stem for a in ARTICLES}
    assert {p.stem for p in (SAMPLES / "articles").glob("*.json")} == stems
    assert {p.stem for p in (SAMPLES / "gold").glob("*.json")} == stems


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_article_text(article):
    text = article.read_bytes().decode("utf-8")
    assert text.endswith("\n") and text.strip()
    assert 120 <= len(text.split()) <= 350


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_sidecar(article):
    meta = sidecar(article)
    assert set(meta) == {"title", "source", "published", "url"}
    assert meta["title"].strip() and meta["source"].strip()
    published = datetime.date.fromisoformat(meta["published"])
    assert meta["published"] == published.isoformat()
    assert datetime.date(2023, 1, 1) <= published <= datetime.date(2026, 10, 31)
    assert meta["url"].endswith(article.stem)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_structure(article):
    g = gold(article)
    assert list(g) == GOLD_KEYS
    assert g["published"] == sidecar(article)["published"]
    assert g["attributions"] and g["events"] and g["places"]
    for e in g["events"] + g["optional_events"] + g["forbidden_events"]:
        assert e["types"] and set(e["types"]) <= PLOVER, e
        assert "aux" not in e or isinstance(e["aux"], list), e
    for f in g["forbidden_events"]:
        assert f["actor_country"] and f["why"], f
    for p in g["places"]:
        assert p["name"] and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["km"] > 0, p
    for a in g["actors"]:
        assert a["name"] and a["country"], a


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_strings_come_from_the_article(article):
    text = low(article.read_text(encoding="utf-8"))
    g = gold(article)
    for a in g["attributions"] + g["optional_attributions"]:
        assert low(a["content"]) in text, a["content"]
        assert any(low(s) in text for s in a["speaker"]), a["speaker"]
    for e in g["events"]:
        if e.get("place"):
            assert low(e["place"]) in text, e["place"]
    for p in g["places"]:
        assert any(low(n) in text for n in p["name"]), p["name"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_weekdays_match_publication_date(article):
    g = gold(article)
    published = datetime.date.fromisoformat(g["published"])
    m = re.search(r"published (\w+) (\d{4}-\d{2}-\d{2})", g["about"])
    assert m and m.group(1) == WEEKDAYS[published.weekday()] and m.group(2) == g["published"]
    text = article.read_text(encoding="utf-8")
    for phrase, value in re.findall(r"'([^']+)' = (\d{4}-\d{2}-\d{2})", g["about"]):
        assert phrase in text, phrase
        day = datetime.date.fromisoformat(value)
        named = [w for w in WEEKDAYS if w in phrase]
        if named:
            assert WEEKDAYS[day.weekday()] == named[0], (phrase, value)
            assert abs((day - published).days) <= 7, (phrase, value)
    for e in g["events"] + g["optional_events"]:
        if e.get("date"):
            assert abs((datetime.date.fromisoformat(e["date"]) - published).days) <= 31, e


LINKED = sorted((SAMPLES / "linked").glob("[0-9][0-9]-*"))


def _body(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("story", LINKED, ids=lambda p: p.name)
def test_linked_story_gold_is_well_formed(story: Path) -> None:
    """Every file, sentence and claim the link gold names is where it says, so bench/score_link.py
    scores what the gold means (a typo would silently drop a mention from the score)."""
    gold = json.loads((SAMPLES / "gold" / "linked" / f"{story.name}.json").read_text(encoding="utf-8"))
    assert gold["story"] == story.name
    files = {a["file"] for a in gold["articles"]}
    assert files == {p.name for p in story.glob("*.txt")} and 3 <= len(files) <= 6
    texts = {f: _body(story / f) for f in files}
    grouped = {f for group in gold["copy_groups"] for f in group}
    for a in gold["articles"]:
        assert a["copy_of"] is None or (a["copy_of"] in files and a["file"] in grouped)
    for inc in gold["incidents"]:
        assert inc["event_type"] in PLOVER
        assert inc["date"] is None or datetime.date.fromisoformat(inc["date"])  # None: the text gives no day
        for m in inc["mentions"]:
            sentence = " ".join(m["sentence"].split())
            assert sentence in texts[m["file"]] and m["trigger"] in sentence, (inc["id"], m["file"])
    for m in gold["not_incidents"]:
        assert " ".join(m["sentence"].split()) in texts[m["file"]]
    for claim in gold["claims"]:
        assert claim["independent_sources"] >= 0 and isinstance(claim["contested"], bool)
        for member in claim["members"]:
            assert member["stance"] in {"asserts", "denies", "cannot_confirm", "hedges"}
            assert " ".join(member["content"].split()) in texts[member["file"]], (claim["id"], member["file"])
