"""PLOVER event classification of a sentence with its source and target actors marked.

A linear model (scikit-learn ``LinearSVC``) over TF-IDF features of the sentence, with the source and target
replaced by the placeholders ``SRC``/``TGT``: word 1-2-grams and character 2-5-grams of the whole sentence,
and the same of the span between source and target (where the relation verb usually is). It is trained by
``scripts/train_event_classifier.py`` and ships as ``wirewatch/data/models/event_classifier.joblib``.

    clf = EventClassifier.load()
    clf.predict(["Rebels attacked the army base on Monday."], source=["Rebels"], target=["the army base"])
    # [("ASSAULT", 0.93)]

Labels are the 15 PLOVER roots used by the PLV benchmark (CONCEDE and RETREAT merged into YIELD).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "event_classifier.joblib"

#: PLOVER root -> quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
#: 4 material conflict), as in the PLV benchmark.
ROOT_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "AID": 2,
    "COOPERATE": 2,
    "YIELD": 2,
    "ACCUSE": 3,
    "REJECT": 3,
    "REQUEST": 3,
    "THREATEN": 3,
    "ASSAULT": 4,
    "COERCE": 4,
    "MOBILIZE": 4,
    "PROTEST": 4,
    "SANCTION": 4,
}
PLOVER_ROOTS: tuple[str, ...] = tuple(sorted(ROOT_QUAD))
QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
#: Roots that the PLOVER codebook has but the classifier folds into another label.
ROOT_ALIASES: dict[str, str] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}

_SRC_RE = re.compile(r"<s>.*?</s>", re.S)
_TGT_RE = re.compile(r"<t>.*?</t>", re.S)


def quad_of(root: str) -> int:
    """The quad class (1-4) of a PLOVER root; CONCEDE and RETREAT count as YIELD."""
    root = root.upper()
    return ROOT_QUAD[ROOT_ALIASES.get(root, root)]


def mark(sentence: str, source: str | None = None, target: str | None = None) -> str:
    """Wrap the first occurrence of ``source`` in ``<s>..</s>`` and of ``target`` in ``<t>..</t>``.

    A sentence that already carries markers is returned as it is; an actor not found is left unmarked.
    """
    if "<s>" in sentence or "<t>" in sentence:
        return sentence
    spans: list[tuple[int, int, str]] = []
    for text, tag in ((source, "s"), (target, "t")):
        if not text:
            continue
        start = sentence.find(text)
        if start < 0:
            start = sentence.lower().find(text.lower())
        if start < 0:
            continue
        end = start + len(text)
        if any(start < e and s < end for s, e, _ in spans):
            continue
        spans.append((start, end, tag))
    for start, end, tag in sorted(spans, reverse=True):
        sentence = f"{sentence[:start]}<{tag}>{sentence[start:end]}</{tag}>{sentence[end:]}"
    return sentence


def normalise(marked: str) -> str:
    """The marked sentence with the source and target replaced by ``SRC`` and ``TGT``."""
    return _TGT_RE.sub(" TGT ", _SRC_RE.sub(" SRC ", marked))


def between(marked: str) -> str:
    """The stretch from source to target (or the 60 characters after a lone source): the relation."""
    text = normalise(marked)
    a, b = text.find("SRC"), text.find("TGT")
    if a < 0 and b < 0:
        return ""
    if a < 0 or b < 0:
        start = max(a, b)
        return text[start : start + 60]
    lo, hi = sorted((a, b))
    return text[lo : hi + 3]


def normalise_all(texts: Sequence[str]) -> list[str]:
    return [normalise(t) for t in texts]


def between_all(texts: Sequence[str]) -> list[str]:
    return [between(t) for t in texts]


def build_model(C: float = 0.5) -> Any:
    """The untrained scikit-learn pipeline: marked sentences in, PLOVER roots out."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FunctionTransformer, make_pipeline, make_union
    from sklearn.svm import LinearSVC

    def part(select: Any, **kwargs: Any) -> Any:
        return make_pipeline(FunctionTransformer(select), TfidfVectorizer(sublinear_tf=True, **kwargs))

    features = make_union(
        part(normalise_all, ngram_range=(1, 2)),
        part(normalise_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2),
        part(between_all, ngram_range=(1, 2)),
        part(between_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2),
    )
    return make_pipeline(features, LinearSVC(C=C))


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EventClassifier:
    """A trained PLOVER root classifier; :meth:`load` the bundled one."""

    def __init__(self, model: Any, temperature: float = 0.3) -> None:
        self.model = model
        self.temperature = temperature
        self.labels: list[str] = [str(c) for c in model.classes_]

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventClassifier:
        return _load_cached(str(path or MODEL_PATH))

    def predict_marked(self, marked: Sequence[str]) -> list[tuple[str, float]]:
        """Classify sentences already carrying ``<s>..</s>``/``<t>..</t>`` markers: (root, confidence)."""
        if not marked:
            return []
        scores = np.asarray(self.model.decision_function(list(marked)))
        probs = _softmax(scores, self.temperature)
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def predict(
        self,
        sentences: Sequence[str],
        source: Sequence[str | None] | None = None,
        target: Sequence[str | None] | None = None,
    ) -> list[tuple[str, float]]:
        """Classify sentences, each optionally with the text of its source and target actor.

        The confidence is a softmax over the linear scores: a ranking aid, not a calibrated probability.
        """
        n = len(sentences)
        srcs = list(source) if source is not None else [None] * n
        tgts = list(target) if target is not None else [None] * n
        if len(srcs) != n or len(tgts) != n:
            raise ValueError("source and target must be as long as sentences")
        return self.predict_marked([mark(s, a, b) for s, a, b in zip(sentences, srcs, tgts, strict=True)])


@lru_cache(maxsize=4)
def _load_cached(path: str) -> EventClassifier:
    if not Path(path).is_file():
        raise ConfigError(
            f"event classifier model not found: {path} (build it with scripts/train_event_classifier.py)"
        )
    import joblib

    bundle = joblib.load(path)
    return EventClassifier(bundle["model"], temperature=float(bundle.get("temperature", 0.3)))
