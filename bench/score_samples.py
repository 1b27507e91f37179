"""Score `extract` on the bundled sample articles against their hand-made gold (samples/gold/).

    .venv/bin/python bench/score_samples.py [--json] [--per-article]

Uses the reference scorer `score_gold.py` from the shared evaluation folder (../shared/eval), the same
one that scores the seed article, and prints the mean of each figure over the articles (the sum for
forbidden_events). The samples were written for this project, so these figures measure generality
beyond the seed, not accuracy on outside news.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from wirewatch.ingest import read_article
from wirewatch.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "eval" / "score_gold.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    if spec is None or spec.loader is None or not SCORER.exists():
        raise SystemExit(f"reference scorer not found at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--per-article", action="store_true")
    args = ap.parse_args(argv)
    scorer = load_scorer()
    pipe = Pipeline()
    totals: dict[str, float] = {}
    n = 0
    for gold_path in sorted((REPO / "samples" / "gold").glob("*.json")):
        article_path = REPO / "samples" / "articles" / f"{gold_path.stem}.txt"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = pipe(read_article(article_path)).to_dict()
        scores = scorer.score(gold, doc)
        if args.per_article:
            print(gold_path.stem, " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                           for k, v in scores.items()))
        for k, v in scores.items():
            totals[k] = totals.get(k, 0.0) + v
        n += 1
    summary = {k: (v if k == "forbidden_events" else round(v / max(1, n), 3)) for k, v in totals.items()}
    summary["articles"] = n
    if args.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
