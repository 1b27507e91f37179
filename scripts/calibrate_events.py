"""Fit the calibration of event confidence on the real-news development split and write its model file.

    .venv/bin/python scripts/calibrate_events.py [--eval ../shared/eval] [--c 1.0]

Runs the pipeline without its ``event_confidence`` component over the dev articles of samples/gold/real/
(texts from the shared evaluation folder), labels every extracted event right or wrong with the reference
scorer (score_gold.py: type and actor match a gold or optional event), and fits an L2-regularised logistic
regression (scikit-learn) over the features of ``wirewatch.resolve.event_confidence.confidence_features``.
Writes ``src/wirewatch/data/models/event_confidence.json`` (weights per feature, bias): plain numbers, read at
run time without scikit-learn. The test split is never read here; ``bench/calibration.py`` measures it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from score_real import EVAL, documents, event_verdicts  # noqa: E402
from score_samples import load_scorer  # noqa: E402
from wirewatch.config import Settings  # noqa: E402
from wirewatch.pipeline import Pipeline  # noqa: E402
from wirewatch.resolve.event_confidence import confidence_features  # noqa: E402

MODEL = REPO / "src" / "wirewatch" / "data" / "models" / "event_confidence.json"


def raw_pipeline() -> Pipeline:
    """The configured pipeline less the calibration, so that events carry their raw rule scores."""
    settings = Settings.load()
    return Pipeline(dataclasses.replace(
        settings, pipeline=tuple(n for n in settings.pipeline if n != "event_confidence")))


def labelled_features(split: str, eval_dir: Path) -> tuple[list[list[str]], list[bool]]:
    scorer = load_scorer()
    rows: list[list[str]] = []
    labels: list[bool] = []
    for _, gold, doc in documents(split, eval_dir, raw_pipeline()):
        countries = {e["id"]: (e.get("actor") or {}).get("country") for e in doc["entities"]}
        for ev, right in zip(doc["events"], event_verdicts(scorer, gold, doc), strict=True):
            rows.append(confidence_features(ev, [countries.get(a) for a in ev["actor"]]))
            labels.append(right)
    return rows, labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    args = ap.parse_args(argv)
    rows, labels = labelled_features("dev", args.eval)
    names = sorted({f for r in rows for f in r})
    matrix = [[1.0 if n in set(r) else 0.0 for n in names] for r in rows]
    fit = LogisticRegression(C=args.c, max_iter=1000).fit(matrix, labels)
    model = {"about": "P(event accepted by the reference scorer) on the real-news dev split; "
                      "fitted by scripts/calibrate_events.py",
             "events": len(labels), "accepted": sum(labels),
             "weights": {n: round(float(w), 5) for n, w in zip(names, fit.coef_[0], strict=True)},
             "bias": round(float(fit.intercept_[0]), 5), "threshold": 0.5}
    MODEL.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"fitted on {len(labels)} dev events ({sum(labels)} accepted), {len(names)} features -> {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
