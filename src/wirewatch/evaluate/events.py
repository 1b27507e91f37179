"""Evaluate the PLOVER event classifier on a PLV file (PLV_test.tsv of the Zero-Shot-PLOVER data).

Each row's ``marked_sentence`` (source in ``<s>..</s>``, target in ``<t>..</t>``) is classified by
:class:`wirewatch.extract.classify.EventClassifier` and compared with ``gold_root`` (15 labels; CONCEDE and
RETREAT count as YIELD) and, through the root's quad class, with ``gold_penta`` (1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict). Reports accuracy, macro-F1 over the
labels present in gold or prediction, per-label F1, quad accuracy and sentences per second (classification
only, model loading excluded).

``coder="extract"`` measures the article pipeline's own event coder instead (what ``wirewatch extract``
outputs): each row's sentence, markers removed, is run through the pipeline as a one-sentence article, and the
prediction is the type of one extracted event, chosen by how its arguments meet the marked spans: actor over
the source and recipient over the target, else actor over the source, else recipient over the target, else
any event (the most confident within a tier). A row with no event at all counts as wrong (a miss for its gold
label; "no event" is not itself a label in the macro-F1) and is also reported as ``no_event``; ``coverage``
is the share of rows with an event, ``match`` how the chosen events met the spans.

    python -m wirewatch.evaluate.events --plv /work/shared/eval/events/PLV_test.tsv [--coder extract] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from wirewatch.errors import InputError
from wirewatch.extract.classify import MARKER_RE, ROOT_ALIASES, EventClassifier, quad_of

if TYPE_CHECKING:
    from wirewatch.model import Document
    from wirewatch.pipeline import Pipeline

CODERS = ("classifier", "extract")
NO_EVENT = "NONE"  # the extract coder's answer for a sentence it found no event in
MATCH_TIERS = ("both", "actor", "recipient", "any", "none")


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


def unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """The plain sentence of a marked one, with the character spans the source and target had in it."""
    plain: list[str] = []
    spans: dict[str, list[int]] = {}
    pos = 0
    length = 0
    for m in MARKER_RE.finditer(marked):
        plain.append(marked[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        tag = m.group()
        spans.setdefault(tag.strip("</>"), []).append(length)
    plain.append(marked[pos:])

    def span(tag: str) -> tuple[int, int] | None:
        edges = spans.get(tag, [])
        return (edges[0], edges[1]) if len(edges) >= 2 else None

    return "".join(plain), span("s"), span("t")


def _overlaps(doc: Document, ids: list[str], span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    lo, hi = span
    return any(m.start < hi and lo < m.end for e in doc.entities if e.id in ids for m in e.mentions)


def choose_event(doc: Document, source: tuple[int, int] | None, target: tuple[int, int] | None) -> tuple[str, str]:
    """(PLOVER root, match tier) of the event of ``doc`` that best fits the marked source and target."""
    if not doc.events:
        return NO_EVENT, "none"
    ranked = []
    for n, event in enumerate(doc.events):
        actor = _overlaps(doc, event.actor, source)
        recipient = _overlaps(doc, event.recipient, target)
        tier = 0 if actor and recipient else 1 if actor else 2 if recipient else 3
        ranked.append((tier, -event.confidence, n))  # lower tier first, then more confident, then earlier
    tier, _, n = min(ranked)
    return _canon(doc.events[n].event_type), MATCH_TIERS[tier]


def extract_predictions(
    rows: list[dict[str, str]], pipeline: Pipeline | None = None
) -> tuple[list[tuple[str, str]], float]:
    """The extract coder's (root, match tier) for every row, and the seconds the pipeline took."""
    from wirewatch.model import Article
    from wirewatch.pipeline import Pipeline

    pipe = pipeline or Pipeline()
    if "event_retype" in pipe.settings.pipeline:
        EventClassifier.load()  # loading is not coding: keep it out of the timing, as for the classifier
    parsed = [unmark(r["marked_sentence"]) for r in rows]
    articles = [Article(text=text, origin=f"PLV row {i + 1}") for i, (text, _, _) in enumerate(parsed)]
    t0 = time.perf_counter()
    docs = list(pipe.pipe(articles, batch_size=64))
    elapsed = time.perf_counter() - t0
    return [choose_event(d, s, t) for d, (_, s, t) in zip(docs, parsed, strict=True)], elapsed


def evaluate_plv(
    path: str,
    limit: int | None = None,
    classifier: EventClassifier | None = None,
    coder: str = "classifier",
    pipeline: Pipeline | None = None,
) -> dict[str, Any]:
    """Code every row of a PLV file with ``coder`` and score it against the gold roots and quad classes."""
    if coder not in CODERS:
        raise InputError(f"unknown event coder {coder!r}; known: {', '.join(CODERS)}")
    rows = read_plv(path, limit)
    tiers: list[str] = []
    if coder == "extract":
        predicted, elapsed = extract_predictions(rows, pipeline)
        pred = [label for label, _ in predicted]
        tiers = [tier for _, tier in predicted]
    else:
        clf = classifier or EventClassifier.load()
        marked = [r["marked_sentence"] for r in rows]
        t0 = time.perf_counter()
        pred = [label for label, _ in clf.predict_marked(marked)]
        elapsed = time.perf_counter() - t0
    gold = [_canon(r["gold_root"]) for r in rows]
    n = len(rows)
    # "no event" is a miss for the gold label, not a label of its own in the average
    per_label = {k: v for k, v in f1_scores(gold, pred).items() if k != NO_EVENT}
    if "gold_penta" in rows[0]:
        gold_quad = [int(r["gold_penta"]) for r in rows]
    else:
        gold_quad = [quad_of(g) for g in gold]
    quad_hits = sum(p != NO_EVENT and quad_of(p) == q for p, q in zip(pred, gold_quad, strict=True))
    result: dict[str, Any] = {
        "file": path,
        "coder": coder,
        "n": n,
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / n if n else 0.0,
        "macro_f1": sum(per_label.values()) / len(per_label) if per_label else 0.0,
        "quad_accuracy": quad_hits / n if n else 0.0,
        "sentences_per_second": n / elapsed if elapsed > 0 else float("inf"),
        "seconds": elapsed,
        "labels": len(per_label),
    }
    if coder == "extract":
        found = [i for i, p in enumerate(pred) if p != NO_EVENT]
        counts = Counter(tiers)
        result["coverage"] = len(found) / n if n else 0.0
        result["no_event"] = n - len(found)
        result["accuracy_where_found"] = (
            sum(gold[i] == pred[i] for i in found) / len(found) if found else 0.0
        )
        result["match"] = {tier: counts.get(tier, 0) for tier in MATCH_TIERS}
    result["f1_per_label"] = per_label
    return result


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"PLV: {result['file']}  ({result['n']} sentences, coder {result.get('coder', 'classifier')})",
        f"accuracy       {result['accuracy']:.4f}",
        f"macro-F1       {result['macro_f1']:.4f}  (over {result['labels']} labels)",
        f"quad accuracy  {result['quad_accuracy']:.4f}",
        f"speed          {result['sentences_per_second']:.0f} sentences/s",
    ]
    if "coverage" in result:
        match = ", ".join(f"{k} {v}" for k, v in result["match"].items())
        lines += [
            f"coverage       {result['coverage']:.4f}  (no event found: {result['no_event']})",
            f"accuracy where an event was found  {result['accuracy_where_found']:.4f}",
            f"event chosen by  {match}",
        ]
    lines.append("per-label F1:")
    lines += [f"  {label:<10} {f1:.3f}" for label, f1 in result["f1_per_label"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate PLOVER event classification on a PLV file.")
    ap.add_argument("--plv", required=True, help="PLV TSV file, e.g. /work/shared/eval/events/PLV_test.tsv")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows (0: all)")
    ap.add_argument("--coder", choices=CODERS, default="classifier",
                    help="classifier: the sentence classifier; extract: the article pipeline's event coder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    try:
        result = evaluate_plv(args.plv, limit=args.limit or None, coder=args.coder)
    except InputError as exc:
        print(f"wirewatch: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
