"""PLOVER event classification of a sentence with its source and target actors marked.

A linear model (scikit-learn ``LinearSVC``, hinge loss) over TF-IDF features of the sentence, with the source
and target replaced by the placeholders ``SRC``/``TGT``: word 1-2-grams and character 2-5-grams of the whole sentence,
and the same of the span between source and target (where the relation verb usually is), plus indicator
features from the project's PLOVER verb lexicon (:class:`LexiconFeatures`: lexicon roots by position relative
to the actors, with negation, modal and future cues, and the lemmas between the actors). It is trained by
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


# --- features from the project's PLOVER verb lexicon (data/lexicons/event_verbs.json) ---------------------

_TOKEN_RE = re.compile(r"SRC|TGT|n't|[A-Za-z]+(?:-[A-Za-z]+)*")
#: Irregular past forms and participles -> lemma, for the crude lemmatiser below.
_IRREGULAR: dict[str, str] = {
    "met": "meet", "held": "hold", "fought": "fight", "shot": "shoot", "struck": "strike", "sent": "send",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "began": "begin", "begun": "begin",
    "led": "lead", "made": "make", "sought": "seek", "told": "tell", "said": "say", "brought": "bring",
    "froze": "freeze", "frozen": "freeze", "withdrew": "withdraw", "withdrawn": "withdraw", "went": "go",
    "gone": "go", "won": "win", "spoke": "speak", "spoken": "speak", "threw": "throw", "thrown": "throw",
    "drove": "drive", "driven": "drive", "rose": "rise", "risen": "rise", "swore": "swear", "sworn": "swear",
    "undertook": "undertake", "wrote": "write", "written": "write", "overran": "overrun", "forbade": "forbid",
    "forbidden": "forbid", "stole": "steal", "stolen": "steal", "beaten": "beat", "fled": "flee", "bore": "bear",
    "bought": "buy", "caught": "catch", "chose": "choose", "chosen": "choose", "dealt": "deal", "fell": "fall",
    "fallen": "fall", "felt": "feel", "found": "find", "heard": "hear", "kept": "keep", "knew": "know",
    "known": "know", "laid": "lay", "left": "leave", "lent": "lend", "lost": "lose", "meant": "mean",
    "paid": "pay", "ran": "run", "saw": "see", "seen": "see", "sold": "sell", "spent": "spend", "stood": "stand",
    "taught": "teach", "thought": "think", "understood": "understand", "upheld": "uphold",
    "withheld": "withhold", "woke": "wake", "arose": "arise", "broke": "break", "broken": "break",
    "blew": "blow", "blown": "blow", "drew": "draw", "drawn": "draw", "forgave": "forgive",
    "forgiven": "forgive", "slew": "slay", "slain": "slay", "shook": "shake", "hid": "hide", "hidden": "hide",
    "bade": "bid", "sank": "sink", "sunk": "sink", "built": "build", "bound": "bind", "fed": "feed",
    "flew": "fly", "flown": "fly", "overthrew": "overthrow", "overthrown": "overthrow", "rebuilt": "rebuild",
    "sped": "speed", "stuck": "stick", "swept": "sweep", "wept": "weep", "won't": "will", "troops": "troop",
    "arms": "arm",
}
_NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nor"})
#: Future / conditional / intent cues: an act announced rather than done reads as THREATEN, AGREE, ...
_FUTURE_CUES = frozenset(
    {"will", "would", "shall", "ll", "threaten", "warn", "vow", "plan", "intend", "deadline", "unless", "if"}
)
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
        from ..lexicons import load_lexicon

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


def build_model(C: float = 0.5, lexicon_weight: float = 0.75, loss: str = "hinge") -> Any:
    """The untrained scikit-learn pipeline: marked sentences in, PLOVER roots out.

    TF-IDF word 1-2-grams and char 2-5-grams of the normalised sentence and of the source-target span,
    plus (weighted by ``lexicon_weight``; 0 leaves them out) the :class:`LexiconFeatures`; a LinearSVC with
    the plain hinge ``loss`` (chosen over squared hinge by repeated cross-validation on PLV_train; see
    ``scripts/train_event_classifier.py``).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, FunctionTransformer, make_pipeline
    from sklearn.svm import LinearSVC

    def part(select: Any, **kwargs: Any) -> Any:
        return make_pipeline(FunctionTransformer(select), TfidfVectorizer(sublinear_tf=True, **kwargs))

    parts: list[tuple[str, Any]] = [
        ("sent_words", part(normalise_all, ngram_range=(1, 2))),
        ("sent_chars", part(normalise_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2)),
        ("span_words", part(between_all, ngram_range=(1, 2))),
        ("span_chars", part(between_all, analyzer="char_wb", ngram_range=(2, 5), min_df=2)),
    ]
    weights = {name: 1.0 for name, _ in parts}
    if lexicon_weight:
        lex = make_pipeline(LexiconFeatures(), TfidfVectorizer(analyzer=_identity, sublinear_tf=True))
        parts.append(("lexicon", lex))
        weights["lexicon"] = lexicon_weight
    svc = LinearSVC(C=C, loss=loss, max_iter=5000, random_state=0)  # hinge needs more than the default 1000
    return make_pipeline(FeatureUnion(parts, transformer_weights=weights), svc)


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
