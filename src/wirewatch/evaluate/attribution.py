"""Attribution accuracy on PolNeAR (brat standoff Source / Cue / Content spans).

    python -m wirewatch.evaluate.attribution --polnear DIR --split dev|test [--out DIR] [--json]

The scoring follows the reference definition (``score_polnear.py`` of the shared evaluation data):
one annotation file per text (the first by name); a predicted attribution matches a gold one when
their content spans' character Jaccard is >= 0.5, one-to-one, best first ("loose": any overlap).
On matched pairs the source is right when the predicted speaker span overlaps the gold source span
or either text contains the other (articles dropped); the cue is right when the spans overlap.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from . import print_figures

if TYPE_CHECKING:
    from ..model import Article

ANN_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")
DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass
class GoldAttribution:
    content: set[int]
    source: set[int]
    source_text: str
    cue: set[int]


@dataclass
class PredAttribution:
    content: set[int]
    speaker: set[int]
    speaker_text: str
    cue: set[int]


def char_set(ranges: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for a, b in ranges:
        out.update(range(a, b))
    return out


def read_gold(ann_path: Path) -> list[GoldAttribution]:
    try:
        return _read_gold(ann_path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"{ann_path}: not a readable brat annotation file ({e})") from None


def _read_gold(ann_path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            kind, offsets = parts[1].split(" ", 1)
            ranges = [tuple(map(int, r.split())) for r in offsets.split(";")]
            spans[parts[0]] = (kind, ranges, parts[2] if len(parts) > 2 else "")  # type: ignore[misc]
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(a.split(":", 1) for a in parts[1].split()))
    gold = []
    for rel in relations:
        def get(key: str, rel: dict[str, str] = rel) -> tuple[str, list[tuple[int, int]], str]:
            return spans.get(rel.get(key, ""), ("", [], ""))

        content = get("Content")
        if not content[1]:
            continue
        source = get("Source")
        gold.append(GoldAttribution(char_set(content[1]), char_set(source[1]), source[2], char_set(get("Cue")[1])))
    return gold


def predictions(doc: dict[str, Any]) -> list[PredAttribution]:
    out = []
    for a in doc.get("attributions", []):
        c = a.get("content") or {}
        if c.get("start") is None:
            continue
        sp = a.get("speaker") or {}
        cue = a.get("cue") or {}
        out.append(PredAttribution(
            content=set(range(c["start"], c["end"])),
            speaker=set(range(sp["start"], sp["end"])) if sp.get("start") is not None else set(),
            speaker_text=sp.get("text") or "",
            cue=set(range(cue["start"], cue["end"])) if cue.get("start") is not None else set(),
        ))
    return out


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def match_contents(gold: list[set[int]], pred: list[set[int]], threshold: float) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs matched one-to-one, best Jaccard first, at ``threshold`` or more."""
    pairs = sorted(((jaccard(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[int, int]] = []
    for j, gi, pi in pairs:
        if j < threshold or j == 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    return matched


def norm(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", (text or "").lower().strip())
    return " ".join(text.split())


@dataclass
class Tally:
    matched: int = 0
    gold: int = 0
    pred: int = 0
    source_right: int = 0
    with_source: int = 0
    cue_right: int = 0
    with_cue: int = 0

    def add(self, gold: list[GoldAttribution], pred: list[PredAttribution], threshold: float) -> None:
        matched = match_contents([g.content for g in gold], [p.content for p in pred], threshold)
        for gi, pi in matched:
            g, p = gold[gi], pred[pi]
            if g.source:
                self.with_source += 1
                a, b = norm(g.source_text), norm(p.speaker_text)
                if (p.speaker & g.source) or (a and b and (a in b or b in a)):
                    self.source_right += 1
            if g.cue:
                self.with_cue += 1
                if p.cue & g.cue:
                    self.cue_right += 1
        self.matched += len(matched)
        self.gold += len(gold)
        self.pred += len(pred)

    def figures(self, prefix: str = "") -> dict[str, float]:
        prec, rec = self.matched / max(1, self.pred), self.matched / max(1, self.gold)
        return {
            f"{prefix}content_precision": prec,
            f"{prefix}content_recall": rec,
            f"{prefix}content_f1": 2 * prec * rec / max(1e-9, prec + rec),
            f"{prefix}source_accuracy": self.source_right / max(1, self.with_source),
            f"{prefix}cue_accuracy": self.cue_right / max(1, self.with_cue),
        }


def split_texts(split_dir: Path) -> dict[str, Path]:
    """Text name -> its first annotation file by name (as the reference scorer picks it)."""
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    chosen: dict[str, Path] = {}
    for ann in anns:
        chosen.setdefault(ANN_SUFFIX.sub("", ann.name), ann)
    return chosen


def polnear_article(split_dir: Path, name: str) -> Article:
    """One PolNeAR text as an article, its publication date taken from the file name."""
    from ..model import Article

    path = split_dir / "text" / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: missing (its annotations are in {split_dir / 'attributions'})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a readable UTF-8 text ({e})") from None
    m = DATE_IN_NAME.search(name)
    return Article(text=text, published=m.group(1) if m else None)


def score_outputs(split_dir: Path, docs: dict[str, dict[str, Any]], *, only_present: bool = False) -> dict[str, Any]:
    """Figures over the split; a text with no document counts as predicting nothing unless ``only_present``."""
    strict, loose = Tally(), Tally()
    for name, ann in split_texts(split_dir).items():
        if only_present and name not in docs:
            continue
        gold = read_gold(ann)
        pred = predictions(docs.get(name, {}))
        strict.add(gold, pred, 0.5)
        loose.add(gold, pred, 1e-9)
    return {**strict.figures(), **loose.figures("loose_"), "gold_attributions": strict.gold,
            "predicted_attributions": strict.pred}


def evaluate_polnear(polnear: str | Path, split: str, *, out: str | Path | None = None,
                     limit: int | None = None) -> dict[str, Any]:
    """Run extraction over a PolNeAR split and score it; with ``out``, also write the documents there."""
    from ..pipeline import Pipeline

    split_dir = Path(polnear) / split
    if not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        raise InputError(f"{split_dir}: not a PolNeAR split (expected text/ and attributions/)")
    names = list(split_texts(split_dir))[:limit] if limit else list(split_texts(split_dir))
    pipe = Pipeline()
    docs: dict[str, dict[str, Any]] = {}
    out_dir = Path(out) if out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for name in names:
        doc = pipe(polnear_article(split_dir, name)).to_dict()
        docs[name] = doc
        if out_dir:
            (out_dir / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    elapsed = time.perf_counter() - t0
    result = score_outputs(split_dir, docs, only_present=bool(limit))
    result.update({"split": split, "articles": len(names), "articles_per_s": round(len(names) / elapsed, 2)})
    total = sum(pipe.timings.values())
    result["attribution_stage_share"] = round(pipe.timings.get("attributions", 0.0) / max(total, 1e-9), 4)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m wirewatch.evaluate.attribution", description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True, help="PolNeAR directory holding train/ dev/ test/")
    ap.add_argument("--split", required=True, choices=("train", "dev", "test"))
    ap.add_argument("--out", help="also write each document JSON here (for score_polnear.py)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = evaluate_polnear(args.polnear, args.split, out=args.out, limit=args.limit)
    print_figures(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
