"""Reliability of event confidence on the real-news gold: expected calibration error and a reliability diagram.

    .venv/bin/python bench/calibration.py [--eval ../shared/eval] [--out docs/img/event_reliability.png]

For the dev split (the calibration was fitted on it) and the held-out test split, every extracted event is
labelled right or wrong by the reference scorer (its type and actor match a gold or optional event), and its
confidence is compared with that outcome: the expected calibration error (ECE, 10 equal-width bins, weighted
by the share of events in each bin) is printed for the raw rule score and for the calibrated confidence, with
the Brier score; the diagram plots accepted share against mean confidence per bin for both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from score_real import EVAL, REPO, documents, event_verdicts
from score_samples import load_scorer
from wirewatch.pipeline import Pipeline

sys.path.insert(0, str(REPO / "scripts"))
from calibrate_events import raw_pipeline  # noqa: E402

BINS = 10


def outcomes(split: str, eval_dir: Path, pipe: Pipeline) -> tuple[list[float], list[bool]]:
    scorer = load_scorer()
    conf: list[float] = []
    right: list[bool] = []
    for _, gold, doc in documents(split, eval_dir, pipe):
        conf += [float(ev["confidence"]) for ev in doc["events"]]
        right += event_verdicts(scorer, gold, doc)
    return conf, right


def reliability(conf: list[float], right: list[bool]) -> tuple[float, float, list[tuple[float, float, int]]]:
    """(ECE, Brier score, [(mean confidence, accepted share, events) per non-empty bin])."""
    bins: list[list[int]] = [[] for _ in range(BINS)]
    for i, c in enumerate(conf):
        bins[min(BINS - 1, int(c * BINS))].append(i)
    rows = [(sum(conf[i] for i in b) / len(b), sum(right[i] for i in b) / len(b), len(b)) for b in bins if b]
    n = max(1, len(conf))
    ece = sum(k / n * abs(mean - share) for mean, share, k in rows)
    brier = sum((c - r) ** 2 for c, r in zip(conf, right, strict=True)) / n
    return ece, brier, rows


def draw(curves: dict[str, list[tuple[float, float, int]]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="#999", linestyle="--", linewidth=1, label="perfect calibration")
    for label, rows in curves.items():
        ax.plot([r[0] for r in rows], [r[1] for r in rows], marker="o", label=label)
    ax.set_xlabel("event confidence (bin mean)")
    ax.set_ylabel("share accepted by the reference scorer")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("Event confidence on real news (samples/gold/real)")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "event_reliability.png")
    args = ap.parse_args(argv)
    if not args.eval.is_dir():
        print(f"calibration: no evaluation folder at {args.eval} (give --eval)", file=sys.stderr)
        return 2
    pipes: dict[str, Any] = {"raw": raw_pipeline(), "calibrated": Pipeline()}
    curves: dict[str, list[tuple[float, float, int]]] = {}
    for split in ("dev", "test"):
        for kind, pipe in pipes.items():
            conf, right = outcomes(split, args.eval, pipe)
            ece, brier, rows = reliability(conf, right)
            print(f"{split:4s} {kind:10s} events {len(conf):4d}  accepted {sum(right) / max(1, len(right)):.3f}  "
                  f"mean confidence {sum(conf) / max(1, len(conf)):.3f}  ECE {ece:.3f}  Brier {brier:.3f}")
            curves[f"{split} {kind}"] = rows
    draw(curves, args.out)
    print(f"reliability diagram: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
