"""Headline-body stance on FNC-1 (Fake News Challenge stage 1): ``wirewatch eval stance --fnc1 DIR``.

Each pair (headline, body) is labelled ``unrelated``, ``discuss``, ``agree`` or ``disagree``. The official
FNC-1 score gives 0.25 for getting related/unrelated right and a further 0.75 for the right label of a
related pair; the relative score is the score over the best possible one.

Only the competition (test) stances of FNC-1 are available here, not the training stances, so:

* **relatedness without training**: related when the TF-IDF cosine of headline and body reaches a
  threshold. Two figures: a threshold fixed in this code before the data were looked at
  (:data:`FIXED_THRESHOLD`, TF-IDF fitted without labels on all the texts), and a threshold chosen inside
  each cross-validation training fold (the one that best separates that fold's pairs), applied to the
  held-out fold;
* **the classifier** is trained and scored by K-fold cross-validation on the competition set, grouped by
  Body ID (no body in both the training and the test part of a fold). These figures are not strictly
  comparable with the FNC-1 leaderboard, whose systems were trained on the official training split.

The model follows the UCL baseline (Riedel et al. 2017): term-frequency vectors of headline and body
(the most frequent words of the training fold), the TF-IDF cosine of the two, and a few cheap features
(refuting and hedging words, word and n-gram overlap, negation polarity), fed to a small MLP. Every
vocabulary, IDF and scaler is fitted on the training part of each fold only.

    python -m wirewatch.evaluate.stance --fnc1 /work/shared/eval/fnc1 [--folds 5] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from wirewatch.errors import InputError
from wirewatch.kb.lexicons import lexicon_words

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
STANCES_FILE = "competition_test_stances.csv"
BODIES_FILE = "competition_test_bodies.csv"
# related/unrelated without training: fixed before any figure was computed, not tuned on the data
FIXED_THRESHOLD = 0.15
ANCHORS = {"Talos (FNC-1 winner)": 0.820, "UCL baseline (Riedel et al. 2017)": 0.818}

REFUTING = frozenset(lexicon_words("stance_words", "refuting"))
HEDGING = frozenset(lexicon_words("stance_words", "hedging"))
NEGATION = frozenset(lexicon_words("negation_words", "negators") + lexicon_words("negation_words", "stance_extra"))
TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str


def _read_csv(path: str, columns: set[str]) -> list[dict[str, str]]:
    if not os.path.isfile(path):
        raise InputError(f"no such FNC-1 file: {path}")
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read FNC-1 file {path}: {exc}") from exc
    if not columns <= header:
        missing = ", ".join(sorted(columns - header))
        raise InputError(f"{path} is not an FNC-1 file (missing column(s): {missing})")
    if not rows:
        raise InputError(f"{path} holds no rows")
    return rows


def read_fnc1(directory: str, limit: int | None = None) -> tuple[list[Pair], dict[str, str]]:
    """The competition pairs (first ``limit`` rows) and the bodies by Body ID, read from ``directory``."""
    if not os.path.isdir(directory):
        raise InputError(f"no such FNC-1 directory: {directory}")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be a positive number of rows (got {limit})")
    stance_rows = _read_csv(os.path.join(directory, STANCES_FILE), {"Headline", "Body ID", "Stance"})
    body_rows = _read_csv(os.path.join(directory, BODIES_FILE), {"Body ID", "articleBody"})
    bodies = {r["Body ID"].strip(): r["articleBody"] or "" for r in body_rows}
    pairs: list[Pair] = []
    for n, r in enumerate(stance_rows[:limit] if limit else stance_rows, start=2):
        stance = (r["Stance"] or "").strip().lower()
        body_id = (r["Body ID"] or "").strip()
        if stance not in LABELS:
            raise InputError(f"{STANCES_FILE} line {n}: unknown stance {r['Stance']!r}")
        if body_id not in bodies:
            raise InputError(f"{STANCES_FILE} line {n}: Body ID {body_id!r} is not in {BODIES_FILE}")
        pairs.append(Pair(r["Headline"] or "", body_id, stance))
    return pairs, bodies


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, best possible score) by the official FNC-1 scorer.

    0.25 when related/unrelated is right; when the gold pair is related, a further 0.75 for the exact label
    (0.25 for both being related, 0.5 for the same label).
    """
    if len(gold) != len(pred):
        raise ValueError("gold and predicted labels differ in length")
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.5
        if g in RELATED and p in RELATED:
            score += 0.25
        best += 1.0 if g in RELATED else 0.25
    return score, best


def relative_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    score, best = fnc_score(gold, pred)
    return score / best if best else 0.0


def f1_per_label(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return out


def confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """Rows are gold labels, columns predicted ones."""
    table = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        table[g][p] += 1
    return table


def grouped_folds(groups: Sequence[str], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indices, test indices) of ``k`` folds in which no group is on both sides (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    n_groups = len(set(groups))
    if k < 2:
        raise InputError(f"--folds must be at least 2 (got {k})")
    if n_groups < k:
        raise InputError(f"{n_groups} Body ID(s) cannot be split into {k} folds")
    index = np.arange(len(groups))
    return [(tr, te) for tr, te in GroupKFold(n_splits=k).split(index, groups=list(groups))]


# ---------------------------------------------------------------- features


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


def _ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


@dataclass(frozen=True)
class _Body:
    """What the hand features need of one body, computed once per body (bodies recur across pairs)."""

    toks: tuple[str, ...]
    words: frozenset[str]
    lead_words: frozenset[str]
    grams: tuple[frozenset[tuple[str, ...]], ...]  # 2-, 3- and 4-grams of the whole body
    lead_grams: tuple[frozenset[tuple[str, ...]], ...]  # ... of its first 100 words
    counts: tuple[float, ...]


@lru_cache(maxsize=4096)
def _body(body: str) -> _Body:
    b = tokens(body)
    lead = b[:100]
    n_b = max(len(b), 1)
    counts = (
        sum(t in REFUTING for t in b) / n_b * 100,
        sum(t in HEDGING for t in b) / n_b * 100,
        float(sum(t in REFUTING for t in lead)),
        float(sum(t in HEDGING for t in lead)),
        float(sum(t in NEGATION for t in b) % 2),
        float(np.log1p(len(b))),
    )
    return _Body(tuple(b), frozenset(b), frozenset(lead),
                 tuple(frozenset(_ngrams(b, n)) for n in (2, 3, 4)),
                 tuple(frozenset(_ngrams(lead, n)) for n in (2, 3, 4)), counts)


def hand_features(headline: str, body: str) -> list[float]:
    """Cheap features of one pair: cue words, overlap and polarity (no fitting)."""
    h = tokens(headline)
    hs = set(h)
    bd = _body(body)
    n_b = max(len(bd.toks), 1)
    feats: list[float] = [
        len(hs & bd.words) / max(len(hs | bd.words), 1),  # Jaccard of the word sets
        len(hs & bd.words) / max(len(hs), 1),  # share of headline words in the body
        len(hs & bd.lead_words) / max(len(hs), 1),  # ... in the body's first 100 words
        sum(t in REFUTING for t in h),
        sum(t in HEDGING for t in h),
        sum(t in NEGATION for t in h) % 2,
        float("?" in headline),
        *bd.counts,
    ]
    for n, grams, lead_grams in zip((2, 3, 4), bd.grams, bd.lead_grams, strict=True):
        hg = _ngrams(h, n)  # headline n-grams found in the body, and in its lead
        feats.append(len(hg & grams) / max(len(hg), 1))
        feats.append(len(hg & lead_grams) / max(len(hg), 1))
    # refuting/hedging words within a few words of a headline word in the body
    near_ref = near_hedge = 0
    b = bd.toks
    for i, t in enumerate(b):
        if t in hs:
            window = b[max(0, i - 5) : i + 6]
            near_ref += any(w in REFUTING for w in window)
            near_hedge += any(w in HEDGING for w in window)
    feats += [near_ref / n_b * 100, near_hedge / n_b * 100]
    return feats


def _fit(vectorizer: Any, texts: list[str]) -> Any:
    try:
        return vectorizer.fit(texts)
    except ValueError as exc:  # "empty vocabulary": texts with no words left
        raise InputError(f"the FNC-1 headlines and bodies hold no words to build a vocabulary from ({exc})") from exc


def _by_text(vectorizer: Any, texts: list[str]) -> Any:
    """``vectorizer.transform(texts)``, each distinct text transformed once."""
    distinct = list(dict.fromkeys(texts))
    where = {t: i for i, t in enumerate(distinct)}
    return vectorizer.transform(distinct)[[where[t] for t in texts]]


def _row_cosine(a: Any, b: Any) -> np.ndarray:
    """Cosine of matching rows of two L2-normalised sparse matrices."""
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


class Features:
    """UCL-style features; every vocabulary, IDF and scaler is fitted on the pairs given to :meth:`fit`."""

    def __init__(self, max_words: int = 5000) -> None:
        self.max_words = max_words

    def fit(self, headlines: list[str], bodies: list[str]) -> Features:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        texts = sorted(set(headlines)) + sorted(set(bodies))
        self.tf = CountVectorizer(max_features=self.max_words, stop_words="english", token_pattern=r"(?u)\b\w\w+\b")
        _fit(self.tf, texts)
        self.tfidf = TfidfVectorizer(max_features=self.max_words, stop_words="english", sublinear_tf=True)
        _fit(self.tfidf, texts)
        return self

    def dense(self, headlines: list[str], bodies: list[str]) -> np.ndarray:
        """Per pair: the TF-IDF cosine (whole body and its lead) and the hand features."""
        hv = _by_text(self.tfidf, headlines)
        bv = _by_text(self.tfidf, bodies)
        lv = _by_text(self.tfidf, [" ".join(b.split()[:100]) for b in bodies])
        cos = _row_cosine(hv, bv)
        cos_lead = _row_cosine(hv, lv)
        hand = np.array([hand_features(h, b) for h, b in zip(headlines, bodies, strict=True)], dtype=float)
        return np.column_stack([cos, cos_lead, hand])

    def sparse(self, headlines: list[str], bodies: list[str]) -> Any:
        """Per pair: the L2-normalised term frequencies of headline and body, side by side."""
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        return hstack([normalize(_by_text(self.tf, headlines)), normalize(_by_text(self.tf, bodies))]).tocsr()


def tfidf_cosines(headlines: list[str], bodies: list[str], fit_texts: list[str]) -> np.ndarray:
    """TF-IDF cosine of every headline with its body, with the IDF fitted on ``fit_texts`` (no labels)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = _fit(TfidfVectorizer(stop_words="english", sublinear_tf=True), fit_texts)
    return _row_cosine(_by_text(vec, headlines), _by_text(vec, bodies))


def best_threshold(cos: np.ndarray, related: np.ndarray) -> float:
    """The cosine threshold that classifies most pairs right (related when cosine >= threshold)."""
    order = np.argsort(cos)
    c, r = cos[order], related[order].astype(int)
    # below position i: predicted unrelated; right = unrelated below + related at or above
    unrelated_below = np.concatenate([[0], np.cumsum(1 - r)])
    related_above = np.concatenate([[0], np.cumsum(r[::-1])])[::-1]
    right = unrelated_below + related_above
    i = int(np.argmax(right))
    if i == 0:
        return float(c[0])
    if i == len(c):
        return float(c[-1]) + 1e-9
    return float((c[i - 1] + c[i]) / 2)


class StanceModel:
    """Features plus a small MLP (UCL baseline style) over the four labels."""

    def __init__(self, seed: int = 0, hidden: int = 100, epochs: int = 30) -> None:
        self.seed, self.hidden, self.epochs = seed, hidden, epochs

    def _matrix(self, headlines: list[str], bodies: list[str], dense: np.ndarray | None = None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        if dense is None:
            dense = self.features.dense(headlines, bodies)
        dense = self.scaler.transform(dense)
        return hstack([self.features.sparse(headlines, bodies), csr_matrix(dense)]).tocsr()

    def fit(self, headlines: list[str], bodies: list[str], labels: list[str]) -> StanceModel:
        from sklearn.neural_network import MLPClassifier
        from sklearn.preprocessing import StandardScaler

        self.only: str | None = labels[0] if len(set(labels)) == 1 else None
        if self.only is not None:  # a tiny run whose training part holds one label: predict it
            return self
        self.features = Features().fit(headlines, bodies)
        dense = self.features.dense(headlines, bodies)
        self.scaler = StandardScaler().fit(dense)
        x = self._matrix(headlines, bodies, dense)
        self.clf = MLPClassifier(hidden_layer_sizes=(self.hidden,), alpha=1e-4, batch_size=500,
                                 learning_rate_init=1e-3, max_iter=self.epochs, random_state=self.seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # max_iter is the epoch budget, not a convergence test
            self.clf.fit(x, labels)
        return self

    def predict(self, headlines: list[str], bodies: list[str]) -> list[str]:
        if self.only is not None:
            return [self.only] * len(headlines)
        return [str(p) for p in self.clf.predict(self._matrix(headlines, bodies))]


# ---------------------------------------------------------------- evaluation


def evaluate_fnc1(directory: str, folds: int = 5, limit: int | None = None, seed: int = 0) -> dict[str, Any]:
    """Grouped K-fold cross-validation of :class:`StanceModel` on the FNC-1 competition set, and the
    training-free relatedness baseline."""
    t0 = time.perf_counter()
    pairs, bodies = read_fnc1(directory, limit)
    heads = [p.headline for p in pairs]
    texts = [bodies[p.body_id] for p in pairs]
    gold = [p.stance for p in pairs]
    related = np.array([g != "unrelated" for g in gold])
    groups = [p.body_id for p in pairs]
    splits = grouped_folds(groups, folds)

    # relatedness with no trained model: a fixed threshold on a label-free TF-IDF cosine
    all_texts = sorted(set(heads)) + sorted({texts[i] for i in range(len(texts))})
    cos_all = tfidf_cosines(heads, texts, all_texts)
    fixed_acc = float(np.mean((cos_all >= FIXED_THRESHOLD) == related))

    pred = [""] * len(pairs)
    thr_right = 0
    per_fold: list[dict[str, Any]] = []
    for k, (tr, te) in enumerate(splits, start=1):
        tr_l, te_l = tr.tolist(), te.tolist()
        h_tr, b_tr = [heads[i] for i in tr_l], [texts[i] for i in tr_l]
        h_te, b_te = [heads[i] for i in te_l], [texts[i] for i in te_l]
        # relatedness by a threshold chosen on the training part (IDF from the training texts too)
        fit_texts = sorted(set(h_tr)) + sorted(set(b_tr))
        thr = best_threshold(tfidf_cosines(h_tr, b_tr, fit_texts), related[tr])
        thr_hits = int(np.sum((tfidf_cosines(h_te, b_te, fit_texts) >= thr) == related[te]))
        thr_right += thr_hits
        model = StanceModel(seed=seed).fit(h_tr, b_tr, [gold[i] for i in tr_l])
        fold_pred = model.predict(h_te, b_te)
        for i, p in zip(te_l, fold_pred, strict=True):
            pred[i] = p
        fold_gold = [gold[i] for i in te_l]
        fold_f1 = f1_per_label(fold_gold, fold_pred)
        per_fold.append({
            "fold": k,
            "pairs": len(te_l),
            "bodies": len({groups[i] for i in te_l}),
            "fnc_score": relative_score(fold_gold, fold_pred),
            "macro_f1": sum(fold_f1.values()) / len(LABELS),
            "threshold": thr,
            "threshold_relatedness_accuracy": thr_hits / len(te_l),
        })

    score, best = fnc_score(gold, pred)
    f1 = f1_per_label(gold, pred)
    pred_related = np.array([p != "unrelated" for p in pred])
    scores = [f["fnc_score"] for f in per_fold]
    return {
        "dataset": "FNC-1 competition test set",
        "directory": directory,
        "protocol": f"{folds}-fold cross-validation grouped by Body ID on the competition set "
                    "(FNC-1 training stances unavailable); not strictly comparable with the leaderboard, "
                    "whose systems trained on the official training split",
        "pairs": len(pairs),
        "bodies": len(set(groups)),
        "folds": folds,
        "seed": seed,
        "fnc_score": score / best if best else 0.0,
        "fnc_score_raw": score,
        "fnc_score_max": best,
        "fnc_score_fold_mean": float(np.mean(scores)),
        "fnc_score_fold_std": float(np.std(scores)),
        "macro_f1": sum(f1.values()) / len(LABELS),
        "f1": f1,
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
        "relatedness_accuracy": float(np.mean(pred_related == related)),
        "untrained_relatedness": {
            "fixed_threshold": FIXED_THRESHOLD,
            "fixed_threshold_accuracy": fixed_acc,
            "fold_threshold_accuracy": thr_right / len(pairs),
            "majority_unrelated_accuracy": float(np.mean(~related)),
        },
        "confusion": confusion(gold, pred),
        "per_fold": per_fold,
        "anchors": dict(ANCHORS),
        "seconds": time.perf_counter() - t0,
    }


def format_report(r: dict[str, Any]) -> str:
    u = r["untrained_relatedness"]
    lines = [
        f"FNC-1: {r['directory']}  ({r['pairs']} pairs, {r['bodies']} bodies)",
        f"protocol: {r['protocol']}",
        f"FNC score (relative)  {r['fnc_score']:.4f}  ({r['fnc_score_raw']:.2f} of {r['fnc_score_max']:.2f}; "
        f"per fold {r['fnc_score_fold_mean']:.4f} +- {r['fnc_score_fold_std']:.4f})",
        "  anchors (trained on the official training split, not strictly comparable): "
        + ", ".join(f"{k} {v:.3f}" for k, v in r["anchors"].items()),
        f"macro-F1              {r['macro_f1']:.4f}",
        "F1                    " + "  ".join(f"{k} {v:.4f}" for k, v in r["f1"].items()),
        f"accuracy              {r['accuracy']:.4f}",
        f"relatedness accuracy  {r['relatedness_accuracy']:.4f}  (trained model)",
        "relatedness without a trained model (related when TF-IDF cosine >= threshold):",
        f"  fixed threshold {u['fixed_threshold']:.2f}      {u['fixed_threshold_accuracy']:.4f}",
        f"  threshold chosen per training fold  {u['fold_threshold_accuracy']:.4f}",
        f"  all 'unrelated' (majority)  {u['majority_unrelated_accuracy']:.4f}",
        "confusion (rows gold, columns predicted):",
        "  " + " " * 10 + "".join(f"{p:>10}" for p in LABELS),
    ]
    for g in LABELS:
        lines.append(f"  {g:<10}" + "".join(f"{r['confusion'][g][p]:>10}" for p in LABELS))
    lines.append("per fold:")
    for f in r["per_fold"]:
        lines.append(f"  fold {f['fold']}: {f['pairs']} pairs, {f['bodies']} bodies, FNC score {f['fnc_score']:.4f}, "
                     f"macro-F1 {f['macro_f1']:.4f}, threshold {f['threshold']:.3f} -> relatedness "
                     f"{f['threshold_relatedness_accuracy']:.4f}")
    lines.append(f"seconds {r['seconds']:.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Grouped cross-validation of headline-body stance on FNC-1.")
    ap.add_argument("--fnc1", required=True, help="directory holding competition_test_stances.csv and bodies")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    try:
        result = evaluate_fnc1(args.fnc1, folds=args.folds, limit=args.limit or None, seed=args.seed)
    except InputError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
