"""The PLOVER event classifier: bundled model, quad mapping, own news-style sentences, PLV smoke test."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.extract.classify import (
    MODEL_PATH,
    PLOVER_ROOTS,
    ROOT_QUAD,
    EventClassifier,
    between,
    mark,
    normalise,
    quad_of,
)

PLV_TEST = Path("/work/shared/eval/events/PLV_test.tsv")

# (sentence, source, target, expected root): the wirewatch authors' own sentences, not from any data set.
OWN_SENTENCES: list[tuple[str, str, str, str]] = [
    ("Government troops shelled the rebel-held town of Marwa overnight, killing at least twelve people.",
     "Government troops", "the rebel-held town of Marwa", "ASSAULT"),
    ("Gunmen opened fire on a police convoy outside the northern city on Saturday.",
     "Gunmen", "a police convoy", "ASSAULT"),
    ("The air force launched air strikes on militant hideouts in the mountains.",
     "The air force", "militant hideouts", "ASSAULT"),
    ("Police arrested three opposition activists during a dawn raid in the capital.",
     "Police", "three opposition activists", "COERCE"),
    ("Authorities detained the editor of an independent newspaper on Tuesday.",
     "Authorities", "the editor of an independent newspaper", "COERCE"),
    ("The European Union imposed fresh sanctions on Belarusian officials over the crackdown.",
     "The European Union", "Belarusian officials", "SANCTION"),
    ("Lithuania expelled two Russian diplomats in a row over espionage.",
     "Lithuania", "two Russian diplomats", "SANCTION"),
    ("Thousands of teachers protested outside parliament against the pension reform.",
     "Thousands of teachers", "parliament", "PROTEST"),
    ("The foreign minister accused Tehran of arming the militias.",
     "The foreign minister", "Tehran", "ACCUSE"),
    ("Human rights groups condemned the junta for the killing of protesters.",
     "Human rights groups", "the junta", "ACCUSE"),
    ("The prime minister rejected a proposal from the opposition to hold early elections.",
     "The prime minister", "the opposition", "REJECT"),
    ("The president refused to meet the delegation sent by the rebels.",
     "The president", "the rebels", "REJECT"),
    ("North Korea threatened to strike American bases if the drills went ahead.",
     "North Korea", "American bases", "THREATEN"),
    ("The UN secretary-general called on both sides to return to the negotiating table.",
     "The UN secretary-general", "both sides", "REQUEST"),
    ("Kenya and Ethiopia signed an agreement to build a new highway across their border.",
     "Kenya", "Ethiopia", "AGREE"),
    ("The two leaders agreed to a ceasefire after three days of talks.",
     "The two leaders", "three days of talks", "AGREE"),
    ("The Japanese prime minister met the South Korean president in Seoul on Monday.",
     "The Japanese prime minister", "the South Korean president", "CONSULT"),
    ("The envoy held talks with Taliban representatives in Doha.",
     "The envoy", "Taliban representatives", "CONSULT"),
    ("The World Food Programme delivered food aid to flood victims in the south.",
     "The World Food Programme", "flood victims", "AID"),
    ("Germany sent medical supplies and doctors to the earthquake zone.",
     "Germany", "the earthquake zone", "AID"),
    ("The military government released more than two hundred political prisoners.",
     "The military government", "more than two hundred political prisoners", "YIELD"),
    ("The army withdrew its troops from the disputed border region.",
     "The army", "the disputed border region", "YIELD"),
    ("The chancellor praised Poland for taking in refugees.",
     "The chancellor", "Poland", "SUPPORT"),
    ("Rebels abducted a group of aid workers near the border.",
     "Rebels", "a group of aid workers", "ASSAULT"),
]

# Known misses of the current model (kept in the 90 % pool): 5 (sanctions -> COERCE), 14 (AGREE -> SUPPORT).
MUST_PASS = {0, 3, 8, 10, 16, 20}


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


def test_artifact_loads_and_is_small(classifier: EventClassifier) -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 20_000_000
    assert sorted(classifier.labels) == sorted(PLOVER_ROOTS)
    assert len(PLOVER_ROOTS) == 15


def test_quad_mapping() -> None:
    assert quad_of("AGREE") == quad_of("CONSULT") == quad_of("SUPPORT") == 1
    assert quad_of("AID") == quad_of("COOPERATE") == quad_of("YIELD") == 2
    assert quad_of("ACCUSE") == quad_of("REJECT") == quad_of("REQUEST") == quad_of("THREATEN") == 3
    assert {quad_of(r) for r in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION")} == {4}
    assert quad_of("concede") == quad_of("RETREAT") == 2
    assert set(ROOT_QUAD.values()) == {1, 2, 3, 4}


def test_marking_helpers() -> None:
    marked = mark("Police arrested the protesters.", "Police", "the protesters")
    assert marked == "<s>Police</s> arrested <t>the protesters</t>."
    assert mark(marked, "x", "y") == marked
    assert normalise(marked).split() == ["SRC", "arrested", "TGT", "."]
    assert "arrested" in between(marked)
    assert mark("Nobody here.", "Police", None) == "Nobody here."


def test_own_sentences(classifier: EventClassifier) -> None:
    sentences, sources, targets, gold = zip(*OWN_SENTENCES, strict=True)
    predicted = classifier.predict(list(sentences), list(sources), list(targets))
    assert len(predicted) == len(OWN_SENTENCES)
    labels = [label for label, _ in predicted]
    wrong = [(s, g, p) for s, g, p in zip(sentences, gold, labels, strict=True) if g != p]
    assert len(wrong) <= 0.1 * len(OWN_SENTENCES), wrong
    for i in MUST_PASS:
        assert labels[i] == gold[i], OWN_SENTENCES[i]
    assert all(0.0 < conf <= 1.0 for _, conf in predicted)


def test_predict_without_actors_and_empty(classifier: EventClassifier) -> None:
    assert classifier.predict([]) == []
    (label, conf), = classifier.predict(["Police arrested dozens of demonstrators in the capital."])
    assert label in PLOVER_ROOTS and 0 < conf <= 1
    with pytest.raises(ValueError):
        classifier.predict(["a", "b"], source=["x"])


@pytest.mark.skipif(not PLV_TEST.is_file(), reason="shared PLV data not available")
def test_evaluate_plv_smoke() -> None:
    from wirewatch.evaluate.events import evaluate_plv

    result = evaluate_plv(str(PLV_TEST), limit=50)
    assert result["n"] == 50
    for key in ("accuracy", "macro_f1", "quad_accuracy"):
        assert 0.0 <= result[key] <= 1.0
    assert result["sentences_per_second"] > 0


def test_evaluate_plv_bad_path() -> None:
    from wirewatch.errors import InputError
    from wirewatch.evaluate.events import evaluate_plv

    with pytest.raises(InputError):
        evaluate_plv("/nonexistent/PLV.tsv")
