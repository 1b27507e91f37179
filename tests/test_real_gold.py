"""The real-news gold (samples/gold/real/) is well formed, and event confidence is calibrated by its model."""

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from conftest import REPO, SHARED
from wirewatch.config import Settings
from wirewatch.errors import ConfigError
from wirewatch.kb import models
from wirewatch.model import Article
from wirewatch.pipeline import Pipeline
from wirewatch.resolve.event_confidence import confidence_features

GOLD = sorted((REPO / "samples" / "gold" / "real").glob("*.json"))
EVAL = SHARED / "eval"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
KEYS = {"about", "source", "split", "published", "outlet", "attributions", "optional_attributions", "events",
        "optional_events", "forbidden_events", "places", "actors"}


def low(s):
    return " ".join(s.lower().split())


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source_text(source):
    if "#" in source:
        name, body = source.split("#", 1)
        with (EVAL / name).open(encoding="utf-8", newline="") as f:
            return next(r["articleBody"] for r in csv.DictReader(f) if r["Body ID"] == body)
    return (EVAL / source).read_text(encoding="utf-8")


def test_at_least_25_articles_with_a_third_held_out():
    splits = [load(p)["split"] for p in GOLD]
    assert len(GOLD) >= 25
    assert set(splits) == {"dev", "test"}
    assert splits.count("test") >= len(GOLD) // 3


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_is_well_formed(path):
    g = load(path)
    assert set(g) >= KEYS
    assert not Path(g["source"]).is_absolute() and ".." not in g["source"]
    for e in g["events"] + g["optional_events"] + g["forbidden_events"]:
        assert e["types"] and set(e["types"]) <= PLOVER, e
    for a in g["attributions"]:
        assert a["speaker"] and a["content"], a
        if a.get("speaker_surface"):  # the referent's names, never the pronoun itself
            assert low(a["speaker_surface"]) not in {low(s) for s in a["speaker"]}, a
    for p in g["places"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["km"] > 0, p


@pytest.mark.skipif(not EVAL.is_dir(), reason="shared eval data not available")
@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_points_into_its_article(path):
    g = load(path)
    text = low(source_text(g["source"]))
    for a in g["attributions"] + g["optional_attributions"]:
        assert low(a["content"]) in text, a["content"]
    for item in g["attributions"] + g["events"]:
        surface = item.get("speaker_surface") or item.get("actor_surface")
        if surface:
            assert low(surface) in text, surface


def test_event_confidence_is_the_models_probability_of_the_events_features():
    settings = Settings.load()
    raw = Pipeline(dataclasses.replace(settings, pipeline=tuple(n for n in settings.pipeline
                                                                 if n != "event_confidence")))
    article = Article(text="Rebels attacked an army post near Goma on Tuesday, the army said.", published="2024-05-08")
    before = raw(article).to_dict()
    after = Pipeline()(article).to_dict()
    model = models.load_event_confidence_model()
    assert before["events"] and len(before["events"]) == len(after["events"])
    countries = {e["id"]: e["actor"]["country"] for e in before["entities"]}
    for b, a in zip(before["events"], after["events"], strict=True):
        expected = model.probability(confidence_features(b, [countries.get(x) for x in b["actor"]]))
        assert a["confidence"] == round(expected, 3)
        assert 0.0 < a["confidence"] < 1.0


def test_features_tell_a_coded_actor_from_none():
    with_actor = confidence_features({"confidence": 0.77, "event_type": "ASSAULT", "actor": ["E1"]}, ["COD"])
    without = confidence_features({"confidence": 0.45, "event_type": "ASSAULT", "actor": []}, [])
    assert {"actor", "actor_coded", "raw<0.80"} <= set(with_actor)
    assert "actor" not in without and "raw<0.55" in without


def test_a_missing_calibration_file_is_a_configuration_error(monkeypatch):
    monkeypatch.setattr(models, "EVENT_CONFIDENCE_MODEL", ("data", "models", "no-such-file.json"))
    models.load_event_confidence_model.cache_clear()
    try:
        with pytest.raises(ConfigError, match="event confidence model"):
            models.load_event_confidence_model()
    finally:
        monkeypatch.undo()
        models.load_event_confidence_model.cache_clear()
