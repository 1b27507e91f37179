"""Evaluate the PLOVER event classifier on a PLV file (PLV_test.tsv of the Zero-Shot-PLOVER data).

Each row's ``marked_sentence`` (source in ``<s>..</s>``, target in ``<t>..</t>``) is classified by
:class:`wirewatch.extract.classify.EventClassifier` and compared with ``gold_root`` (15 labels; CONCEDE and
RETREAT count as YIELD) and, through the root's quad class, with ``gold_penta`` (1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict). Reports accuracy, macro-F1 over the
labels present in gold or prediction, per-label F1, quad accuracy and sentences per second (classification
only, model loading excluded).

    python -m wirewatch.evaluate.events --plv /work/shared/eval/events/PLV_test.tsv [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from typing import Any

from wirewatch.errors import InputError
from wirewatch.extract.classify import ROOT_ALIASES, EventClassifier, quad_of


def read_plv(path: str, limit: int | None = None) -> list[dict[str, str]]:
    """The rows of a PLV TSV file (needs ``marked_sentence`` and ``gold_root``)."""
    if not os.path.isfile(path):
        raise InputError(f"no such PLV file: {path}")
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read PLV file {path}: {exc}") from exc
    if not rows or not {"marked_sentence", "gold_root"} <= set(rows[0]):
        raise InputError(f"{path} is not a PLV file (needs the columns marked_sentence and gold_root)")
    return rows[:limit] if limit else rows


def _canon(root: str) -> str:
    root = root.strip().upper()
    return ROOT_ALIASES.get(root, root)


def f1_scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Per-label F1 over every label seen in gold or prediction."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    scores: dict[str, float] = {}
    for label in sorted(set(gold) | set(pred)):
        denom = 2 * tp[label] + fp[label] + fn[label]
        scores[label] = 2 * tp[label] / denom if denom else 0.0
    return scores


def evaluate_plv(path: str, limit: int | None = None, classifier: EventClassifier | None = None) -> dict[str, Any]:
    """Classify every row of a PLV file and score it against the gold roots and quad classes."""
    rows = read_plv(path, limit)
    clf = classifier or EventClassifier.load()
    marked = [r["marked_sentence"] for r in rows]
    t0 = time.perf_counter()
    predicted = clf.predict_marked(marked)
    elapsed = time.perf_counter() - t0
    gold = [_canon(r["gold_root"]) for r in rows]
    pred = [label for label, _ in predicted]
    n = len(rows)
    per_label = f1_scores(gold, pred)
    if "gold_penta" in rows[0]:
        gold_quad = [int(r["gold_penta"]) for r in rows]
    else:
        gold_quad = [quad_of(g) for g in gold]
    quad_hits = sum(quad_of(p) == q for p, q in zip(pred, gold_quad, strict=True))
    return {
        "file": path,
        "n": n,
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / n if n else 0.0,
        "macro_f1": sum(per_label.values()) / len(per_label) if per_label else 0.0,
        "quad_accuracy": quad_hits / n if n else 0.0,
        "sentences_per_second": n / elapsed if elapsed > 0 else float("inf"),
        "seconds": elapsed,
        "labels": len(per_label),
        "f1_per_label": per_label,
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"PLV: {result['file']}  ({result['n']} sentences)",
        f"accuracy       {result['accuracy']:.4f}",
        f"macro-F1       {result['macro_f1']:.4f}  (over {result['labels']} labels)",
        f"quad accuracy  {result['quad_accuracy']:.4f}",
        f"speed          {result['sentences_per_second']:.0f} sentences/s",
        "per-label F1:",
    ]
    lines += [f"  {label:<10} {f1:.3f}" for label, f1 in result["f1_per_label"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate PLOVER event classification on a PLV file.")
    ap.add_argument("--plv", required=True, help="PLV TSV file, e.g. /work/shared/eval/events/PLV_test.tsv")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows (0: all)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    try:
        result = evaluate_plv(args.plv, limit=args.limit or None)
    except InputError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
