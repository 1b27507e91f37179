"""Articles per second of `extract` over the sample articles, next to the bare spaCy parse rate.

    .venv/bin/python bench/bench_extract.py [--rounds N] [--json]

Both rates are measured in the same run over the same texts, one article at a time as `extract`
does it (models loaded beforehand). Also prints the share of time each pipeline stage took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from wirewatch.ingest import read_article
from wirewatch.pipeline import Pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="passes over the sample set")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    articles = [read_article(p) for p in sorted(SAMPLES.glob("*.txt"))]
    if not articles:
        print("no sample articles found", file=sys.stderr)
        return 2
    pipe = Pipeline()
    pipe(articles[0])  # warm-up: load lexicons, gazetteer and actor dictionaries
    for k in pipe.timings:
        pipe.timings[k] = 0.0
    n = len(articles) * args.rounds

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for a in articles:
            pipe.nlp(a.text)
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for a in articles:
            pipe(a)
    extract_s = time.perf_counter() - t0

    total = sum(pipe.timings.values())
    result = {
        "articles": n,
        "chars_per_article": round(sum(len(a.text) for a in articles) / len(articles)),
        "spacy_parse_articles_per_s": round(n / parse_s, 1),
        "extract_articles_per_s": round(n / extract_s, 1),
        "extract_vs_parse": round(parse_s / extract_s, 2),
        "stage_share": {k: round(v / total, 3) for k, v in pipe.timings.items()},
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"articles: {n} ({result['chars_per_article']} chars on average)")
        print(f"bare spaCy parse: {result['spacy_parse_articles_per_s']} articles/s")
        print(f"wirewatch extract: {result['extract_articles_per_s']} articles/s "
              f"({result['extract_vs_parse']:.2f}x the parse rate)")
        print("time per stage: " + ", ".join(f"{k} {v:.1%}" for k, v in result["stage_share"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
