"""Score `extract` on public news articles no one here wrote, against our gold (samples/gold/real/).

    .venv/bin/python bench/score_real.py [--split dev|test|all] [--json] [--per-article]
                                         [--eval ../shared/eval] [--dump DIR]

The articles are read from the shared evaluation folder (GeoWebNews texts, PolNeAR texts, FNC-1
bodies; never copied into the repository); each gold file names its source. Every figure of the
reference scorer ``score_gold.py`` (the one that scores the seed) is averaged over the articles of the
split, and two coreference figures are added, over the gold items whose speaker or actor the text
names with a pronoun or a nominal ("he", "they", "the ministry"):

- ``pronoun_speaker_accuracy``: gold attributions with a ``speaker_surface`` whose claim was found and
  whose speaker resolves to the entity referred to, over all such gold attributions;
- ``pronoun_actor_accuracy``: gold events with an ``actor_surface`` matched by an event with the right
  type and actor, over all such gold events.

The test split is for reporting: nothing is tuned on it (samples/gold/real/README.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from score_samples import load_scorer
from wirewatch.model import Article
from wirewatch.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "samples" / "gold" / "real"
EVAL = REPO.parent / "shared" / "eval"


@cache
def fnc1_bodies(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}


def article_text(source: str, eval_dir: Path) -> str:
    """The text a gold file's ``source`` names: a file under the eval folder, or ``CSV#Body ID``."""
    if "#" in source:
        name, body_id = source.split("#", 1)
        return fnc1_bodies(eval_dir / name)[body_id]
    return (eval_dir / source).read_text(encoding="utf-8")


def gold_files(split: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split in ("all", gold["split"]):
            yield path, gold


def coreference(scorer: Any, gold: dict[str, Any], doc: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """(right, total) for the gold speakers and actors named by a pronoun or nominal."""
    ents = scorer.entity_texts(doc)
    places = {p["id"]: p for p in doc.get("places", [])}
    out: dict[str, tuple[int, int]] = {}
    speakers = [g for g in gold["attributions"] if g.get("speaker_surface")]
    right = 0
    for g in speakers:
        # the claim found (content inside) with the speaker resolved to a name of the referent
        found = [a for a in doc.get("attributions", []) if scorer.attribution_ok(g, a, ents) is not None]
        right += any(scorer.names_match(g["speaker"], scorer.refs_texts([(a.get("speaker") or {}).get("entity")], ents))
                     for a in found)
    out["pronoun_speaker"] = (right, len(speakers))
    actors = [g for g in gold["events"] if g.get("actor_surface")]
    right = sum(any(scorer.event_ok(g, v, ents, places) for v in doc.get("events", [])) for g in actors)
    out["pronoun_actor"] = (right, len(actors))
    return out


def event_verdicts(scorer: Any, gold: dict[str, Any], doc: dict[str, Any]) -> list[bool]:
    """For each predicted event, whether the reference scorer accepts it (matched to a gold or optional event)."""
    ents = scorer.entity_texts(doc)
    places = {p["id"]: p for p in doc.get("places", [])}
    evs = doc.get("events", [])
    found = {pi for _, pi, _ in scorer.match(gold["events"], evs,
                                             lambda g, v: scorer.event_ok(g, v, ents, places) or None)}
    extra = [i for i in range(len(evs)) if i not in found]
    optional = scorer.match(gold.get("optional_events", []), [evs[i] for i in extra],
                            lambda g, v: scorer.event_ok(g, v, ents, places) or None)
    found |= {extra[pi] for _, pi, _ in optional}
    return [i in found for i in range(len(evs))]


def documents(split: str, eval_dir: Path, pipe: Pipeline) -> Iterator[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """(gold path, gold, document) for each real-news article of ``split``."""
    for path, gold in gold_files(split):
        article = Article(text=article_text(gold["source"], eval_dir), published=gold.get("published"),
                          source=gold.get("outlet"), origin=gold["source"])
        yield path, gold, pipe(article).to_dict()


def score_split(split: str, eval_dir: Path, per_article: bool = False, dump: Path | None = None
                ) -> dict[str, Any]:
    scorer = load_scorer()
    pipe = Pipeline()
    totals: dict[str, float] = {}
    coref: dict[str, list[int]] = {}
    n = 0
    for path, gold, doc in documents(split, eval_dir, pipe):
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            (dump / path.name).write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
        scores = scorer.score(gold, doc)
        if per_article:
            print(path.stem, " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                      for k, v in scores.items()))
        for k, v in scores.items():
            totals[k] = totals.get(k, 0.0) + v
        for k, (right, total) in coreference(scorer, gold, doc).items():
            acc = coref.setdefault(k, [0, 0])
            acc[0] += right
            acc[1] += total
        n += 1
    summary: dict[str, Any] = {k: (v if k == "forbidden_events" else round(v / max(1, n), 3))
                               for k, v in totals.items()}
    for k, (right, total) in coref.items():
        summary[f"{k}_accuracy"] = round(right / total, 3) if total else None
        summary[f"{k}_items"] = total
    summary["articles"] = n
    summary["split"] = split
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--eval", type=Path, default=EVAL, help="the shared evaluation folder")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--per-article", action="store_true")
    ap.add_argument("--dump", type=Path, help="also write each article's document JSON here")
    args = ap.parse_args(argv)
    if not args.eval.is_dir():
        print(f"score_real: no evaluation folder at {args.eval} (give --eval)", file=sys.stderr)
        return 2
    summary = score_split(args.split, args.eval, args.per_article, args.dump)
    if args.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
