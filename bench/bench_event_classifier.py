"""Speed of the PLOVER event classifier: sentences per second on this machine (no asserts).

    python bench/bench_event_classifier.py [--plv /work/shared/eval/events/PLV_test.tsv] [--repeat 3]

Uses the PLV file's marked sentences when it exists, otherwise the test suite's own sentences repeated.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from wirewatch.extract.classify import EventClassifier, mark  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plv", default="/work/shared/eval/events/PLV_test.tsv")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if Path(args.plv).is_file():
        with open(args.plv, encoding="utf-8", newline="") as fh:
            marked = [r["marked_sentence"] for r in csv.DictReader(fh, delimiter="\t")]
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from test_event_classifier import OWN_SENTENCES

        marked = [mark(s, a, b) for s, a, b, _ in OWN_SENTENCES] * 40
    t0 = time.perf_counter()
    clf = EventClassifier.load()
    print(f"load: {time.perf_counter() - t0:.2f} s")
    best = 0.0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        clf.predict_marked(marked)
        best = max(best, len(marked) / (time.perf_counter() - t0))
    print(f"{len(marked)} sentences: {best:.0f} sentences/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
