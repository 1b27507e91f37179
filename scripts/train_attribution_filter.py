"""Fit the attribution filter (``src/wirewatch/data/models/attribution_filter.json``) on PolNeAR.

    .venv/bin/python scripts/train_attribution_filter.py [--polnear ../shared/eval/polnear]
                                                        [--out src/wirewatch/data/models/attribution_filter.json]

Source: the PolNeAR corpus (``../shared/eval/polnear``, brat standoff; read at training time, never
copied): the train split to fit, the dev split (with train, out of fold) to choose the regularisation and
the thresholds. The
test split is never read. What is written is feature names and weights only -- no article text.

For every article the pipeline stages before attributions run as usual; then the attribution rules
run with no filter (:meth:`Extractor.candidates`) and every candidate is labelled (quotations, denials,
non-confirmations and hedges are kept whatever their score, as the extractor keeps them):

* ``keep``: 1 when its content matches a gold content (character Jaccard >= 0.5, one-to-one, best
  first -- the PolNeAR scorer's definition), else 0;
* ``extend`` (reported contents that stop before the end of their sentence): 1 when running the content
  on to the sentence's end turns a non-match into a match, 0 when it turns a match into a non-match;
  candidates for which it changes nothing are left out.

Each is a scikit-learn ``LogisticRegression`` over the binary features of
``wirewatch.extract.attributions.filter``, fitted on train; the regularisation and the two thresholds are
those with the best content F1 over dev and train together, train scored out of fold (five folds by
article, each scored by models fitted on the other four) -- dev alone (84 articles) is too small to
choose them without following its noise. Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from wirewatch.config import DEFAULT_PIPELINE, Settings  # noqa: E402
from wirewatch.evaluate.attribution import (  # noqa: E402
    jaccard,
    match_contents,
    polnear_article,
    read_gold,
    split_texts,
)
from wirewatch.extract.attributions import Extractor, cue_lexicon  # noqa: E402
from wirewatch.extract.attributions.filter import (  # noqa: E402
    candidate_features,
    filterable,
    sentence_tail,
    tail_features,
)
from wirewatch.pipeline import Pipeline  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "models" / "attribution_filter.json"
C_GRID = (0.1, 0.3, 1.0)
KEEP_GRID = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4)
EXTEND_GRID = (0.5, 0.6, 0.7, 1.01)  # 1.01: never extend
FOLDS = 5


@dataclass
class Candidate:
    features: list[str]
    span: set[int]
    tail_features: list[str] | None  # None: no sentence tail to run on to
    tail_span: set[int]
    exempt: bool  # never dropped (a quotation, a denial, a non-confirmation, a hedge: see filterable)


@dataclass
class Article_:
    gold: list[set[int]]
    candidates: list[Candidate]


def matched(gold: list[set[int]], preds: list[set[int]]) -> set[int]:
    """Indices of the predictions matched one-to-one (Jaccard >= 0.5, best first), as the scorer matches."""
    return {pi for _, pi in match_contents(gold, preds, 0.5)}


def read_split(pipe: Pipeline, split_dir: Path) -> list[Article_]:
    out = []
    lex = cue_lexicon()
    for n, (name, ann) in enumerate(split_texts(split_dir).items(), 1):
        ex = Extractor(pipe.analyse(polnear_article(split_dir, name)), lex)
        cands = []
        for r in ex.candidates():
            s, e = ex.final_span(r)
            tail = sentence_tail(ex, r)
            tf, ts = None, set()
            if tail is not None:
                tf = tail_features(ex, r, *tail)
                saved = r.content
                r.content = ex.run_on(r, tail)
                ts = set(range(*ex.final_span(r)))
                r.content = saved
            cands.append(Candidate(candidate_features(ex, r), set(range(s, e)), tf, ts, not filterable(r)))
        out.append(Article_([g.content for g in read_gold(ann)], cands))
        if n % 100 == 0:
            print(f"  {split_dir.name}: {n} articles", file=sys.stderr)
    return out


def f1(articles: list[Article_], keep_p: list[list[float]], ext_p: list[list[float]], keep_th: float,
       ext_th: float) -> float:
    m = p = g = 0
    for art, kp, ep in zip(articles, keep_p, ext_p, strict=True):
        preds = [c.tail_span if c.tail_features is not None and e >= ext_th else c.span
                 for c, k, e in zip(art.candidates, kp, ep, strict=True) if k >= keep_th or c.exempt]
        m += len(matched(art.gold, preds))
        p += len(preds)
        g += len(art.gold)
    prec, rec = m / max(1, p), m / max(1, g)
    return 2 * prec * rec / max(1e-9, prec + rec)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "eval" / "polnear")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # the stages attributions build on; the rules then run once per article, with no filter (candidates)
    pipe = Pipeline(Settings(pipeline=DEFAULT_PIPELINE[:DEFAULT_PIPELINE.index("attributions")]))
    train = read_split(pipe, args.polnear / "train")
    dev = read_split(pipe, args.polnear / "dev")

    def rows(arts: list[Article_]) -> tuple[list[dict[str, int]], list[int], list[dict[str, int]], list[int]]:
        keep_x, keep_y, ext_x, ext_y = [], [], [], []
        for art in arts:
            hit = matched(art.gold, [c.span for c in art.candidates])
            for i, c in enumerate(art.candidates):
                if not c.exempt:
                    keep_x.append(dict.fromkeys(c.features, 1))
                    keep_y.append(int(i in hit))
                if c.tail_features is None:
                    continue
                now = max((jaccard(g, c.span) for g in art.gold), default=0.0) >= 0.5
                then = max((jaccard(g, c.tail_span) for g in art.gold), default=0.0) >= 0.5
                if now != then:
                    ext_x.append(dict.fromkeys(c.tail_features, 1))
                    ext_y.append(int(then))
        return keep_x, keep_y, ext_x, ext_y

    keep_x, keep_y, ext_x, ext_y = rows(train)
    print(f"train: {len(keep_y)} candidates ({sum(keep_y)} right), {len(ext_y)} tails that matter "
          f"({sum(ext_y)} for running on)", file=sys.stderr)

    def fit(x: list[dict[str, int]], y: list[int], c: float) -> tuple[DictVectorizer, LogisticRegression]:
        vec = DictVectorizer()
        return vec, LogisticRegression(C=c, max_iter=5000).fit(vec.fit_transform(x), y)

    def scores(vec: DictVectorizer, clf: LogisticRegression, rows: list[list[str] | None]) -> list[float]:
        present = [r for r in rows if r is not None]
        probs = iter(clf.predict_proba(vec.transform([dict.fromkeys(r, 1) for r in present]))[:, 1]) if present else iter([])
        return [float(next(probs)) if r is not None else 0.0 for r in rows]

    def predict(models: tuple[tuple[DictVectorizer, LogisticRegression], tuple[DictVectorizer, LogisticRegression]],
                arts: list[Article_]) -> tuple[list[list[float]], list[list[float]]]:
        (kv, kc), (ev, ec) = models
        return ([scores(kv, kc, [x.features for x in a.candidates]) for a in arts],
                [scores(ev, ec, [x.tail_features for x in a.candidates]) for a in arts])

    # C and the thresholds are chosen on dev together with out-of-fold scores for train (five folds by
    # article): ten times the articles dev alone has, so the choice does not follow dev's noise
    scored = train + dev
    best: tuple[float, float, float, float] | None = None
    models = {}
    dev_scores = {}
    for c in C_GRID:
        models[c] = (fit(keep_x, keep_y, c), fit(ext_x, ext_y, c))
        dev_scores[c] = keep_p, ext_p = predict(models[c], dev)
        oof_keep: list[list[float]] = [[] for _ in train]
        oof_ext: list[list[float]] = [[] for _ in train]
        for fold in range(FOLDS):
            rest = [a for i, a in enumerate(train) if i % FOLDS != fold]
            kx, ky, ex_, ey = rows(rest)
            held = [i for i in range(len(train)) if i % FOLDS == fold]
            kp, ep = predict((fit(kx, ky, c), fit(ex_, ey, c)), [train[i] for i in held])
            for i, k, e in zip(held, kp, ep, strict=True):
                oof_keep[i], oof_ext[i] = k, e
        for kt in KEEP_GRID:
            for et in EXTEND_GRID:
                score = f1(scored, oof_keep + keep_p, oof_ext + ext_p, kt, et)
                print(f"C={c} keep>={kt} extend>={et}: train (out of fold) + dev content F1 {score:.4f}; "
                      f"dev {f1(dev, keep_p, ext_p, kt, et):.4f}", file=sys.stderr)
                if best is None or score > best[0] + 1e-9:
                    best = (score, c, kt, et)
    assert best is not None
    score, c, kt, et = best
    keep_p, ext_p = dev_scores[c]
    print(f"chosen: C={c} keep>={kt} extend>={et} (train out of fold + dev content F1 {score:.4f}; dev "
          f"{f1(dev, keep_p, ext_p, kt, et):.4f}, dev with no filter "
          f"{f1(dev, [[1.0] * len(a.candidates) for a in dev], [[0.0] * len(a.candidates) for a in dev], 0, 1):.4f})")
    (kv, kc), (ev, ec) = models[c]

    def export(vec: DictVectorizer, clf: LogisticRegression, threshold: float) -> dict[str, object]:
        weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
                   if abs(w) >= 1e-4}
        return {"bias": round(float(clf.intercept_[0]), 4), "threshold": threshold, "weights": dict(sorted(weights.items()))}

    data = {
        "_about": "Learnt last look at attribution candidates (see wirewatch/extract/attributions/filter.py): "
                  "'keep' scores whether a candidate is an attribution, 'extend' whether a reported content "
                  "runs on to its sentence's end. Logistic regressions over binary features.",
        "_source": "Fitted by scripts/train_attribution_filter.py on the PolNeAR train split (thresholds and "
                   f"C={c} chosen on dev with train out of fold); feature names and weights only.",
        "keep": export(kv, kc, kt),
        "extend": export(ev, ec, et),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
