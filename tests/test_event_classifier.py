"""The PLOVER event classifier: bundled model, quad mapping, own news-style sentences, PLV smoke test."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from wirewatch.errors import ConfigError
from wirewatch.extract import classify
from wirewatch.extract.classify import (
    ENCODER_DIM,
    MODEL_PATH,
    PLOVER_ROOTS,
    ROOT_QUAD,
    EnsembleModel,
    EventClassifier,
    SentenceEncoder,
    between,
    mark,
    normalise,
    quad_of,
    sentence_encoder,
    strip_markers,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from event_model import build_dense_model, build_model  # noqa: E402  (training code lives in scripts/)

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


def test_artifact_is_the_ensemble(classifier: EventClassifier) -> None:
    model = classifier.model
    assert isinstance(model, EnsembleModel)
    assert 0 < model.dense_weight < 1
    assert list(model.dense.classes_) == list(model.sparse.classes_)


def test_strip_markers() -> None:
    assert strip_markers("<s>Police</s> arrested <t>the protesters</t>.") == "Police arrested the protesters."
    assert strip_markers("No markers here.") == "No markers here."


def test_sentence_encoder_is_normalised_and_batch_independent() -> None:
    sentences = [mark(s, a, b) for s, a, b, _ in OWN_SENTENCES[:6]] + ["Short one."]
    enc = sentence_encoder()
    together = enc.encode(sentences)
    assert together.shape == (len(sentences), ENCODER_DIM)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    # batches of 2, in another order: the same vectors (padding must not leak into the mean)
    small = SentenceEncoder(batch_size=2)
    shuffled = small.encode(sentences[::-1])[::-1]
    assert np.allclose(together, shuffled, atol=1e-4)
    # the markers are not part of what the encoder reads
    assert np.allclose(enc.encode([sentences[0]]), enc.encode([strip_markers(sentences[0])]), atol=1e-5)
    assert enc.encode([]).shape == (0, ENCODER_DIM)
    # related sentences are closer than unrelated ones
    a, b, c = enc.encode([
        "Soldiers shelled the village overnight.",
        "Troops bombarded the town during the night.",
        "The two ministers signed a trade agreement.",
    ])
    assert a @ b > a @ c


def test_missing_encoder_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "_ENCODER_FILES", (("wirewatch_no_such_package", "model.onnx"),))
    with pytest.raises(ConfigError, match="wirewatch-no-such-package"):
        SentenceEncoder().load()


def test_ensemble_fit_with_given_embeddings() -> None:
    texts = [mark(s, a, b) for s, a, b, _ in OWN_SENTENCES] * 3  # enough rows per label for sklearn
    labels = [root for *_, root in OWN_SENTENCES] * 3
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(len(texts), ENCODER_DIM)).astype(np.float32)
    model = EnsembleModel(build_model(), build_dense_model(), dense_weight=0.5).fit(texts, labels, embeddings=emb)
    scores = model.decision_function(texts, embeddings=emb)
    assert scores.shape == (len(texts), len(set(labels)))
    assert list(model.predict(texts, embeddings=emb)) == list(model.classes_[scores.argmax(axis=1)])
    with pytest.raises(ValueError):
        model.decision_function(texts, embeddings=emb[:3])
    # weight 0: the sparse model alone, and no encoder needed
    sparse_only = EnsembleModel(build_model(), dense_weight=0).fit(texts, labels)
    assert sparse_only.decision_function(texts).shape == scores.shape
    # the margin: sure rows keep the sparse scores, unsure rows get the average; None consults the dense
    # model everywhere, and a margin above every gap is the same as None
    sparse_z = sparse_only.decision_function(texts)
    unsure = set(model.unsure(sparse_z).tolist())
    for i in range(len(texts)):
        if i not in unsure:
            assert np.allclose(scores[i], sparse_z[i])
    model.margin = None
    everywhere = model.decision_function(texts, embeddings=emb)
    model.margin = 1e9
    assert np.allclose(model.decision_function(texts, embeddings=emb), everywhere)
    assert len(model.unsure(sparse_z)) == len(texts)


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


def test_unmark_spans() -> None:
    from wirewatch.evaluate.events import unmark

    text, src, tgt = unmark("<s>The rebels</s> shelled <t>the town</t> at dawn.")
    assert text == "The rebels shelled the town at dawn."
    assert src is not None and text[src[0] : src[1]] == "The rebels"
    assert tgt is not None and text[tgt[0] : tgt[1]] == "the town"
    assert unmark("No markers here.") == ("No markers here.", None, None)


def test_evaluate_plv_extract_coder(tmp_path: Path, pipeline) -> None:
    from wirewatch.evaluate.events import evaluate_plv, format_report

    rows = [
        ("<s>Germany</s> sent humanitarian aid to <t>Ukraine</t> on Monday.", "AID", "2"),
        ("<s>Russian forces</s> shelled <t>Kharkiv</t> overnight.", "ASSAULT", "4"),
        ("<s>The weather</s> was mild in <t>Paris</t>.", "CONSULT", "1"),  # nothing to find: a counted miss
    ]
    plv = tmp_path / "tiny.tsv"
    plv.write_text(
        "marked_sentence\tgold_root\tgold_penta\n" + "".join(f"{m}\t{r}\t{q}\n" for m, r, q in rows),
        encoding="utf-8",
    )
    result = evaluate_plv(str(plv), coder="extract", pipeline=pipeline)
    assert result["coder"] == "extract" and result["n"] == 3
    assert result["no_event"] == 1 and abs(result["coverage"] - 2 / 3) < 1e-9
    assert abs(result["accuracy"] - 2 / 3) < 1e-9  # the sentence with no event counts as wrong
    assert "NONE" not in result["f1_per_label"]
    assert result["match"]["none"] == 1 and result["match"]["both"] == 2
    assert "no event found: 1" in format_report(result)


def test_evaluate_plv_unknown_coder(tmp_path: Path) -> None:
    from wirewatch.errors import InputError
    from wirewatch.evaluate.events import evaluate_plv

    with pytest.raises(InputError):
        evaluate_plv(str(tmp_path / "x.tsv"), coder="oracle")
